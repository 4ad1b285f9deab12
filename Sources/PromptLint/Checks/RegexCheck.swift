import Foundation

/// A declarative rule for users: a regular expression over a template's static text.
///
/// Parameters: `pattern` (required), `scope` (`prefix`: only text before cacheable content, the
/// default; `static`: all static text; `source`: the raw file), `min_static_tokens_after` (24).
/// The message may use `{match}`.
public struct RegexCheck: RuleCheck {
    /// `regex`.
    public static let identifier = "regex"
    let pattern: NSRegularExpression
    let scope: String
    let minTokens: Int

    /// A parameter problem.
    public struct InvalidParameter: Error, CustomStringConvertible {
        /// What is wrong.
        public var description: String
    }

    /// Creates the check; throws when `pattern` is missing or invalid.
    public init(parameters: RuleParameters) throws {
        guard let raw = parameters.string("pattern") else { throw InvalidParameter(description: "regex check needs 'pattern'") }
        pattern = try TextMatch.regex(raw)
        scope = parameters.string("scope") ?? "prefix"
        minTokens = parameters.int("min_static_tokens_after", default: 24)
    }

    /// Matches the pattern in scope.
    public func run(_ context: CheckContext) -> [CheckHit] {
        do { return try hits(context) } catch { return [.budgetExceeded(error)] }
    }

    func hits(_ context: CheckContext) throws(TextMatch.BudgetExceeded) -> [CheckHit] {
        if scope == "source" {
            let source = context.template.source
            return try TextMatch.matches(pattern, in: source).map { range, text in
                CheckHit(position: SourcePosition.start.advanced(over: source[..<range.lowerBound]), snippet: text,
                         values: ["match": TextMatch.short(text)])
            }
        }
        let layout = context.layout
        var hits: [CheckHit] = []
        for (i, item) in layout.items.enumerated() {
            guard let text = item.text, item.staticTokens > 0 else { continue }
            for (range, match) in try TextMatch.matches(pattern, in: text) {
                if scope == "prefix" {
                    let after = layout.staticTokens(after: i, within: text, from: range.upperBound, counter: context.tokenCounter)
                    guard after >= minTokens || layout.breakpoint(atOrAfter: item.messageIndex) else { continue }
                }
                hits.append(CheckHit(
                    position: item.position.advanced(over: text[..<range.lowerBound]), snippet: match,
                    values: ["match": TextMatch.short(match)]))
            }
        }
        return hits
    }
}
