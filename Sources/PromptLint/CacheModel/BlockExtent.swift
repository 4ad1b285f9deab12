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
