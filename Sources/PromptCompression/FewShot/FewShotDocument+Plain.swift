import Foundation
import SafeIO

extension FewShotDocument {
    /// A header that starts a demonstration (`Question:`, `Q:`, `Input:`, `Example 2:` ...).
    static let headerPattern = #"^[ \t]*(?:Question|Q|Input|Problem|Example)(?:[ \t]*\d+)?[ \t]*:[ \t]*"#
    /// A line that starts the answer part of a demonstration.
    static let answerPattern = #"^[ \t]*(?:A|Answer|Output|Response|Solution)[ \t]*:"#

    /// Splits a plain prompt at every match of `pattern` (the matched text is the separator and is kept for
    /// rendering). With the default pattern, text before the first header is a preamble, not an example.
    static func parsePlain(_ text: String, pattern: String?) throws(FewShotError) -> FewShotDocument {
        let usesDefault = pattern == nil
        let source = pattern ?? defaultSplitPattern
        let regex: NSRegularExpression
        do {
            regex = try NSRegularExpression(pattern: source)
        } catch {
            throw .invalidSplitPattern(pattern: source, reason: "not a valid regular expression")
        }
        let ns = text as NSString
        // Leading and trailing whitespace belong to the layout, not to an example.
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw .emptyList }
        let leading = ns.range(of: body).location
        let trailingStart = leading + (body as NSString).length
        var pieces: [(separator: String, block: String)] = []
        var cursor = leading
        var separator = ns.substring(to: leading)
        let matches: [NSTextCheckingResult]
        do {
            matches = try RegexBudget.matches(regex, in: text, range: NSRange(location: leading, length: trailingStart - leading))
        } catch {
            throw .invalidSplitPattern(pattern: source, reason: "it exceeded the matching budget on this text (catastrophic backtracking)")
        }
        for match in matches {
            guard match.range.length > 0 else {
                throw .invalidSplitPattern(pattern: source, reason: "it matches empty text")
            }
            let block = ns.substring(with: NSRange(location: cursor, length: match.range.location - cursor))
            if block.allSatisfy(\.isWhitespace) {
                separator += block + ns.substring(with: match.range)
            } else {
                pieces.append((separator, block))
                separator = ns.substring(with: match.range)
            }
            cursor = match.range.location + match.range.length
        }
        let lastBlock = ns.substring(with: NSRange(location: cursor, length: max(0, trailingStart - cursor)))
        if !lastBlock.allSatisfy(\.isWhitespace) { pieces.append((separator, lastBlock)) }
        guard !pieces.isEmpty else { throw .emptyList }
        let suffix = ns.substring(from: trailingStart)

        var prefix = ""
        if usesDefault, !startsWithHeader(pieces[0].block) {
            prefix = pieces[0].separator + pieces[0].block
            pieces.removeFirst()
            guard !pieces.isEmpty else { throw .emptyList }
        } else {
            // Leading whitespace of the text stays before whatever is written first.
            prefix = pieces[0].separator
            pieces[0].separator = ""
        }
        var separators = pieces.map(\.separator)
        if !prefix.isEmpty, separators[0].isEmpty, usesDefault == false { separators[0] = "" }
        let examples = pieces.map { plainExample($0.block) }
        return FewShotDocument(
            format: .plain, examples: examples, warnings: examples.count == 1 ? [.singleBlock] : [],
            prefix: prefix, separators: separators, suffix: suffix)
    }

    static func startsWithHeader(_ block: String) -> Bool {
        block.range(of: headerPattern, options: .regularExpression) != nil
    }

    /// A plain block as an example: the input is the first line without its header (or, when an `A:` /
    /// `Answer:` / `Output:` line follows, every line before it); the output is the rest.
    static func plainExample(_ block: String) -> FewShotExample {
        let lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var split = 1
        if let answer = lines.indices.dropFirst().first(where: { lines[$0].range(of: answerPattern, options: .regularExpression) != nil }) {
            split = answer
        }
        var input = lines[0..<split].joined(separator: "\n")
        if let header = input.range(of: headerPattern, options: .regularExpression) { input.removeSubrange(header) }
        let output = lines[split...].joined(separator: "\n")
        return FewShotExample(
            input: input.trimmingCharacters(in: .whitespacesAndNewlines),
            output: output.trimmingCharacters(in: .whitespacesAndNewlines),
            text: block, source: block)
    }
}
