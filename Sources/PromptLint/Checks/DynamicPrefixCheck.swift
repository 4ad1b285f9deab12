/// PL001: a slot whose value changes per request, user or day, followed by static content that a
/// provider would otherwise cache (or by conversation history, which is cached turn to turn).
///
/// What counts after a slot depends on the profile (`LintProfile`):
/// - `cost` (default): the static content after the slot in the same request that a fix can move into
///   the cached prefix: the stretches of static text between dynamic values (and after the last one) of
///   at least `min_block_tokens` (64, about a paragraph); shorter stretches label the values around them
///   (`Here is the file:`) and move with them. Other prompts of the file and shorter branches of a
///   conditional are never counted. Reported from `min_static_tokens_after` (512: half the smallest
///   minimum cacheable prefix, 1,024 tokens, of the OpenAI, Anthropic and Gemini models in `Rules/pricing`).
///   `until_next_value: true` counts only up to the next dynamic value. Conversation history or attached
///   files after the value make a finding on their own only when evidence says the value changes per
///   request, since their size is unknown.
/// - `strict`: all static content after the slot (layout hygiene), from the `strict:` block's
///   `min_static_tokens_after` (24) and `min_fraction_after` (0.2 of the template's static tokens).
///
/// Conditionals are alternatives: a request renders one branch of each. The break is reported when some
/// rendering (each conditional at its largest branch, never the sum of its branches) puts the threshold
/// after the value; the message gives the range from the smallest rendering to the largest and the
/// conditions it depends on, and savings are priced on the smallest (what every request renders), so a
/// finding whose certain saving is nothing is `info`.
///
/// What a value shown to change (a clock, random or machine value, traced by data flow or written in the
/// expression) costs is what comes after it that would otherwise be cached: (a) the static text of the
/// same prompt and (b) the conversation that follows the prompt in the same request, when the code shows
/// it (`state["messages"]`, `*messages`, a list appended in a loop, a `MessagesPlaceholder`). With (b)
/// the finding is a `warning` whatever (a) is: the conversation after it cannot be cached either, turn
/// after turn. Without (b), (a) is judged by the profile's threshold; below it, from
/// `min_static_tokens_after_traced` (256, half the default threshold) tokens, counted as the threshold counts
/// them (the stretches of at least `min_block_tokens`: labels between later values move with those values), the finding is an `info` note
/// (near the threshold the token estimate and a provider's count may disagree) for a value that changes per
/// request; a shorter tail is not reported, since fixing it saves nothing until the prompt reaches a cache
/// minimum (`strict` notes it from 8 tokens: its own `min_static_tokens_after_traced`). A per-day or per-user value keeps one prefix for the day or user, so it
/// gets the note only from half the threshold on, or when the conversation visibly follows (it is appended
/// after what was measured, and is re-sent once the value changes). Retrieved
/// documents before the conversation (`{context}` then `{chat_history}`) count under (b) on their name.
///
/// Parameters: `min_static_tokens_after`, `min_fraction_after`, `min_block_tokens`, `until_next_value`,
/// `min_static_tokens_after_traced`, `unknown_is_dynamic` (true), `strict:`.
public struct DynamicPrefixCheck: RuleCheck {
    /// `dynamic-prefix`.
    public static let identifier = "dynamic-prefix"
    let thresholds: [LintProfile: TailThreshold]
    /// The shortest static tail a value shown to change per request is noted before, per profile.
    let minTracedTokens: [LintProfile: Int]
    let unknownIsDynamic: Bool

    /// Creates the check.
    public init(parameters: RuleParameters) throws {
        thresholds = TailThreshold.byProfile(
            parameters, tokensKey: "min_static_tokens_after", defaultTokens: 512, strictTokens: 24, strictFraction: 0.2)
        let strict = TailThreshold.strictParameters(parameters)
        minTracedTokens = [
            .cost: parameters.int("min_static_tokens_after_traced", default: 256),
            .strict: strict.int("min_static_tokens_after_traced", default: 8),
        ]
        unknownIsDynamic = parameters.bool("unknown_is_dynamic", default: true)
    }

    /// Finds where the cacheable prefix breaks: one hit at the first dynamic value with cacheable content
    /// (or session content) after it, listing the later values that sit before static content too.
    ///
    /// The hit is `info` unless one value in it is both backed by evidence (not classified by name alone, or not
    /// at all) and worth a warning on its own (a tail over the threshold, or the conversation after it), and when
    /// the fix saves nothing: the prompt's static content is below every in-scope provider's cache minimum.
    public func run(_ context: CheckContext) -> [CheckHit] {
        let layout = context.layout
        let threshold = thresholds[context.profile] ?? TailThreshold(minTokens: 512, minFraction: 0, minBlock: 64)
        let tails = threshold.tails(in: layout)
        let largestTails = threshold.tails(in: layout, largest: true)
        let minTraced = minTracedTokens[context.profile] ?? 256
        var first: (index: Int, history: Int?)?
        var others: [String] = []
        var related: [RelatedLocation] = []
        var seen: Set<String> = []
        // True once one value is both evidence-backed and worth a warning on its own (a long static tail or the
        // conversation after it): a name alone never makes a warning, nor does a short tail after a traced value
        // joined with the long tail of a value judged only from its name.
        var warnsOnEvidence = false
        // False while every hit rests only on a short static tail (below the profile's threshold).
        var worthWarning = false
        for i in layout.items.indices {
            guard let slot = layout.items[i].slot, let cls = layout.items[i].slotClass,
                cls.isDynamic(unknownIsDynamic: unknownIsDynamic), cls.kind != .history,
                !layout.items[i].inDynamicLoop
            else { continue }
            // Session-stable content after a per-request value is lost to the cache turn after turn;
            // attached files themselves are session-stable, so only static text counts after them. By
            // default a per-user or per-day value, the same through a session, does not break it either;
            // `strict` reports it (hygiene: the value could go after the history).
            let staysPerSession = cls.volatility == .perUser || cls.volatility == .perDay
            let breaksSession = cls.kind != .attachment && (context.profile == .strict || !staysPerSession)
            var history = breaksSession ? layout.sessionSlot(after: i) : nil
            // An input followed by the conversation is the task of an agent loop (`Question: {input}` then
            // the scratchpad): the same for every turn of its run, so the conversation after it stays cached.
            if cls.kind == .input, let h = history, layout.items[h].slotClass?.kind == .history { history = nil }
            // An agent's scratchpad (`{agent_scratchpad}`, `intermediate_steps`) holds the tool loop's turns of
            // this request only: empty when a request starts, so nothing kept across requests follows there.
            // A window of the last few messages re-sliced on every request (`history[-3:]`) keeps no earlier turn
            // across requests either: within two turns it holds none of the messages it held before.
            while let h = history, Self.isScratchpad(layout.items[h].slot) || Self.isShortWindow(layout.items[h].slot) {
                history = layout.sessionSlot(after: h)
            }
            let bigTail = threshold.isMet(by: largestTails[i], in: layout, largest: true)
            // A short tail costs something on every request only when the value changes between requests:
            // a per-day or per-user value keeps one prefix for the day or user, so it is noted only near the
            // threshold (at least half of it), where the token estimate and a provider's count may disagree.
            // Counted as the threshold counts it (stretches of at least `min_block_tokens`): the short labels
            // between later values (`Main goal:`, `Stats:`) move with those values, so a fix saves nothing there.
            let tail = largestTails[i]
            let conversationFollows = layout.historySlot(after: i) != nil
            let shortTail = Self.isShownVolatile(cls) && tail >= minTraced
                && (!staysPerSession || tail * 2 >= threshold.minTokens || conversationFollows)
            // How much history or attached content follows is unknown here, so by default it makes a
            // finding only when evidence (not a name) says the value changes per request.
            // Retrieved documents change with every question by design, so the conversation after them (a
            // history slot of the same prompt, or the one the code sends after it) is lost whatever the
            // evidence for the name: the history arm of a RAG prompt (`{context}` then `{chat_history}`).
            // A value read on its name (`{context}`, `${ok ? docs : ""}`) is retrieved text; an object or list
            // literal whose keys mention documents (a tools object) is not.
            // A count of the conversation's rounds (`round_count`) or messages (`totalMessages`) changes on every
            // turn by design too.
            let changesEachTurn = cls.kind == .documents && !Self.isLiteralCollection(slot.expression)
                || cls.kind == .value && cls.volatility == .perRequest && SlotClassifier.countsConversation(slot.variable ?? slot.expression)
            let retrievedBeforeConversation = changesEachTurn && history != nil && layout.historySlot(after: i) != nil
            let countsSession = history != nil
                && (context.profile == .strict || cls.evidence == .evidence || retrievedBeforeConversation)
            guard bigTail || countsSession || shortTail else { continue }
            worthWarning = worthWarning || bigTail || countsSession
            warnsOnEvidence = warnsOnEvidence || cls.evidence == .evidence && (bigTail || countsSession)
            // A value shown to change (a clock) after values nothing says anything of (`possibly dynamic`, such
            // as a tool list): the finding is anchored at it, where the prompt certainly changes; the earlier
            // ones are named as possible earlier breaks. A value classified by its name (`user.name`) keeps it,
            // unless it is a user's setting (`user_timezone`) and the later value is shown to change on every
            // request: a user's requests, and most users', share the setting, so the prefix breaks at the later one.
            // (Then only before long static content of its own: a clock near the end, before the conversation
            // alone, moves nothing a user's requests would share.)
            let reanchors = Self.isShownVolatile(cls)
                && first.map {
                    Self.yieldsTo(layout.items[$0.index], perRequest: cls, bigTail: bigTail, sameStretch: largestTails[$0.index] == tail)
                } == true
            if reanchors {
                others = []
                related = []
                seen = []
            }
            if first == nil || reanchors {
                first = (i, countsSession ? history : nil)
                seen.insert(slot.source)
                // A value for a prompt defined in another file: the slot there is where the layout changes.
                if let site = slot.promptSite { related.append(site) }
                // A value written in an included partial: its line there.
                if let site = slot.partialSite { related.append(site) }
                // A value in text built elsewhere in the file: the prompt's slot that interpolates that text.
                if let site = slot.enclosingSite, site.line != slot.position.line,
                    !related.contains(where: { $0.path == nil && $0.line == site.line }) { related.append(site) }
                // A value another file passes to this template: the call there is where it enters.
                if let origin = cls.origin { related.append(origin) }
            } else if seen.insert(slot.source).inserted {
                others.append(slot.source)
            }
            if first?.index != i {
                related.append(RelatedLocation(slot.position, snippet: slot.source))
                if let site = slot.promptSite { related.append(site) }
                if let site = slot.partialSite { related.append(site) }
                if let site = slot.enclosingSite, site.line != slot.position.line,
                    !related.contains(where: { $0.path == nil && $0.line == site.line }) { related.append(site) }
            }
        }
        guard let (i, sessionAfter) = first, let slot = layout.items[i].slot, let cls = layout.items[i].slotClass else { return [] }
        let after = tails[i]
        // Below the profile's threshold the tail is counted whole (it is what the finding rests on).
        let (tokens, depends) = worthWarning
            ? TailThreshold.describe(smallest: after, largest: largestTails[i], conditions: layout.alternativeConditions(after: i))
            : (String(layout.staticTokens(after: i)), "")
        var follows = "~\(tokens) tokens of static content\(depends)"
        var conversationNote = ""
        if let h = sessionAfter, let hs = layout.items[h].slot {
            let isHistory = layout.items[h].slotClass?.kind == .history
            // A slot taken for the conversation on its name alone (`{{transcript}}`) may be this call's own input
            // rather than turns kept across requests: named for what it rests on, the loss said as a condition.
            let historyByName = isHistory && layout.items[h].slotClass?.evidence != .evidence
            let what = isHistory ? "the conversation history" : "the attached files"
            // A conversation built by a whole expression (a `flatMap` over stored turns) is named by its opening.
            let named = TextMatch.short(hs.source)
            if historyByName {
                let described = "`\(named)` (conversation history, judged from the name alone)"
                follows = after > 0 ? follows + " and " + described : described
                conversationNote = " If it holds turns kept across requests, they cannot be cached either."
            } else {
                follows += after > 0 ? " and \(what) (`\(named)`)" : ""
                // Alone, the conversation is named by its turns, so the rule's "{follows} come after it" reads right.
                if after == 0 { follows = isHistory ? "the conversation's turns (`\(named)`)" : "\(what) (`\(named)`)" }
                if isHistory {
                    conversationNote = " The conversation after it (`\(named)`) cannot be cached either, turn after turn."
                }
            }
        }
        var also = ""
        if !others.isEmpty {
            let names = others.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
            let more = others.count > 3 ? " and \(others.count - 3) more" : ""
            also = ", as are \(names)\(more) after it"
        }
        let minimum = context.providers.map(\.defaultMinimumCacheableTokens).min() ?? 0
        // Savings are priced on what every request renders (each conditional's smallest branch).
        let belowMinimum = sessionAfter == nil && !context.providers.isEmpty && layout.totalStaticTokens < minimum
        let nothingGuaranteed = worthWarning && sessionAfter == nil && after == 0 && largestTails[i] > 0
        let savesNothing = belowMinimum || nothingGuaranteed
        var note = conversationNote
        // Earlier values that may change too, whose own evidence did not make a finding (provenance unknown, a
        // name alone): if one of them changes between requests, the prefix breaks there, the line to move first.
        let earlier = Self.earlierValues(before: i, in: layout, unknownIsDynamic: unknownIsDynamic)
        if !earlier.isEmpty {
            let shown = earlier.prefix(3).map { "`\($0.source)` (line \($0.position.line), \($0.label))" }
            let more = earlier.count > 3 ? " and \(earlier.count - 3) more" : ""
            note += " Before it, \(shown.joined(separator: ", "))\(more) may change too; if one does, the break starts there."
            related = earlier.map { RelatedLocation($0.position, snippet: $0.source) } + related
        }
        // Why the finding is only a note (the cost this prompt shows is small), kept apart for the runner: a send
        // site of the prompt that shows the conversation after it makes the same break a warning.
        var smallCost: String?
        if belowMinimum {
            smallCost = " Even fixed, the ~\(layout.totalStaticTokens) static tokens every request renders stay below the \(minimum)-token cache minimum of every provider in scope, so the fix saves nothing for certain."
            note = smallCost!
        } else if nothingGuaranteed {
            smallCost = " Only some renderings put static content after it, so the fix saves nothing for certain."
            note = smallCost!
        } else if !worthWarning {
            smallCost = " That is below the cost threshold (`min_static_tokens_after`) and the code shows no conversation after the prompt, so the cost is small."
            note += smallCost!
        }
        var hit = CheckHit(
            position: slot.position, snippet: slot.source,
            values: [
                "slot": slot.source,
                "volatility": Self.volatilityLabel(cls), "kind": cls.kind.rawValue,
                "reason": cls.reason + cls.evidence.clause, "tokens": tokens, "follows": follows,
                "role": layout.items[i].role.rawValue, "also": also, "note": note,
            ],
            severityCap: warnsOnEvidence && !savesNothing ? nil : .info, related: related, breakIndex: i)
        hit.breakSite = slot.promptSite
        hit.tracedOrigin = cls.tracedTo
        hit.smallCostNote = smallCost
        // Written and read as the same literal: a placeholder's text (`{now}`, `${now}`) differs from its expression.
        hit.isLiteralValue = Self.isLiteralCollection(slot.source) && Self.isLiteralCollection(slot.expression)
        return [hit]
    }

    /// How the message states a value's volatility: `possibly dynamic` when nothing is known, `likely per-request`
    /// when only the name suggests it (a name says what a value holds, not how often it changes: a context block
    /// named like retrieved text may be built once per meeting), the plain label on evidence.
    static func volatilityLabel(_ cls: SlotClass) -> String {
        if cls.volatility == .unknown { return "possibly dynamic" }
        return cls.evidence == .name ? "likely " + cls.volatility.label : cls.volatility.label
    }

    /// The values before item `index` that may change between requests (dynamic, or of unknown provenance
    /// when `unknownIsDynamic`), outside dynamic loops and other than history: each with the label of its
    /// class (`possibly dynamic`, `per-request`).
    static func earlierValues(before index: Int, in layout: CacheLayout, unknownIsDynamic: Bool)
        -> [(source: String, position: SourcePosition, label: String)]
    {
        var out: [(source: String, position: SourcePosition, label: String)] = []
        guard let anchor = layout.items[index].slot else { return out }
        var seen: Set<String> = [anchor.source]
        for j in layout.items.indices where j < index {
            // Only values written before it (tool definitions are placed first but written anywhere), and not
            // object or list literals (a tools object).
            guard let slot = layout.items[j].slot, let cls = layout.items[j].slotClass, slot.position.line < anchor.position.line,
                cls.isDynamic(unknownIsDynamic: unknownIsDynamic), cls.kind != .history, !layout.items[j].inDynamicLoop,
                !isLiteralCollection(slot.expression), seen.insert(slot.source).inserted
            else { continue }
            out.append((slot.source, slot.position, cls.volatility == .unknown ? "possibly dynamic" : cls.volatility.label))
        }
        return out
    }

    /// True for the working turns an agent framework fills in for its tool loop (`agent_scratchpad`,
    /// `intermediate_steps`); not a plain `scratchpad` of notes an agent keeps from step to step.
    static func isScratchpad(_ slot: TemplateSlot?) -> Bool {
        guard let name = (slot?.variable ?? slot?.expression)?.lowercased() else { return false }
        return name.hasSuffix("agent_scratchpad") || name.hasSuffix("intermediate_steps")
    }

    /// True for a slot that takes at most the last four messages of a list (`messages[-3:]`, `history[-4:]`):
    /// two turns or fewer, a window that moves wholly within two turns rather than a conversation kept in the prefix.
    static func isShortWindow(_ slot: TemplateSlot?) -> Bool {
        guard let slot else { return false }
        for text in [slot.expression, slot.source] {
            let compact = text.filter { !$0.isWhitespace }
            guard compact.hasSuffix(":]"), let open = compact.lastIndex(of: "[") else { continue }
            let inner = compact[compact.index(after: open)..<compact.index(compact.endIndex, offsetBy: -2)]
            guard inner.hasPrefix("-"), let n = Int(inner.dropFirst()), n >= 1, n <= 4 else { continue }
            return true
        }
        return false
    }

    /// True for an object or list literal written in code (`{ getWeather, createDocument }`, `[a, b]`).
    static func isLiteralCollection(_ expression: String) -> Bool {
        let trimmed = expression.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.hasPrefix("{") || trimmed.hasPrefix("[")
    }

    /// Whether a finding anchored at a value of class `earlier` moves to a later value shown to change
    /// (`later`): when nothing says what fills the earlier one, or only its name says it is a user's setting
    /// (`user_timezone`) while the later one changes on every request and has long static content after it.
    ///
    /// A user's name (or any value judged per-user by its name alone) yields too when it shares one stretch of the
    /// prompt with the later value (`sameStretch`: no static block long enough to count stands between them,
    /// only labels such as `Current local time for ${userName}: ${now}`): the stretch changes on every request at
    /// the value shown to change, and the name is still named as a possible earlier break.
    static func yieldsTo(_ item: LayoutItem, perRequest later: SlotClass, bigTail: Bool, sameStretch: Bool = false) -> Bool {
        guard let earlier = item.slotClass else { return false }
        if earlier.volatility == .unknown { return true }
        guard bigTail, earlier.evidence == .name, earlier.volatility == .perUser, later.volatility == .perRequest,
            let name = item.slot.map({ ($0.variable ?? $0.expression).lowercased() })
        else { return false }
        return sameStretch || userSettingWords.contains { name.contains($0) }
    }

    /// Words of a user's settings (`user_timezone`, `locale`): the same for all of a user's requests and for most
    /// users, unlike their name or profile.
    private static let userSettingWords = ["timezone", "time_zone", "tz", "locale", "language"]

    /// True when the value is shown to change (a clock, random, machine or subprocess value found in the
    /// expression or by data flow): then any static content after it is certainly lost, however short.
    /// Inputs, documents and history are per-request by design and usually sit late; a short tail after
    /// them is left to the usual thresholds.
    static func isShownVolatile(_ cls: SlotClass) -> Bool {
        cls.evidence == .evidence && [.time, .identifier, .value].contains(cls.kind) && cls.volatility != .unknown
    }
}
