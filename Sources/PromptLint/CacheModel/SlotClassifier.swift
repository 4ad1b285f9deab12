import Foundation

/// Decides what a slot's value is likely to be, from (in order) configuration, the template's
/// structure, helpers and filters (`now()`, `date`, `uuid`), the variable's name, the template's own
/// metadata (input descriptions) and its sample values.
public struct SlotClassifier: Sendable {
    /// Variables declared constant (per deployment) by configuration, lower-cased.
    public var constants: Set<String>
    /// Explicit classifications by variable name (lower-cased), from configuration.
    public var declared: [String: SlotClass]
    /// Lengths of constant lists given in configuration (`constants: {tools: [a, b]}`), by lower-cased
    /// name: a loop over one renders its body that many times.
    public var constantLengths: [String: Int] = [:]

    /// Creates a classifier.
    /// - Parameters:
    ///   - constants: variable names that are per-deployment constants.
    ///   - declared: explicit classes by variable name.
    ///   - constantLengths: lengths of constant lists, by name.
    public init(constants: Set<String> = [], declared: [String: SlotClass] = [:], constantLengths: [String: Int] = [:]) {
        self.constants = Set(constants.map { $0.lowercased() })
        self.constantLengths = Dictionary(constantLengths.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.declared = Dictionary(declared.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// Classifies one slot of `template`, ignoring enclosing loops (see `CacheLayout` for those).
    public func classify(_ slot: TemplateSlot, in template: PromptTemplate? = nil) -> SlotClass {
        let expression = slot.expression.trimmingCharacters(in: .whitespacesAndNewlines)
        if let structural = structuralClass(slot, expression: expression) { return structural }
        let name = subject(of: slot, expression: expression)
        if let configured = configuredClass(name: name, slot: slot) { return configured }
        if let provenance = slot.provenance, provenance.volatility != .constant || provenance.evidence == .evidence {
            return provenance
        }
        if let settings = settingsClass(expression: expression) { return settings }
        if let provenance = slot.provenance { return provenance }
        let tokens = NameTokens.split(name)
        let filterTokens = slot.filters.flatMap { NameTokens.split($0) } + helperTokens(expression)
        if let clock = LiquidClock.slotClass(expression) { return clock }
        if let helper = helperClass(filterTokens: filterTokens, expression: expression) { return helper }
        if let literal = literalCallClass(expression) { return literal }
        if let environment = environmentClass(slot, tokens: tokens, name: name, template: template) { return environment }
        if slot.isConditional {
            if var inner = nameClass(tokens: tokens, name: name), inner.volatility != .constant {
                inner.evidence = .name
                return inner
            }
            return .structural("condition `\(expression)` selects static text (assumed a setting)")
        }
        // The template's own description of an input is evidence and wins over the name; a long sample
        // value is only a hint, below the name.
        let fromMetadata = template.flatMap { metadataClass(name: name, template: $0) }
        if let fromMetadata, fromMetadata.evidence == .evidence { return fromMetadata }
        if var named = nameClass(tokens: tokens, name: name) {
            named.evidence = .name
            return named
        }
        if let fromMetadata { return fromMetadata }
        return SlotClass(volatility: .unknown, kind: .value, reason: "`\(name)` is not declared constant", evidence: .none)
    }

    /// The variable or collection a slot reads: for loops the iterated collection.
    func subject(of slot: TemplateSlot, expression: String) -> String {
        if slot.isLoop, let collection = LoopSyntax.collection(of: expression) { return collection }
        if let variable = slot.variable, !variable.isEmpty {
            let head = NameTokens.head(of: expression)
            return head.hasPrefix(variable) ? head : variable
        }
        return NameTokens.head(of: expression)
    }

    private func structuralClass(_ slot: TemplateSlot, expression: String) -> SlotClass? {
        if slot.isInclude {
            let target = expression.split(separator: " ").dropFirst().first.map(String.init) ?? expression
            if target.contains("\"") || target.contains("'") || target.contains(".") || expression.hasPrefix(">") {
                return .structural("include of a static sub-template")
            }
            return SlotClass(volatility: .unknown, kind: .value, reason: "include of a computed template name")
        }
        // A JavaScript `${…}` or an f-string's or `str.format`'s `{…}` holds an expression, never a template
        // keyword: `${when}`, `{include}` and `${block}` are variables there.
        if Self.isCodeInterpolation(slot.source) { return expression.isEmpty ? .structural("empty expression") : nil }
        var head = expression
        while let first = head.first, "#/^~!@>-&{ ".contains(first) {
            if first == "!" || first == ">" {
                return .structural(first == "!" ? "comment" : "partial of a static sub-template")
            }
            if first == "/" { return .structural("end of a block") }
            head.removeFirst()
        }
        let word = head.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == "\"" || $0 == "=" }).first
            .map { $0.lowercased() } ?? ""
        if word.isEmpty { return .structural("empty expression") }
        if VolatilityKeywords.isBlockEnd(word) || VolatilityKeywords.structuralHeads.contains(word) {
            if word == "role" || word == "section" { return .structural("role or section helper") }
            return .structural("template structure `\(word)`")
        }
        return nil
    }

    /// True for a slot written as code interpolates a value: a JavaScript template literal's `${…}`, or a
    /// single-brace `{name}` of an f-string or `str.format` (not `{{ }}`, `{% %}` or `{# #}`, nor a single-brace
    /// dialect's tag opened by a sigil, `{#if}`, `{/if}`, `{>partial}`).
    static func isCodeInterpolation(_ source: String) -> Bool {
        if source.hasPrefix("${") { return true }
        guard source.hasPrefix("{"), let second = source.dropFirst().first else { return false }
        return !"{%#/^~!@>&:".contains(second)
    }

    private func configuredClass(name: String, slot: TemplateSlot) -> SlotClass? {
        let lower = name.lowercased()
        let candidates = [lower, lower.trimmingCharacters(in: CharacterSet(charactersIn: "$")),
                          slot.variable?.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "$")) ?? "",
                          String(lower.split(separator: ".").first ?? "")]
        for candidate in candidates where !candidate.isEmpty {
            if constants.contains(candidate) {
                return SlotClass(volatility: .constant, kind: .value, reason: "`\(candidate)` is declared constant")
            }
            if let declared = declared[candidate] { return declared }
        }
        return nil
    }

    private func helperTokens(_ expression: String) -> [String] {
        let lower = expression.lowercased()
        var tokens: [String] = []
        // `random(`, `random.choice`, not a name that contains the word (`random_preferences`).
        for call in ["now(", "utcnow(", "today(", "time.time", "date.now", "uuid", "random(", "random.", "randint"]
        where lower.contains(call) {
            tokens.append(call.hasPrefix("uuid") || call.hasPrefix("rand") ? "uuid" : "now")
        }
        // `new Date()` reads the clock; `new Date(user.joinedAt)` is the date it is given.
        if lower.range(of: #"new\s+date\b(?!\s*\(\s*[^)\s])"#, options: .regularExpression) != nil { tokens.append("now") }
        return tokens
    }

    /// A Handlebars-style helper called with literal arguments only (`url "https://…"`, `t "greeting"`):
    /// the same arguments give the same text on every request.
    func literalCallClass(_ expression: String) -> SlotClass? {
        let trimmed = expression.trimmingCharacters(in: CharacterSet(charactersIn: "{}~ "))
        guard let space = trimmed.firstIndex(of: " ") else { return nil }
        let head = trimmed[..<space]
        guard !head.isEmpty, head.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." })
        else { return nil }
        var rest = Substring(trimmed[space...]).drop(while: { $0 == " " })
        var arguments = 0
        while let quote = rest.first {
            guard quote == "\"" || quote == "'", let end = rest.dropFirst().firstIndex(of: quote) else { return nil }
            arguments += 1
            rest = rest[rest.index(after: end)...].drop(while: { $0 == " " })
        }
        guard arguments > 0, rest.isEmpty else { return nil }
        return SlotClass(
            volatility: .constant, kind: .value,
            reason: "`\(head)` is called with literal arguments only, so it gives the same text on every request")
    }

    private func helperClass(filterTokens: [String], expression: String) -> SlotClass? {
        let set = Set(filterTokens)
        if !set.isDisjoint(with: VolatilityKeywords.random) {
            return SlotClass(volatility: .perRequest, kind: .identifier, reason: "`\(expression)` produces a random or unique value")
        }
        if set.contains("now") {
            if Self.formatsDateOnly(expression) {
                return SlotClass(volatility: .perDay, kind: .time, reason: "`\(expression)` formats the current date without the time of day")
            }
            return SlotClass(volatility: .perRequest, kind: .time, reason: "`\(expression)` reads the current time")
        }
        if !set.isDisjoint(with: VolatilityKeywords.timeFilters) {
            return SlotClass(volatility: .perDay, kind: .time, reason: "`\(expression)` formats a date")
        }
        return nil
    }

    /// A `strftime(` call with a quoted format (group 1 double-quoted, group 2 single-quoted); compiled once.
    private static let strftimeCall = try? NSRegularExpression(pattern: #"strftime\s*\(\s*(?:"([^"]*)"|'([^']*)')"#)

    /// True when every `strftime` of the expression (`now().strftime('%Y-%m-%d')`, `now() | strftime("%A")`,
    /// and at least one) formats the date without the time of day: the text changes once a day.
    static func formatsDateOnly(_ expression: String) -> Bool {
        guard let regex = strftimeCall else { return false }
        let whole = NSRange(expression.startIndex..., in: expression)
        let matches = regex.matches(in: expression, range: whole)
        let calls = expression.components(separatedBy: "strftime").count - 1
        guard !matches.isEmpty, matches.count == calls else { return false }
        return matches.allSatisfy { match in
            let group = match.range(at: 1).location != NSNotFound ? match.range(at: 1) : match.range(at: 2)
            guard let range = Range(group, in: expression) else { return false }
            return VolatileSources.keepsOnlyDate(method: "strftime", format: String(expression[range]))
        }
    }

    /// The class `name` alone suggests (its camelCase and snake_case words), or nil.
    func nameClass(of name: String) -> SlotClass? { nameClass(tokens: NameTokens.split(name), name: name) }

    /// Classification from the words of a name, or nil when the name says nothing.
    func nameClass(tokens: [String], name: String) -> SlotClass? {
        guard !tokens.isEmpty else { return nil }
        if let convention = conventionClass(tokens: tokens, name: name) { return convention }
        let set = Set(tokens)
        let quoted = "`\(name)`"
        // `staticContext`, `STATIC_PROMPT`, `fixed_rules`: the writer calls the value static, which is what a
        // cache-aware layout puts first; the rest of the name (`context`) does not make it per-request.
        if tokens.count >= 2, let first = tokens.first, ["static", "fixed", "constant", "stable"].contains(first) {
            return SlotClass(volatility: .constant, kind: .value, reason: "\(quoted) is named static")
        }
        if !set.isDisjoint(with: VolatilityKeywords.random) {
            return SlotClass(volatility: .perRequest, kind: .identifier, reason: "\(quoted) is a random or unique value")
        }
        let isCalendar = !set.isDisjoint(with: VolatilityKeywords.calendar)
        let isInstant = !set.isDisjoint(with: VolatilityKeywords.instant)
        if isInstant && !(isCalendar && !set.contains("now") && !set.contains("timestamp")) {
            return SlotClass(volatility: .perRequest, kind: .time, reason: "\(quoted) is a time")
        }
        if isCalendar {
            return SlotClass(volatility: .perDay, kind: .time, reason: "\(quoted) is a date")
        }
        if isSetting(tokens: tokens, name: name) {
            return SlotClass(volatility: .constant, kind: .value, reason: "\(quoted) names a deployment setting")
        }
        if Self.countsTurns(tokens: tokens) {
            return SlotClass(volatility: .perRequest, kind: .value,
                             reason: "\(quoted) counts the conversation's rounds, which changes on every turn")
        }
        if Self.countsMessages(tokens: tokens) {
            return SlotClass(volatility: .perRequest, kind: .value,
                             reason: "\(quoted) counts the messages exchanged so far, which changes with every message")
        }
        if tokens.last == "id" || tokens.last == "ids" {
            let perUser = !set.isDisjoint(with: VolatilityKeywords.user)
            return SlotClass(volatility: perUser ? .perUser : .perRequest, kind: .identifier, reason: "\(quoted) is an id")
        }
        // `new_messages`, `latest_messages`: the messages this request brings, not the conversation re-sent
        // before them (the stored turns have their own names: history, conversation, transcript).
        if !set.isDisjoint(with: ["new", "latest", "incoming"]), set.intersection(VolatilityKeywords.history).isSubset(of: ["messages", "turns"]),
            !set.isDisjoint(with: ["messages", "turns"])
        {
            return SlotClass(volatility: .perRequest, kind: .input, reason: "\(quoted) is the messages this request brings")
        }
        // `conversation_point.title`, `history_length`, `messages_count`: one field or measure of the conversation
        // (or of a thing named after it), not its turns.
        let namesAField = tokens.count > 1 && tokens.last.map(VolatilityKeywords.scalarFields.contains) == true
        if !namesAField, !set.isDisjoint(with: VolatilityKeywords.history) || (set.contains("chat") && set.contains("log")) {
            return SlotClass(volatility: .perRequest, kind: .history, reason: "\(quoted) is conversation history")
        }
        if !set.isDisjoint(with: VolatilityKeywords.attachments) {
            if set.isDisjoint(with: VolatilityKeywords.retrievalQualifiers) {
                return SlotClass(volatility: .perUser, kind: .attachment, reason: "\(quoted) holds files attached to the session")
            }
            return SlotClass(volatility: .perRequest, kind: .documents, reason: "\(quoted) holds content selected for this request")
        }
        if !set.isDisjoint(with: VolatilityKeywords.documents), set.isDisjoint(with: VolatilityKeywords.retrievalQualifiers),
            Self.isFieldOfUserRecord(name)
        {
            return SlotClass(volatility: .perUser, kind: .value, reason: "\(quoted) is what the user wrote into a form or profile of theirs")
        }
        if !set.isDisjoint(with: VolatilityKeywords.documents) {
            return SlotClass(volatility: .perRequest, kind: .documents, reason: "\(quoted) holds retrieved or attached content")
        }
        if !set.isDisjoint(with: VolatilityKeywords.input) {
            return SlotClass(volatility: .perRequest, kind: .input, reason: "\(quoted) is the request's input")
        }
        if !set.isDisjoint(with: VolatilityKeywords.user), !Self.namesAnotherThing(tokens: tokens) {
            return SlotClass(volatility: .perUser, kind: .value, reason: "\(quoted) describes the user")
        }
        return nil
    }

    /// Words naming a record the user fills in once and keeps (`intakeForm`, `user_profile`, `questionnaire`).
    static let userRecords: Set<String> = ["form", "intake", "questionnaire", "survey", "profile"]

    /// True for a context or documents field read from such a record (`initialForm.additionalContext`,
    /// `profile.background_docs`), or named for one (`profileContext`, `surveyContext`): text about the user
    /// from a record of theirs, the same for their requests, not content retrieved for this one. The record must
    /// come before the field (`context.profile`, `contextProfile` are retrieved context).
    static func isFieldOfUserRecord(_ name: String) -> Bool {
        let parts = name.split(separator: ".").map { NameTokens.split(String($0)) }
        guard let field = parts.firstIndex(where: { !Set($0).isDisjoint(with: VolatilityKeywords.documents) }) else { return false }
        if parts[..<field].contains(where: { !Set($0).isDisjoint(with: userRecords) }) { return true }
        let words = parts[field]
        guard let first = words.firstIndex(where: VolatilityKeywords.documents.contains) else { return false }
        return words[..<first].contains(where: userRecordsInOneName.contains)
    }

    /// Record words that make one name's context the user's (`profileContext`); not a bare `form`, whose context
    /// in one name is a UI framework's (`formContext`).
    static let userRecordsInOneName: Set<String> = userRecords.subtracting(["form"])

    /// Words that, before `name`, still make it a person's name (`full_name`, `display_name`, `author_name`).
    static let personNameQualifiers: Set<String> = [
        "full", "display", "nick", "real", "preferred", "given", "family", "middle", "screen", "legal", "your", "my",
        "their", "his", "her", "sender", "author", "speaker", "caller", "requester", "player", "contact", "recipient",
        "human", "person", "people", "participant", "visitor", "guest", "lead", "buyer", "applicant", "candidate",
    ]

    /// True for `<thing>_name` whose only user word is `name` and whose thing is not a person
    /// (`character_name`, `guild_name`, `channel_name`): the name of that thing, which may be fixed per
    /// deployment, per server or per request; the name alone does not make it the user's.
    static func namesAnotherThing(tokens: [String]) -> Bool {
        guard tokens.count >= 2, tokens.last == "name" else { return false }
        let before = tokens.dropLast()
        return Set(before).isDisjoint(with: VolatilityKeywords.user) && Set(before).isDisjoint(with: personNameQualifiers)
    }

    /// True for a name that counts the rounds of a conversation played so far (`round_count`, `turn_number`,
    /// `turnIndex`): a counter that changes on every turn, like a clock. Not a configured bound
    /// (`max_rounds`, `num_turns`, read as settings before this).
    static func countsTurns(tokens: [String]) -> Bool {
        let set = Set(tokens)
        return tokens.count >= 2 && tokens.count <= 3 && !set.isDisjoint(with: VolatilityKeywords.conversationRounds)
            && !set.isDisjoint(with: VolatilityKeywords.counting)
    }

    /// True for a name that ends with a count of messages (`totalMessages`, `message_count`, `profile.msgCount`):
    /// a number every message changes, not the conversation's turns. Not a bound (`max_messages`, read as a
    /// setting before this, or `num_messages`).
    static func countsMessages(tokens: [String]) -> Bool {
        guard tokens.count >= 2 else { return false }
        let (a, b) = (tokens[tokens.count - 2], tokens[tokens.count - 1])
        let (words, counts) = (VolatilityKeywords.messageWords, VolatilityKeywords.messageCounting)
        return counts.contains(a) && words.contains(b) || words.contains(a) && counts.contains(b)
    }

    /// True when a slot's variable or expression as written counts the conversation so far: its rounds
    /// (`countsTurns`) or its messages (`countsMessages`), a number that changes on every turn.
    static func countsConversation(_ name: String) -> Bool {
        let tokens = NameTokens.split(name)
        return countsTurns(tokens: tokens) || countsMessages(tokens: tokens)
    }

    private func isSetting(tokens: [String], name: String) -> Bool {
        let lower = name.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "$"))
        if VolatilityKeywords.settingNames.contains(lower) { return true }
        guard let first = tokens.first, let last = tokens.last else { return false }
        let bounds = VolatilityKeywords.boundWords
        if bounds.contains(first) { return true }
        // A bound read off an object (`profile.maxMessages`, `config.max_turns`): the member's own first word.
        if let member = name.split(separator: ".").last, member.count < name.count,
            let memberFirst = NameTokens.split(String(member)).first, bounds.contains(memberFirst)
        {
            return true
        }
        if tokens.count >= 2 && ["limit", "limits", "types"].contains(last) { return true }
        return tokens.count >= 2 && VolatilityKeywords.settingQualifiers.contains(first)
            && VolatilityKeywords.settingNouns.contains(last)
    }

    private func metadataClass(name: String, template: PromptTemplate) -> SlotClass? {
        let root = String(name.split(separator: ".").first ?? Substring(name))
            .trimmingCharacters(in: CharacterSet(charactersIn: "$")).lowercased()
        guard !root.isEmpty else { return nil }
        var descriptions: [String] = []
        let metadata = template.metadata
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            let parts = key.lowercased().split(separator: ".").map(String.init)
            guard let last = parts.last else { continue }
            if last == "name", value.lowercased() == root {
                // List style: input_variables.0.name = x, with siblings .description and .default.
                let base = String(key.dropLast("name".count))
                if let d = metadata[base + "description"] { descriptions.append(d) }
            } else if parts.contains(root) {
                if last == "description" { descriptions.append(value) }
                if parts.count >= 2, parts[parts.count - 2] == "schema" || parts.contains("properties"), last == root,
                    let comma = value.firstIndex(of: ",")
                {
                    // Picoschema: `field: type, description`.
                    descriptions.append(String(value[value.index(after: comma)...]))
                }
            }
        }
        for description in descriptions {
            if var described = nameClass(tokens: NameTokens.split(description), name: name), described.volatility != .constant {
                described.reason = "`\(name)` is described as \"\(description.trimmingCharacters(in: .whitespaces).prefix(60))\""
                return described
            }
        }
        if let sample = template.sampleValues[root] ?? template.sampleValues[name] {
            if sample.count >= 300 || sample.split(separator: "\n").count >= 5 {
                return SlotClass(volatility: .perRequest, kind: .documents, reason: "`\(name)`'s sample value is a long text",
                                 evidence: .name)
            }
        }
        return nil
    }
}
