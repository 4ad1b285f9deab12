/// PL001: a slot whose value changes per request, user or day, followed by static content that a
/// provider would otherwise cache (or by conversation history, which is cached turn to turn).
///
/// Parameters: `min_static_tokens_after` (default 24), `min_fraction_after` (0.2: share of the
/// template's static tokens that follow the slot), `min_static_tokens_after_traced` (8: the tail that
/// suffices, whatever its share, when the value is shown to change (a clock, random or machine value,
/// traced by data flow or written in the expression) rather than guessed from a name or an input),
/// `unknown_is_dynamic` (true).
public struct DynamicPrefixCheck: RuleCheck {
    /// `dynamic-prefix`.
    public static let identifier = "dynamic-prefix"
    let minTokens: Int
    let minFraction: Double
    let minTracedTokens: Int
    let unknownIsDynamic: Bool

    /// Creates the check.
    public init(parameters: RuleParameters) throws {
        minTokens = parameters.int("min_static_tokens_after", default: 24)
        minFraction = parameters.double("min_fraction_after", default: 0.2)
        minTracedTokens = parameters.int("min_static_tokens_after_traced", default: 8)
        unknownIsDynamic = parameters.bool("unknown_is_dynamic", default: true)
    }

    /// Finds where the cacheable prefix breaks: one hit at the first dynamic value with cacheable content
    /// (or session content) after it, listing the later values that sit before static content too.
    ///
    /// The hit is `info` when every value in it is classified by name alone (or not at all), and when the
    /// fix saves nothing: the prompt's static content is below every in-scope provider's cache minimum.
    public func run(_ context: CheckContext) -> [CheckHit] {
        let layout = context.layout
        let total = max(layout.totalStaticTokens, 1)
        var first: (index: Int, history: Int?)?
        var others: [String] = []
        var seen: Set<String> = []
        var restsOnEvidence = false
        for i in layout.items.indices {
            guard let slot = layout.items[i].slot, let cls = layout.items[i].slotClass,
                cls.isDynamic(unknownIsDynamic: unknownIsDynamic), cls.kind != .history,
                !layout.items[i].inDynamicLoop
            else { continue }
            let after = layout.staticTokens(after: i)
            // Session-stable content after a volatile value is lost to the cache turn after turn;
            // attached files themselves are session-stable, so only static text counts after them. An input
            // followed by the conversation is the task of an agent loop (`Question: {input}` then the
            // scratchpad): the same for every turn of its run, so the conversation after it stays cached.
            var history = cls.kind == .attachment ? nil : layout.sessionSlot(after: i)
            if cls.kind == .input, let h = history, layout.items[h].slotClass?.kind == .history { history = nil }
            let bigTail = Self.isShownVolatile(cls)
                ? after >= minTracedTokens
                : after >= minTokens && Double(after) >= minFraction * Double(total)
            guard bigTail || history != nil else { continue }
            restsOnEvidence = restsOnEvidence || cls.evidence == .evidence
            if first == nil {
                first = (i, history)
                seen.insert(slot.source)
            } else if seen.insert(slot.source).inserted {
                others.append(slot.source)
            }
        }
        guard let (i, history) = first, let slot = layout.items[i].slot, let cls = layout.items[i].slotClass else { return [] }
        let after = layout.staticTokens(after: i)
        var follows = "~\(after) tokens of static content"
        if let h = history, let hs = layout.items[h].slot {
            let what = layout.items[h].slotClass?.kind == .history ? "the conversation history" : "the attached files"
            follows += after > 0 ? " and \(what) (`\(hs.source)`)" : ""
            if after == 0 { follows = "\(what) (`\(hs.source)`)" }
        }
        var also = ""
        if !others.isEmpty {
            let names = others.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
            let more = others.count > 3 ? " and \(others.count - 3) more" : ""
            also = ", as are \(names)\(more) after it"
        }
        let minimum = context.providers.map(\.defaultMinimumCacheableTokens).min() ?? 0
        let savesNothing = history == nil && !context.providers.isEmpty && layout.totalStaticTokens < minimum
        let note = savesNothing
            ? " Even fixed, the ~\(layout.totalStaticTokens) static tokens stay below the \(minimum)-token cache minimum of every provider in scope, so the fix saves nothing."
            : ""
        return [CheckHit(
            position: slot.position, snippet: slot.source,
            values: [
                "slot": slot.source,
                "volatility": cls.volatility == .unknown ? "possibly dynamic" : cls.volatility.label, "kind": cls.kind.rawValue,
                "reason": cls.reason + cls.evidence.clause, "tokens": String(after), "follows": follows,
                "role": layout.items[i].role.rawValue, "also": also, "note": note,
            ],
            severityCap: restsOnEvidence && !savesNothing ? nil : .info)]
    }

    /// True when the value is shown to change (a clock, random, machine or subprocess value found in the
    /// expression or by data flow): then any static content after it is certainly lost, however short.
    /// Inputs, documents and history are per-request by design and usually sit late; a short tail after
    /// them is left to the usual thresholds.
    static func isShownVolatile(_ cls: SlotClass) -> Bool {
        cls.evidence == .evidence && [.time, .identifier, .value].contains(cls.kind) && cls.volatility != .unknown
    }
}
