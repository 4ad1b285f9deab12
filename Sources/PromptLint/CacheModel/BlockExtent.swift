import Foundation

/// Finds where a loop or conditional block ends in the template source, since readers report the
/// opening tag as a slot but not the closing one. Handles Jinja/Nunjucks/Liquid `{% for %}…{% endfor %}`
/// and Mustache/Handlebars `{{#each}}…{{/each}}`, with nesting. A block whose end cannot be found is
/// taken to cover only its own tag.
enum BlockExtent {
    /// The UTF-8 offset where the block opened by `slot` closes, or nil when unknown.
    static func end(of slot: TemplateSlot, in source: String) -> Int? {
        let utf8 = source.utf8
        let start = slot.position.offset + slot.source.utf8.count
        guard start <= utf8.count, let (open, close) = patterns(for: slot.source) else { return nil }
        guard let openRegex = regexes.regex(open), let closeRegex = regexes.regex(close) else { return nil }
        let startIndex = utf8.index(utf8.startIndex, offsetBy: start)
        let rest = String(source[startIndex...])
        let range = NSRange(rest.startIndex..., in: rest)
        var events: [(Int, Bool)] = []
        for m in openRegex.matches(in: rest, range: range) { events.append((m.range.location, true)) }
        for m in closeRegex.matches(in: rest, range: range) { events.append((m.range.location, false)) }
        events.sort { $0.0 < $1.0 }
        var depth = 0
        for (location, isOpen) in events {
            if isOpen {
                depth += 1
            } else if depth == 0 {
                let index = String.Index(utf16Offset: location, in: rest)
                return start + rest.utf8.distance(from: rest.startIndex, to: index)
            } else {
                depth -= 1
            }
        }
        return nil
    }

    /// The per-name patterns compiled so far (block names repeat: `for`, `if`, `each`, ...).
    private static let regexes = RegexCache(limit: 256)

    /// The two tag families whose blocks are paired.
    enum Family: Hashable { case jinja, mustache }

    /// The family and block name of an opening tag (`{% for x in y %}` → jinja, `for`; `{{#each}}` → mustache, `each`).
    static func block(for tag: String) -> (Family, String)? {
        let trimmed = tag.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{%") {
            let body = trimmed.dropFirst(2).drop { $0 == "-" || $0 == "+" || $0 == " " || $0 == "~" }
            let name = String(body.prefix { $0.isLetter })
            return name.isEmpty ? nil : (.jinja, name)
        }
        if trimmed.hasPrefix("{{") {
            var body = trimmed.dropFirst(2)
            if body.first == "~" { body = body.dropFirst() }
            guard let marker = body.first, marker == "#" || marker == "^" else { return nil }
            let name = String(body.dropFirst().prefix { !$0.isWhitespace && $0 != "}" && $0 != "~" })
            return name.isEmpty ? nil : (.mustache, name)
        }
        return nil
    }

    /// Opening and closing patterns for the same block name as the slot's opening tag.
    static func patterns(for tag: String) -> (String, String)? {
        let trimmed = tag.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{%") {
            let body = trimmed.dropFirst(2).drop { $0 == "-" || $0 == "+" || $0 == " " || $0 == "~" }
            let name = String(body.prefix { $0.isLetter })
            guard !name.isEmpty else { return nil }
            let closer = name == "if" || name == "unless" ? "end\(name)" : "end\(name)"
            return (#"\{%[-+~]?\s*"# + name + #"\b"#, #"\{%[-+~]?\s*"# + closer + #"\b"#)
        }
        if trimmed.hasPrefix("{{") {
            var body = trimmed.dropFirst(2)
            if body.first == "~" { body = body.dropFirst() }
            guard let marker = body.first, marker == "#" || marker == "^" else { return nil }
            let name = String(body.dropFirst().prefix { !$0.isWhitespace && $0 != "}" && $0 != "~" })
            guard !name.isEmpty else { return nil }
            let escaped = NSRegularExpression.escapedPattern(for: name)
            return (#"\{\{~?[#^]\s*"# + escaped + #"(?=[\s}~])"#, #"\{\{~?/\s*"# + escaped + #"\s*~?\}\}"#)
        }
        return nil
    }
}

/// Block ends for one template source, computed in one regex pass per tag family (Jinja-like `{% name %}`,
/// Mustache-like `{{#name}}`): every opening and closing tag of any name is found at once and paired with a stack
/// per name. One scan of the rest of the source per block took minutes on a template nested 10,000 deep, and one
/// pass per distinct name was still quadratic for sections with distinct names. Gives the same ends as
/// `BlockExtent.end(of:in:)`.
struct BlockExtentIndex {
    let source: String
    /// By family, then block name: the UTF-8 offset of each opening tag, to its closing tag's offset (-1 when unclosed).
    private var tables: [BlockExtent.Family: [String: [Int: Int]]] = [:]

    init(source: String) { self.source = source }

    mutating func end(of slot: TemplateSlot) -> Int? {
        let start = slot.position.offset + slot.source.utf8.count
        guard start <= source.utf8.count, let (family, name) = BlockExtent.block(for: slot.source) else { return nil }
        if tables[family] == nil { tables[family] = Self.pairs(family, in: source) }
        if let table = tables[family]?[name] {
            // The slot's own opening tag starts at its offset (or after leading whitespace kept in the slot).
            for offset in slot.position.offset..<max(start, slot.position.offset + 1) {
                if let end = table[offset] { return end < 0 ? nil : end }
            }
        }
        return BlockExtent.end(of: slot, in: source)
    }

    /// Any opening and closing Jinja tag, the name captured. A word after `{%` opens a block of that name; `endNAME`
    /// also closes one named NAME (as the per-name patterns did: both readings are kept, each name paired on its own).
    /// Compiled once: this runs for every template and every request the server lints.
    private static let jinjaTags = tagPair(#"\{%[-+~]?\s*([A-Za-z]+)\b"#, #"\{%[-+~]?\s*end([A-Za-z]+)\b"#)
    /// Any opening (`{{#name`, `{{^name`) and closing (`{{/name}}`) Mustache tag, the name captured.
    private static let mustacheTags = tagPair(#"\{\{~?[#^]\s*([^\s}~]+)(?=[\s}~])"#, #"\{\{~?/\s*([^\s}~]+)\s*~?\}\}"#)

    private static func tagPair(_ open: String, _ close: String) -> (NSRegularExpression, NSRegularExpression)? {
        guard let o = try? NSRegularExpression(pattern: open), let c = try? NSRegularExpression(pattern: close) else { return nil }
        return (o, c)
    }

    /// Every block of `family` in `source`, paired per name.
    static func pairs(_ family: BlockExtent.Family, in source: String) -> [String: [Int: Int]] {
        guard let (openRegex, closeRegex) = family == .jinja ? Self.jinjaTags : Self.mustacheTags else { return [:] }
        let ns = source as NSString
        let range = NSRange(location: 0, length: ns.length)
        var events: [(location: Int, isOpen: Bool, name: String)] = []
        for m in openRegex.matches(in: source, range: range) { events.append((m.range.location, true, ns.substring(with: m.range(at: 1)))) }
        for m in closeRegex.matches(in: source, range: range) { events.append((m.range.location, false, ns.substring(with: m.range(at: 1)))) }
        events.sort { ($0.location, $0.isOpen ? 0 : 1) < ($1.location, $1.isOpen ? 0 : 1) }
        var utf8Offsets = UTF16ToUTF8(source)
        var tables: [String: [Int: Int]] = [:]
        var stacks: [String: [Int]] = [:]
        for event in events {
            let offset = utf8Offsets.offset(event.location)
            if event.isOpen {
                stacks[event.name, default: []].append(offset)
                tables[event.name, default: [:]][offset] = -1
            } else if let opened = stacks[event.name]?.popLast() {
                tables[event.name, default: [:]][opened] = offset
            }
        }
        return tables
    }
}

/// UTF-16 offsets (NSRegularExpression's) to UTF-8 offsets, for increasing or repeated queries in linear time.
private struct UTF16ToUTF8 {
    let source: String
    private var index: String.Index
    private var utf16 = 0
    private var utf8 = 0

    init(_ source: String) {
        self.source = source
        index = source.startIndex
    }

    mutating func offset(_ target: Int) -> Int {
        if target < utf16 { (index, utf16, utf8) = (source.startIndex, 0, 0) }
        let view = source.utf16
        while utf16 < target, index < source.endIndex {
            let next = source.unicodeScalars.index(after: index)
            utf16 += view.distance(from: index, to: next)
            utf8 += source.utf8.distance(from: index, to: next)
            index = next
        }
        return utf8
    }
}
