import Foundation
import SafeIO

extension SourcePosition {
    /// The position reached after reading `text` from here.
    func advanced(over text: Substring) -> SourcePosition {
        var p = self
        for scalar in text.unicodeScalars {
            p.offset += scalar.value < 0x80 ? 1 : scalar.value < 0x800 ? 2 : scalar.value < 0x10000 ? 3 : 4
            if scalar == "\n" {
                p.line += 1
                p.column = 1
            } else {
                p.column += 1
            }
        }
        return p
    }
}

/// Regular-expression helpers shared by checks.
enum TextMatch {
    /// Compiles a pattern; `(?i)` and friends are written inline.
    static func regex(_ pattern: String) throws -> NSRegularExpression {
        try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
    }

    /// A regular expression (from a rule file, which a repository under review can ship) that needed more matching
    /// work than `matches` allows: it backtracks catastrophically on this text, e.g. `(x+x+)+y` on a line of x's.
    struct BudgetExceeded: Error, Equatable {
        /// The pattern.
        var pattern: String
    }

    /// Matches of `regex` in `text`, as (range, matched text), within the shared matching budget (`RegexBudget`).
    /// - Parameter budgeted: false only for the library's own patterns (compiled in, linear), which are matched
    ///   without the budget's progress callback: the engine calls it at every start position, which was most of
    ///   the matching time of a linted request.
    /// - Throws: `BudgetExceeded` when the engine's work goes over the budget.
    static func matches(
        _ regex: NSRegularExpression, in text: String, budgeted: Bool = true
    ) throws(BudgetExceeded) -> [(Range<String.Index>, String)] {
        let results: [NSTextCheckingResult]
        if budgeted {
            do { results = try RegexBudget.matches(regex, in: text) } catch { throw BudgetExceeded(pattern: error.pattern) }
        } else {
            results = regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
        }
        return results.compactMap { match in
            guard let r = Range(match.range, in: text), !r.isEmpty else { return nil }
            return (r, String(text[r]))
        }
    }

    /// A short, single-line version of `text` for messages.
    static func short(_ text: String, limit: Int = 60) -> String {
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }
}

extension CacheLayout {
    /// Static tokens after a point inside text item `i`: the rest of that item plus everything later.
    func staticTokens(after i: Int, within text: String, from index: String.Index, counter: any TokenCounter) -> Int {
        let rest = items[i].staticTokens > 0 ? counter.count(String(text[index...])) : 0
        return rest + staticTokens(after: i)
    }

    /// True when a message at or after `messageIndex` carries a cache breakpoint.
    func breakpoint(atOrAfter messageIndex: Int) -> Bool {
        breakpointMessages.contains { $0 >= messageIndex }
    }
}
