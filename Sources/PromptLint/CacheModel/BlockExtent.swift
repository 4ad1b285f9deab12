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
        guard let openRegex = try? NSRegularExpression(pattern: open),
            let closeRegex = try? NSRegularExpression(pattern: close)
        else { return nil }
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

/// Block ends for one template source, computed once per tag pattern (one regex pass over the source, opening
/// and closing tags paired with a stack) instead of one scan of the rest of the source per block: a template
/// nested 10,000 deep took minutes that way. Gives the same ends as `BlockExtent.end(of:in:)`.
struct BlockExtentIndex {
    let source: String
    /// By pattern pair: the UTF-8 offset of each opening tag, to its closing tag's offset (-1 when unclosed).
    private var tables: [String: [Int: Int]] = [:]

    init(source: String) { self.source = source }

    mutating func end(of slot: TemplateSlot) -> Int? {
        let start = slot.position.offset + slot.source.utf8.count
        guard start <= source.utf8.count, let (open, close) = BlockExtent.patterns(for: slot.source) else { return nil }
        let key = open + "\u{0}" + close
        if tables[key] == nil { tables[key] = Self.pairs(open: open, close: close, in: source) }
        if let table = tables[key] {
            // The slot's own opening tag starts at its offset (or after leading whitespace kept in the slot).
            for offset in slot.position.offset..<max(start, slot.position.offset + 1) {
                if let end = table[offset] { return end < 0 ? nil : end }
            }
        }
        return BlockExtent.end(of: slot, in: source)
    }

    static func pairs(open: String, close: String, in source: String) -> [Int: Int]? {
        guard let openRegex = try? NSRegularExpression(pattern: open),
            let closeRegex = try? NSRegularExpression(pattern: close)
        else { return nil }
        let range = NSRange(source.startIndex..., in: source)
        var events: [(Int, Bool)] = []
        for m in openRegex.matches(in: source, range: range) { events.append((m.range.location, true)) }
        for m in closeRegex.matches(in: source, range: range) { events.append((m.range.location, false)) }
        events.sort { $0.0 < $1.0 }
        func utf8Offset(_ utf16: Int) -> Int {
            source.utf8.distance(from: source.startIndex, to: String.Index(utf16Offset: utf16, in: source))
        }
        var table: [Int: Int] = [:]
        var stack: [Int] = []
        for (location, isOpen) in events {
            let offset = utf8Offset(location)
            if isOpen {
                stack.append(offset)
                table[offset] = -1
            } else if let opened = stack.popLast() {
                table[opened] = offset
            }
        }
        return table
    }
}
