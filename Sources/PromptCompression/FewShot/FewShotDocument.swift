import Foundation

/// A list of few-shot examples read from text, remembering the layout around them so that a pruned list can be
/// written back in the input's own form.
public struct FewShotDocument: Sendable {
    /// How the examples were written.
    public enum Format: String, Sendable, CaseIterable {
        /// A JSON list of objects.
        case json
        /// One JSON object per line.
        case jsonl
        /// A plain prompt whose demonstrations are separated by a delimiter.
        case plain
    }

    /// The default `--split` pattern: a blank line followed by a `Question:`, `Q:`, `Input:`, `Problem:` or
    /// `Example:` header (optionally numbered, e.g. `Example 3:`).
    public static let defaultSplitPattern = #"\n(?:[ \t]*\n)+(?=[ \t]*(?:Question|Q|Input|Problem|Example)(?:[ \t]*\d+)?[ \t]*:)"#

    /// The form the examples were read from.
    public let format: Format
    /// The examples in input order.
    public let examples: [FewShotExample]
    /// Things worth telling the user (e.g. no delimiter found).
    public let warnings: [FewShotWarning]
    /// Text before the first example: a JSON list's `[`, a plain prompt's instructions.
    public let prefix: String
    /// `separators[i]` is the text written between example i-1 and example i (`separators[0]` between the
    /// prefix and the first example).
    let separators: [String]
    /// Text after the last example.
    public let suffix: String

    init(format: Format, examples: [FewShotExample], warnings: [FewShotWarning] = [], prefix: String, separators: [String], suffix: String) {
        self.format = format
        self.examples = examples
        self.warnings = warnings
        self.prefix = prefix
        self.separators = separators
        self.suffix = suffix
    }

    /// Reads examples from `text`.
    /// - Parameters:
    ///   - format: the form to read; nil guesses it (`[` starts a JSON list, `{` a JSONL file, anything else is
    ///     a plain prompt).
    ///   - splitPattern: for plain prompts, the regular expression matching the delimiter between examples
    ///     (default `defaultSplitPattern`; with it, text before the first header is kept as a preamble).
    /// - Throws: `FewShotError` with the line of the first problem.
    public static func parse(_ text: String, format: Format? = nil, splitPattern: String? = nil) throws(FewShotError) -> FewShotDocument {
        let resolved = format ?? guessFormat(text)
        switch resolved {
        case .json: return try parseJSONList(text)
        case .jsonl: return try parseJSONLines(text)
        case .plain: return try parsePlain(text, pattern: splitPattern)
        }
    }

    /// The form `text` most likely has.
    public static func guessFormat(_ text: String) -> Format {
        let first = text.unicodeScalars.first { !CharacterSet.whitespacesAndNewlines.contains($0) }
        switch first {
        case "[": return .json
        case "{": return .jsonl
        default: return .plain
        }
    }

    /// The document with only the examples at `indices` (sorted into input order), in the input's own form.
    public func render(keeping indices: [Int]) -> String {
        let kept = Array(Set(indices)).filter { examples.indices.contains($0) }.sorted()
        guard !kept.isEmpty else {
            return format == .json ? "[]\n" : (format == .plain ? prefix.trimmingTrailingNewlines() + suffix : "")
        }
        var out = prefix
        for (position, index) in kept.enumerated() {
            if position > 0 || !prefix.isEmpty {
                out += separator(before: index, afterPrefix: position == 0)
            }
            out += examples[index].source
        }
        return out + suffix
    }

    /// The text to write before example `index`: its own separator when it had one, else the usual one.
    private func separator(before index: Int, afterPrefix: Bool) -> String {
        if afterPrefix { return separators.first ?? "" }
        if index > 0 { return separators[index] }
        return separators.count > 1 ? separators[1] : "\n"
    }
}

extension String {
    /// The string without trailing newlines (linear: `dropLast()` on a substring counts it each time).
    func trimmingTrailingNewlines() -> String {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isNewline { end = index(before: end) }
        return String(self[..<end])
    }
}
