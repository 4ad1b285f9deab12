/// What a slot's value is, beyond how often it changes. Rules use it to name the problem.
public enum SlotKind: String, Sendable, Codable, CaseIterable {
    /// A plain value (a name, a setting, a parameter).
    case value
    /// The user's question or request for this call.
    case input
    /// Retrieved documents, search results, context passages.
    case documents
    /// Conversation history or an agent scratchpad: append-only, grows per turn.
    case history
    /// Files or attachments the user works on: the same across the turns of a session.
    case attachment
    /// A date, time or timestamp.
    case time
    /// A unique or random id.
    case identifier
    /// Structure rather than data: role switches, includes of static files, block ends, comments.
    case structural
}

/// What a slot's classification rests on. Only evidence makes a finding that fails CI; a guess from a
/// name, or nothing at all, makes an `info`.
public enum SlotEvidence: String, Sendable, Hashable, Codable, CaseIterable {
    /// Configuration, a value set in the same file, data flow in source code, the expression itself
    /// (`now()`, `| date`, `uuid4()`) or the template's own description of the input.
    case evidence
    /// Only the variable's name (or the length of a sample value) suggests it.
    case name
    /// Nothing is known about the value.
    case none

    /// A clause for messages saying what a classification rests on ("" for evidence).
    public var clause: String {
        switch self {
        case .evidence: return ""
        case .name: return "; judged from the name alone"
        case .none: return "; nothing in the file says what fills it"
        }
    }
}

/// A slot's classification: how volatile its value is, what kind of value it is, and why.
public struct SlotClass: Sendable, Hashable, Codable {
    /// How often the value changes.
    public var volatility: SlotVolatility
    /// What the value is.
    public var kind: SlotKind
    /// Why it was classified so (for messages and `--explain`).
    public var reason: String
    /// What the classification rests on.
    public var evidence: SlotEvidence
    /// Where the value enters, when that is in another file: the call in source code that passes it to this
    /// template. Findings list it as a related location (the line a fix may change).
    public var origin: RelatedLocation?
    /// Where data flow traced the value to (`new Date()` at line 61), when it did: two findings whose values
    /// trace to the same place report the same break (`PromptLinter.foldingLocalSendSites`).
    var tracedTo: ValueOrigin?

    /// Creates a classification.
    public init(volatility: SlotVolatility, kind: SlotKind, reason: String, evidence: SlotEvidence = .evidence) {
        self.volatility = volatility
        self.kind = kind
        self.reason = reason
        self.evidence = evidence
    }

    /// The most serious severity a finding resting on this classification may have: `info` unless the
    /// classification rests on evidence, since a name alone never fails CI.
    public var severityCap: Severity? { evidence == .evidence ? nil : .info }

    /// A structural helper: never dynamic.
    public static func structural(_ reason: String) -> SlotClass {
        SlotClass(volatility: .constant, kind: .structural, reason: reason)
    }

    /// True when the value can differ between requests, users or days (unknown counts when `unknownIsDynamic`).
    public func isDynamic(unknownIsDynamic: Bool = true) -> Bool {
        switch volatility {
        case .constant: return false
        case .unknown: return unknownIsDynamic && kind != .structural
        default: return kind != .structural
        }
    }
}

extension SlotVolatility {
    /// A human label: "per-request", "per-user", "per-day", "constant", "unknown".
    public var label: String { rawValue }
}

/// The place data flow traced a value to: the expression that reads the clock, a random source or the
/// request (`new Date()`), with its file and line.
struct ValueOrigin: Sendable, Hashable, Codable {
    /// The expression as written, whitespace runs as single spaces.
    var text: String
    /// Its file, as the source reader names it.
    var path: String
    /// Its 1-based line.
    var line: Int
}
