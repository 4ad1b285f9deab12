/// One problem found in one file.
public struct Finding: Sendable, Hashable, Codable {
    /// The rule's code, e.g. `PL001`.
    public var ruleID: String
    /// The rule's kebab-case name, e.g. `dynamic-content-in-cached-prefix`.
    public var ruleName: String
    /// Effective severity after configuration.
    public var severity: Severity
    /// What is wrong, in one or two sentences.
    public var message: String
    /// How to fix it (from the rule, possibly specialised).
    public var fix: String
    /// The file's path as reported (relative to the working directory where possible).
    public var path: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// The offending source text (a slot, a literal or the line), used for baseline hashing.
    public var snippet: String
    /// Other places the finding is about: for a prefix break, the later values its message lists (one
    /// finding per break, the rest named in it), each with its own line.
    public var related: [RelatedLocation]
    /// For a prefix break reported where a prompt written in another file is sent: where the breaking value
    /// enters that prompt there (`CheckHit.breakSite`); the runner folds this finding into that file's finding
    /// at the same place, one finding per break. Not part of any report.
    var breakSite: RelatedLocation?
    /// For a prefix break: where data flow traced the breaking value to (`CheckHit.tracedOrigin`), when it did;
    /// findings of a file whose values trace to the same place are one break. Not part of any report.
    var tracedOrigin: ValueOrigin?
    /// For a prefix break noted as `info` because what its prompt shows costs little: the sentence of the message
    /// that says so, dropped when a send site of the prompt shows more (`PromptLinter.folding`). Not reported.
    var smallCostNote: String?
    /// For a prefix break: its value is an object or list literal of code sent whole (`CheckHit.isLiteralValue`),
    /// a send site like a whole variable (`PromptLinter.isWholeValue`). Not reported.
    var isLiteralValue = false

    enum CodingKeys: String, CodingKey {
        case ruleID, ruleName, severity, message, fix, path, line, column, snippet, related
    }

    /// Creates a finding.
    public init(
        ruleID: String, ruleName: String, severity: Severity, message: String, fix: String = "",
        path: String, line: Int, column: Int, snippet: String = "", related: [RelatedLocation] = []
    ) {
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.severity = severity
        self.message = message
        self.fix = fix
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
        self.snippet = snippet
        self.related = related
    }

    /// Orders findings by path, line, column, then rule id: the order every reporter uses.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.path != b.path { return a.path < b.path }
        if a.line != b.line { return a.line < b.line }
        if a.column != b.column { return a.column < b.column }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return a.message < b.message
    }
}

/// A place that a finding also concerns: in the same file, or (with `path`) in another one.
public struct RelatedLocation: Sendable, Hashable, Codable {
    /// The file, when it is not the finding's own (the prompt a call in this file fills); nil for the same file.
    public var path: String?
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// The source text there (a slot as written).
    public var snippet: String

    /// Creates a location.
    public init(line: Int, column: Int, snippet: String, path: String? = nil) {
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
        self.snippet = snippet
    }

    /// The location of `position`, showing `snippet`.
    public init(_ position: SourcePosition, snippet: String, path: String? = nil) {
        self.init(line: position.line, column: position.column, snippet: snippet, path: path)
    }
}
