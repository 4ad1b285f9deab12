import Foundation

/// Where a literal in static text is not a value sent fresh per request: inside a URL (an image or link
/// address), an HTML comment, or a `{% raw %}` block (example template code shown to the model).
enum LiteralContext {
    /// True when the words just before `range` (on its line) introduce an example: "like", "e.g.",
    /// "such as", "for example", "format", a supposition ("if today is 2025-10-29 and the user says…"), or a
    /// counter-example, the form the model must not write (`Jan 15, 2025 at 3:14 PM, not 2025-01-15T15:14:15Z`,
    /// `instead of 2025-01-15 09:00`).
    static func isExample(_ range: Range<String.Index>, in text: String) -> Bool {
        let line = text[..<range.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
        let near = String(line.suffix(40)).lowercased()
        let words = near.split { !$0.isLetter && $0 != "." }.suffix(4).map(String.init)
        let markers: Set<String> = ["like", "e.g.", "e.g", "eg", "example", "examples", "format", "formatted", "i.e.", "if", "suppose", "assuming",
            "not", "instead", "rather", "avoid"]
        if words.contains(where: { markers.contains($0) || namesExample($0) }) || near.contains("such as") || near.contains("for example") {
            return true
        }
        return introducesCJKExample(near) || sentenceOpensExample(String(line))
    }

    /// The word for "example" (singular and plural) in English and the European languages prompts are often
    /// written in: Spanish `ejemplo` (`ej.`), Portuguese `exemplo`, French `exemple`, Italian `esempio`, German
    /// `Beispiel` (`z.B.`).
    static let exampleWords: Set<String> = [
        "example", "examples", "ejemplo", "ejemplos", "exemplo", "exemplos", "exemple", "exemples", "esempio", "esempi",
        "beispiel", "beispiele", "ej.", "p.ej.", "z.b.",
    ]

    /// True when `word` (lowercased) is a word for "example" of `exampleWords`.
    static func namesExample(_ word: String) -> Bool { exampleWords.contains(word) }

    /// True when the lowercased words of `text` include a word for "example" (`exampleWords`).
    static func mentionsExample(_ text: String) -> Bool {
        text.lowercased().split { !$0.isLetter }.contains { namesExample(String($0)) }
    }

    /// Chinese and Japanese words that introduce an example or a format (no spaces separate them from
    /// the words around them, so they are looked for as text): 例如/比如/譬如 "for example", 示例/範例
    /// "example", 格式/形式 "format", 例えば "for example".
    static let cjkExampleMarkers = ["例如", "比如", "譬如", "示例", "范例", "範例", "格式", "形式", "例えば"]

    /// True when the last few characters before a literal (`near`, lowercased) introduce it as an example
    /// in Chinese or Japanese: a marker of `cjkExampleMarkers` among them, or the literal opens right after
    /// a lone 如/例 ("e.g.") in brackets or after a colon (`ISO 8601（如 2026-08-17T15:00:00+08:00）`).
    static func introducesCJKExample(_ near: String) -> Bool {
        let tail = String(near.suffix(16))
        if cjkExampleMarkers.contains(where: { tail.contains($0) }) { return true }
        let trimmed = tail.trimmingCharacters(in: .whitespaces)
        guard let last = trimmed.last, last == "如" || last == "例" else { return false }
        let before = trimmed.dropLast().last
        return before.map { "（(：:，, ".contains($0) } ?? true
    }

    /// True when the sentence that `line` ends in (the text after its last full stop, within 200
    /// characters) says it is an example: `Example: if the user says "6 PM", send "2026-04-20T18:00…"`,
    /// `(e.g. the user asks for "tomorrow at 9", you write 2026-…)`. A worked case spelled out before its value.
    static func sentenceOpensExample(_ line: String) -> Bool {
        var sentence = Substring(line.suffix(200))
        var searchEnd = sentence.endIndex
        while let stop = sentence[..<searchEnd].range(of: ". ", options: .backwards) {
            let before = sentence[..<stop.lowerBound].lowercased()
            // "e.g. " and "i.e. " do not end a sentence.
            if before.hasSuffix("e.g") || before.hasSuffix("i.e") || before.hasSuffix("etc") {
                searchEnd = stop.lowerBound
                continue
            }
            sentence = sentence[stop.upperBound...]
            break
        }
        let lower = sentence.lowercased()
        let words = Set(lower.split { !$0.isLetter && $0 != "." }.map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".")) })
        return words.contains(where: namesExample) || lower.contains("e.g.") || lower.contains("for instance")
    }

    /// True when `range` lies in a worked example of the prompt's text: under a Markdown heading that names one
    /// (`## Example 7: vague dates`, `### Examples`) or a label line that does (`**Example:**`, `Examples:`) with
    /// no other heading between (fenced code skipped), or inside an `<example>` or `<examples>` block. Dates and
    /// ids there are sample data written once, not values filled per request. `earlier` is the text of the same
    /// message before `text` (source code joins a prompt from literals: the label is often in the one before).
    static func inExampleSection(_ range: Range<String.Index>, in text: String, after earlier: String = "") -> Bool {
        let before = Substring(earlier + text[..<range.lowerBound])
        if let open = before.range(of: "<example", options: [.backwards, .caseInsensitive]),
            before[open.upperBound...].range(of: "</example", options: .caseInsensitive) == nil
        {
            return true
        }
        let lines = before.split(separator: "\n", omittingEmptySubsequences: true)
        let isFence = { (line: Substring) in line.drop { $0 == " " || $0 == "\t" }.hasPrefix("```") }
        // Inside a fenced block (an odd number of fences above), its lines are the sample, not titles.
        var inFence = lines.filter(isFence).count % 2 == 1
        for line in lines.reversed() {
            if isFence(line) {
                inFence.toggle()
                continue
            }
            if inFence { continue }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if opensNumberedExample(trimmed) { return true }
            // A label line naming an example opens one; other labels (`Input:`, `**Output:**`) are often its parts.
            if let label = labelLine(trimmed) ?? boldListLabel(trimmed), label.lowercased().contains("example") || mentionsExample(label) {
                return true
            }
            guard trimmed.hasPrefix("#") else { continue }
            let title = trimmed.drop { $0 == "#" }
            guard title.first == " " else { continue }
            return title.lowercased().contains("example") || mentionsExample(String(title))
        }
        return false
    }

    /// True when a line opens with a worked example's title that is neither a Markdown heading nor a short label:
    /// the word for "example" (`exampleWords`, any case, after a bullet or emphasis) followed by its number or a
    /// dash, with the case it works on after it (`EXAMPLE 1 — "finish my thesis by Friday"`, `Example #2: …`,
    /// `**Ejemplo 3** - …`, `Example — vague dates`). The lines below it, up to the next heading, are that example.
    /// A sentence that merely starts with the word (`Examples are given below`) opens none.
    static func opensNumberedExample(_ line: Substring) -> Bool {
        var text = line
        if let first = text.first, "-*•".contains(first), text.dropFirst().first == " " { text = text.dropFirst(2) }
        text = text.drop { $0 == "*" || $0 == "_" }
        let word = text.prefix { $0.isLetter || $0 == "." }
        guard namesExample(word.lowercased()) else { return false }
        let rest = text[word.endIndex...].drop { $0 == "*" || $0 == "_" || $0 == " " }
        guard let next = rest.first else { return false }
        return next.isNumber || next == "#" || next == "—" || next == "–" || (next == "-" && rest.dropFirst().first == " ")
    }

    /// The bold words of a line that is only a bold label ending in a colon, bulleted or not, however long
    /// (`- **Examples for context (only a guide)**:`, `**Ejemplos de respuesta en formato JSON**:`); nil for
    /// other lines. Such a label titles the list below it as `labelLine`'s short ones do.
    static func boldListLabel(_ line: Substring) -> String? {
        var text = line
        while text.last?.isWhitespace == true { text = text.dropLast() }
        if let first = text.first, "-*•".contains(first), text.dropFirst().first == " " { text = text.dropFirst(2) }
        guard text.hasPrefix("**"), text.count <= 120 else { return nil }
        let inner = text.dropFirst(2)
        guard let close = inner.range(of: "**") else { return nil }
        let rest = inner[close.upperBound...]
        let bold = inner[..<close.lowerBound]
        guard rest == ":" || (rest.isEmpty && bold.hasSuffix(":")) else { return nil }
        return String(bold.hasSuffix(":") ? bold.dropLast() : bold)
    }

    /// The words of a line that is only a short label ending in a colon, bold or not (`**Example:**`,
    /// `Examples:`, `**Output format**:`), which titles the lines below it as a heading does; nil for other lines.
    static func labelLine(_ line: Substring) -> String? {
        var text = line
        while text.last?.isWhitespace == true { text = text.dropLast() }
        let bare = text.filter { $0 != "*" && $0 != "_" }
        guard bare.hasSuffix(":"), bare.count <= 40, text.hasPrefix("**") || bare.split(separator: " ").count <= 3 else { return nil }
        let words = bare.dropLast()
        guard !words.isEmpty, words.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" }) else { return nil }
        return String(words)
    }

    /// True when the literal at `range` is the quoted value of a named field on its line: `"key": "…`,
    /// `key: '…`, `key="…` (the quotes may be escaped, once or more, as in JSON held inside a JSON string).
    static func isFieldValue(_ range: Range<String.Index>, in text: String) -> Bool {
        var rest = text[..<range.lowerBound].utf8.reversed().makeIterator()
        guard let quote = rest.next(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return false }
        var b = rest.next()
        while b == UInt8(ascii: "\\") { b = rest.next() }
        while b == UInt8(ascii: " ") { b = rest.next() }
        guard b == UInt8(ascii: ":") || b == UInt8(ascii: "=") else { return false }
        b = rest.next()
        while b == UInt8(ascii: " ") { b = rest.next() }
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
            b = rest.next()
            while b == UInt8(ascii: "\\") { b = rest.next() }
        }
        var keyLength = 0
        while let c = b, c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
            || (c >= 0x30 && c <= 0x39)
        {
            keyLength += 1
            b = rest.next()
        }
        return keyLength > 0
    }

    /// True when `range` of `text` lies in a URL or an HTML comment.
    static func isQuoted(_ range: Range<String.Index>, in text: String) -> Bool {
        let before = text[..<range.lowerBound]
        let word = before.reversed().prefix { !$0.isWhitespace && !"\"'()<>[]`".contains($0) }
        let token = String(word.reversed())
        if token.contains("://") || token.hasPrefix("www.") || token.contains("/") { return true }
        if let open = before.range(of: "<!--", options: .backwards),
            before[open.upperBound...].range(of: "-->") == nil
        {
            return true
        }
        return false
    }

    /// A `{% raw %}…{% endraw %}` block, compiled once (this runs for every request the server lints).
    private static let rawBlock = try? NSRegularExpression(pattern: #"\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\}"#)

    /// Byte ranges of `{% raw %}…{% endraw %}` bodies in a template's source.
    static func rawBlocks(in source: String) -> [Range<Int>] {
        guard source.utf8.firstRange(of: "raw".utf8) != nil, let regex = rawBlock else { return [] }
        return regex.matches(in: source, range: NSRange(source.startIndex..., in: source)).compactMap { match in
            guard let r = Range(match.range, in: source) else { return nil }
            let lo = source.utf8.distance(from: source.startIndex, to: r.lowerBound)
            return lo..<(lo + source[r].utf8.count)
        }
    }
}
