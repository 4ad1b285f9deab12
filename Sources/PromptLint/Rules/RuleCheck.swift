/// What a check sees: the template, its cache layout, and the providers in scope.
public struct CheckContext: Sendable {
    /// The template being linted.
    public var template: PromptTemplate
    /// Its cache layout.
    public var layout: CacheLayout
    /// Providers the rule applies to in this run (rule scope ∩ configuration).
    public var providers: [Provider]
    /// Token estimates.
    public var tokenCounter: any TokenCounter
    /// The configured profile (`cost` unless `profile: strict`).
    public var profile: LintProfile

    /// Creates a context.
    public init(
        template: PromptTemplate, layout: CacheLayout, providers: [Provider], tokenCounter: any TokenCounter,
        profile: LintProfile = .cost
    ) {
        self.template = template
        self.layout = layout
        self.providers = providers
        self.tokenCounter = tokenCounter
        self.profile = profile
    }
}

/// One place a check fired, with the values its rule's message template uses.
public struct CheckHit: Sendable, Hashable {
    /// Where.
    public var position: SourcePosition
    /// The offending text (slot source, literal, or line).
    public var snippet: String
    /// Values for the rule's `{placeholders}`.
    public var values: [String: String]
    /// The most serious severity this hit may have, whatever the rule's: a finding that rests on a guess
    /// (a slot classified by its name alone) or whose fix saves nothing is `info`, never a CI failure.
    public var severityCap: Severity?
    /// For checks that say where a request's cacheable prefix breaks: the value that breaks it, when the
    /// hit is reported elsewhere (examples after an input are reported at the examples; the prefix
    /// breaks at the input). Nil means `position`.
    public var breakPosition: SourcePosition?
    /// For checks that say where a request's cacheable prefix breaks: the index of the breaking value among the
    /// request's layout items, the order the request is sent in (a `.format` call's keywords may be written in
    /// another order than the template reads them). Nil when the check does not say.
    public var breakIndex: Int?
    /// Why the check could not be applied to this file (a pattern over its matching budget); the finding then
    /// says so instead of the rule's message.
    public var failure: String?
    /// Other places the hit concerns (the later values of a prefix break), carried into the finding.
    public var related: [RelatedLocation]
    /// For a prefix break whose value is written in another file (a prompt built there and sent here): the
    /// place there where the value enters the prompt. A finding of that file at the same place is the same break.
    var breakSite: RelatedLocation?
    /// For a prefix break: where data flow traced the breaking value to, when it did (`SlotClass.tracedTo`).
    var tracedOrigin: ValueOrigin?
    /// For a prefix break noted as `info` because what this prompt shows costs little: the sentence of the message
    /// saying so (`Finding.smallCostNote`).
    var smallCostNote: String?
    /// For a prefix break: true when the breaking value is an object or list literal of code written whole into
    /// the request (`{ role: "model", parts: [{ text: system }] }` at a send site), not a placeholder in text.
    var isLiteralValue = false

    /// Creates a hit.
    public init(
        position: SourcePosition, snippet: String, values: [String: String] = [:], severityCap: Severity? = nil,
        breakPosition: SourcePosition? = nil, failure: String? = nil, related: [RelatedLocation] = [], breakIndex: Int? = nil
    ) {
        self.breakIndex = breakIndex
        self.position = position
        self.snippet = snippet
        self.values = values
        self.severityCap = severityCap
        self.breakPosition = breakPosition
        self.failure = failure
        self.related = related
    }

    /// The hit for a regular expression that went over its matching budget.
    static func budgetExceeded(_ error: TextMatch.BudgetExceeded, at position: SourcePosition = .start) -> CheckHit {
        CheckHit(position: position, snippet: TextMatch.short(error.pattern),
                 failure: "its regular expression `\(TextMatch.short(error.pattern))` exceeded the matching budget "
                    + "(catastrophic backtracking); not applied to this file")
    }
}

/// The logic of a rule: a small type, created from the rule's YAML parameters.
public protocol RuleCheck: Sendable {
    /// The identifier rules use in `check:`.
    static var identifier: String { get }
    /// Creates the check; throws a message when a parameter is invalid.
    init(parameters: RuleParameters) throws
    /// Runs the check on one template.
    func run(_ context: CheckContext) -> [CheckHit]
}

/// Checks whose findings the lint engine produces itself (suppression hygiene, unreadable files).
/// Their `run` returns nothing; the engine looks the rule up by check identifier.
public protocol EngineCheck: RuleCheck {}

extension EngineCheck {
    /// Engine checks produce no hits of their own.
    public func run(_ context: CheckContext) -> [CheckHit] { [] }
}

/// Every built-in check, by identifier.
public enum CheckRegistry {
    /// The built-in check types.
    public static let builtIn: [any RuleCheck.Type] = [
        DynamicPrefixCheck.self, VolatileLiteralCheck.self, CacheMinimumCheck.self, CacheBreakpointCheck.self,
        ContextBeforeInstructionsCheck.self, ExamplesAfterInputCheck.self, UnorderedSerializationCheck.self,
        ParseErrorCheck.self, UnreadableFileCheck.self, UnusedSuppressionCheck.self, SuppressionReasonCheck.self,
        RegexCheck.self,
    ]

    /// The check type for `identifier`.
    public static func type(for identifier: String) -> (any RuleCheck.Type)? {
        builtIn.first { $0.identifier == identifier }
    }
}
