import Foundation

/// Regular expressions from users (rule files a repository ships, `fewshot --split`) run within a matching budget:
/// a pattern that backtracks catastrophically on a text, e.g. `(x+x+)+y` on a line of x's, is stopped and reported
/// instead of hanging the run.
public enum RegexBudget {
    /// The pattern needed more matching work than the budget allows on this text.
    public struct Exceeded: Error, Equatable {
        /// The pattern.
        public var pattern: String
    }

    /// The matching budget in progress ticks. With `.reportProgress` the engine (ICU) calls back once per start
    /// position it tries and once per about 10,000 backtracking steps, both counted by the engine, so the cut-off
    /// is the same on every run and machine. The budget allows every start position, some 300 steps a character
    /// (far above what a linear pattern needs) and a fixed 10 million steps (about a second here); a pattern like
    /// `(x+x+)+y` on a line of x's spends that at its first start position.
    public static func budget(forLength length: Int) -> Int { length + length / 32 + 1000 }

    /// The matches of `regex` in `range` of `text` (the whole text by default), within the budget.
    /// - Throws: `Exceeded` when the engine's work goes over `budget(forLength:)` of the range's length.
    public static func matches(
        _ regex: NSRegularExpression, in text: String, range: NSRange? = nil
    ) throws(Exceeded) -> [NSTextCheckingResult] {
        let searched = range ?? NSRange(text.startIndex..., in: text)
        let budget = budget(forLength: searched.length)
        var ticks = 0
        var found: [NSTextCheckingResult] = []
        regex.enumerateMatches(in: text, options: [.reportProgress], range: searched) { match, _, stop in
            guard let match else {
                ticks += 1
                if ticks > budget { stop.pointee = true }
                return
            }
            found.append(match)
        }
        guard ticks <= budget else { throw Exceeded(pattern: regex.pattern) }
        return found
    }
}
