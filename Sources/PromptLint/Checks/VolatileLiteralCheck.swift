import Foundation

/// PL002: literal timestamps, UUIDs, request ids or "today is <date>" in static text of the cacheable
/// prefix of text sent as it is: a request body or a rendered prompt. Quiet in templates with slots and in prompts
/// written in source code, whose literals are the same on every request (what changes arrives through a slot).
///
/// Parameters: `patterns` (a map of label → regex), `min_static_tokens_after` (24).
public struct VolatileLiteralCheck: RuleCheck {
    /// `volatile-literal`.
    public static let identifier = "volatile-literal"
    /// The patterns by label, sorted by label; `budgeted` is false for the compiled-in defaults (see `TextMatch`).
    let patterns: [(label: String, regex: NSRegularExpression, budgeted: Bool)]
    let minTokens: Int
    /// Identifies the patterns in `CacheLayout.memo`.
    private let memoKey: String

    /// Patterns used when a rule gives none.
    public static let defaultPatterns: [String: String] = [
        "timestamp": #"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?\b"#,
        "uuid": #"(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"#,
        "request id": #"\b(req|msg|chatcmpl|call|toolu|run|sess|trace)_(?=[a-z]*[A-Z0-9])[A-Za-z0-9]{10,}\b"#,
        "date of today": #"(?i)\b(today|current date|now|the date)\s*(is|:)\s*\w*,?\s*(\d{4}-\d{2}-\d{2}|\w+ \d{1,2},? \d{4}|\d{1,2}/\d{1,2}/\d{2,4})"#,
        "epoch time": #"\b1[5-9]\d{8}(\d{3})?\b"#,
    ]

    /// Creates the check; throws when a pattern does not compile.
    public init(parameters: RuleParameters) throws {
        var raw = Self.defaultPatterns
        if case .map(let given)? = parameters.values["patterns"] {
            raw = given.compactMapValues(\.stringValue)
        }
        let builtIn = Set(Self.defaultPatterns.values)
        let byLabel = raw.sorted { $0.key < $1.key }
        patterns = try byLabel.map { ($0.key, try TextMatch.regex($0.value), !builtIn.contains($0.value)) }
        memoKey = "volatile-literal\u{0}" + byLabel.map { "\($0.key)\u{1}\($0.value)" }.joined(separator: "\u{0}")
        minTokens = parameters.int("min_static_tokens_after", default: 24)
    }

    /// Matches of one pattern in one item's text, or the pattern's budget error.
    typealias PatternMatches = Result<[(Range<String.Index>, String)], TextMatch.BudgetExceeded>

    /// Every pattern's matches in every item of static text (nil for other items), found once per layout and shared
    /// by PL002 and PL004 (`CacheLayout.memo`).
    func scan(_ layout: CacheLayout) -> [[PatternMatches]?] {
        layout.memo.value(memoKey) {
            layout.items.map { item -> [PatternMatches]? in
                guard let text = item.text, item.staticTokens > 0 else { return nil }
                return patterns.map { p in
                    PatternMatches { () throws(TextMatch.BudgetExceeded) in try TextMatch.matches(p.regex, in: text, budgeted: p.budgeted) }
                }
            }
        }
    }

    /// Finds volatile literals in static text that precedes cacheable content: one hit per prompt, at the first
    /// literal (where its prefix stops repeating), naming the later ones in the message's `{also}` and listing
    /// each as a `related` location at its own line. A literal after the first is in a prefix already broken there; each its own warning would count one
    /// problem many times (a worked example with a dozen timestamps). Hits saying a pattern ran over its budget
    /// are kept apart.
    public func run(_ context: CheckContext) -> [CheckHit] {
        let all = allHits(context)
        let failures = all.filter { $0.failure != nil }
        let literals = all.filter { $0.failure == nil }.sorted { $0.position < $1.position }
        guard var first = literals.first else { return failures }
        let later = literals.dropFirst()
        if !later.isEmpty {
            let shown = later.prefix(3).map { "`\(TextMatch.short($0.snippet))`" }.joined(separator: ", ")
            let more = later.count > 3 ? " and \(later.count - 3) more" : ""
            first.values["also"] = " (after it, too: \(shown)\(more))"
            first.related = later.map { RelatedLocation($0.position, snippet: $0.snippet) }
        }
        return [first] + failures
    }

    /// Every volatile literal in static text that precedes cacheable content, one hit each, in the order they are
    /// found (PL004 asks which literal comes first before a breakpoint).
    func allHits(_ context: CheckContext) -> [CheckHit] {
        let layout = context.layout
        // A Markdown prompt file without a single placeholder is written by hand and committed (a copy of a
        // system prompt, notes for a GPT): every request built from it is the same text, so a date written in
        // it (`Current date: 2023-12-04`) is the day it was written, not a value filled per request. Rendered
        // prompts and recorded request bodies (plain text, JSON) keep the finding. A coding agent's instructions
        // or agent definition (`*.instructions.md`, `.claude/agents/*.md`) is such a file by its format: sent
        // verbatim, its dates are the examples and notes its author wrote.
        if [.markdown, .agentDefinition].contains(layout.template.format), layout.template.slots.isEmpty { return [] }
        // A template or a prompt written in source code is the text its author wrote around the values the code
        // fills: a literal there is the same on every request (a worked example, a version header, a date nobody
        // updated), so it never breaks a cache; what changes per request arrives through a slot or a call, which
        // PL001 reads. Only text sent as it is, with no slot, can carry a value filled in before the request: a
        // request body (recorded, or given to `lintRequest` before it is sent) or a rendered prompt.
        if layout.template.format.isSourceCode || !layout.template.slots.isEmpty { return [] }
        var hits: [CheckHit] = []
        let format = layout.template.format
        let raw = LiteralContext.rawBlocks(in: layout.template.source)
        // A prompt file's version header (`> **Version**: v3.0`, `> **Date**: 2026-03-13 15:30`) dates the file, not
        // the request.
        let header = format.isRequestBody ? nil : VersionHeader.range(in: layout.template.source)
        for (i, scanned) in scan(layout).enumerated() {
            guard let scanned, let text = layout.items[i].text else { continue }
            let item = layout.items[i]
            var taken: [Range<String.Index>] = []
            for (pattern, result) in zip(patterns, scanned) {
                let found: [(Range<String.Index>, String)]
                switch result {
                case .success(let matches): found = matches
                case .failure(let error):
                    hits.append(.budgetExceeded(error, at: item.position))
                    continue
                }
                for (range, literal) in found
                where !taken.contains(where: { $0.overlaps(range) }) {
                    let fileOffset = item.position.offset + text.utf8.distance(from: text.startIndex, to: range.lowerBound)
                    if LiteralContext.isQuoted(range, in: text) || raw.contains(where: { $0.contains(fileOffset) }) { continue }
                    if let header, header.contains(fileOffset) { continue }
                    // A literal written in code or in a prompt file is the same on every request; one introduced as
                    // an example (`timestamps like [2026-04-01 14:32]`) or written in a worked example (`EXAMPLE 1 —
                    // …`, `## Examples`) shows the model a format or a sample case. A recorded request body keeps it:
                    // its text is what the application sent, filled values included.
                    if !format.isRequestBody,
                        LiteralContext.isExample(range, in: text)
                            || LiteralContext.inExampleSection(range, in: text, after: layout.textBefore(item: i))
                    {
                        continue
                    }
                    // In a template or prompt file, a quoted value of a named field (`"createdAt": "2025-…"`,
                    // `lastLogin: '2023-…'`) is sample data or a record's metadata, written once; in a recorded
                    // request body the same shape is what the application sent, so it stays a finding there.
                    if !format.isRequestBody, LiteralContext.isFieldValue(range, in: text) { continue }
                    let after = layout.staticTokens(after: i, within: text, from: range.upperBound, counter: context.tokenCounter)
                    guard after >= minTokens || layout.breakpoint(atOrAfter: item.messageIndex) else { continue }
                    taken.append(range)
                    hits.append(CheckHit(
                        position: item.position.advanced(over: text[..<range.lowerBound]), snippet: literal,
                        values: ["literal": TextMatch.short(literal), "kind": pattern.label, "tokens": String(after), "also": ""]))
                }
            }
        }
        return hits
    }

    /// True when item `item` of `layout` is static text holding any volatile literal (for other checks).
    func containsLiteral(_ layout: CacheLayout, item: Int) -> Bool {
        scan(layout)[item]?.contains { (try? $0.get())?.isEmpty == false } ?? false
    }
}
