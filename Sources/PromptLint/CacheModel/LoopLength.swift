import Foundation

/// How many times a loop over a constant collection renders its body, when the collection's length is
/// known: a list written in the loop header (`for x in ["a", "b"]`, `range(3)`), a list set in the same
/// file (`{% set tools = [...] %}`, a YAML/JSON sibling the reader recorded in `TemplateSlot.iterations`),
/// a list in the template's front matter or metadata, or a list given in configuration
/// (`constants: {tools: [a, b]}`). Unknown lengths return nil and the body counts once: a loop over a
/// constant renders its body at least once in any deployment worth caching, and guessing more would
/// invent tokens. Hand-written: no installed package evaluates Jinja or Handlebars expressions.
enum LoopLength {
    /// The most iterations counted for one loop, so a `range(100000)` does not flood the estimate.
    static let cap = 1_000

    /// The known number of iterations of `slot` (a loop), or nil when unknown.
    static func iterations(of slot: TemplateSlot, in template: PromptTemplate, classifier: SlotClassifier) -> Int? {
        if let known = slot.iterations { return min(known, cap) }
        guard let collection = LoopSyntax.collection(of: slot.expression) else { return nil }
        if let literal = literalLength(collection) { return min(literal, cap) }
        let name = collection.trimmingCharacters(in: CharacterSet(charactersIn: "$ ")).lowercased()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else { return nil }
        if let configured = classifier.constantLengths[name] { return min(configured, cap) }
        if let set = setLength(name, in: template.source) { return min(set, cap) }
        if let listed = metadataLength(name, in: template.metadata) { return min(listed, cap) }
        return nil
    }

    /// A loop whose collection the template itself writes out (a literal in the header, or a
    /// `{% set %}` of a literal): a constant of known length, with the reason for messages.
    static func writtenInFile(_ slot: TemplateSlot, in template: PromptTemplate) -> (count: Int, reason: String)? {
        guard let collection = LoopSyntax.collection(of: slot.expression) else { return nil }
        if let literal = literalLength(collection) {
            return (min(literal, cap), "the loop runs over a literal of \(literal) items")
        }
        let name = collection.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
            let set = setLength(name, in: template.source)
        else { return nil }
        return (min(set, cap), "`\(name)` is set to a list of \(set) items in this file")
    }

    /// The length of a list, tuple or `range(n)` literal, or nil for anything else.
    static func literalLength(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("range("), trimmed.hasSuffix(")") {
            let args = trimmed.dropFirst(6).dropLast().split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !args.isEmpty, args.allSatisfy({ $0 != nil }) else { return nil }
            let numbers = args.compactMap { $0 }
            let (lo, hi) = numbers.count == 1 ? (0, numbers[0]) : (numbers[0], numbers[1])
            return max(hi - lo, 0)
        }
        guard let first = trimmed.first, let last = trimmed.last, (first == "[" && last == "]") || (first == "(" && last == ")")
        else { return nil }
        return topLevelItems(in: String(trimmed.dropFirst().dropLast()))
    }

    /// `{% set name = [...] %}` (or `(...)`) in the template source.
    static func setLength(_ name: String, in source: String) -> Int? {
        let escaped = NSRegularExpression.escapedPattern(for: name)
        let pattern = #"\{%[-+~]?\s*set\s+"# + escaped + #"\s*=\s*([\[(][^%]*[\])])\s*[-+~]?%\}"#
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return nil }
        let ns = source as NSString
        guard let match = regex.firstMatch(in: source, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return literalLength(ns.substring(with: match.range(at: 1)))
    }

    /// A list in front matter or metadata: `DocValue.flatten` records `path.#count` for every list; the
    /// collection matches a path that ends with its name (`input.default.tools` for `tools`).
    static func metadataLength(_ name: String, in metadata: [String: String]) -> Int? {
        let suffix = "." + name + ".#count"
        let key = name + ".#count"
        for (path, value) in metadata.sorted(by: { $0.key < $1.key })
        where path.lowercased() == key || path.lowercased().hasSuffix(suffix) {
            if let n = Int(value) { return n }
        }
        return nil
    }

    /// The number of comma-separated items at the top level of `body` (quotes and brackets respected).
    static func topLevelItems(in body: String) -> Int? {
        var depth = 0
        var quote: Character?
        var items = 0
        var pending = false
        var previous: Character = " "
        for ch in body {
            if let q = quote {
                if ch == q && previous != "\\" { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
                pending = true
            } else if "[({".contains(ch) {
                depth += 1
                pending = true
            } else if "])}".contains(ch) {
                depth -= 1
                if depth < 0 { return nil }
            } else if ch == "," && depth == 0 {
                if pending { items += 1 }
                pending = false
            } else if !ch.isWhitespace {
                pending = true
            }
            previous = ch
        }
        guard quote == nil, depth == 0 else { return nil }
        return items + (pending ? 1 : 0)
    }
}
