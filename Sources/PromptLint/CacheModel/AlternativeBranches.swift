import Foundation

/// The mutually exclusive branches of a conditional block: `{% if %}…{% elif %}…{% else %}…{% endif %}`,
/// `{{#if}}…{{else}}…{{/if}}`, a Mustache section followed by its inverted section
/// (`{{#x}}…{{/x}}{{^x}}…{{/x}}`), and a run of `if` blocks that each test the same value against a
/// different literal (`{{#if (eq kind 'a')}}…{{/if}}{{#if (eq kind 'b')}}…{{/if}}`, `equalityTest`). A request renders one branch, so the cache model counts one (the
/// smallest, see `LayoutBuilder`), not the sum. Hand-written: no installed package parses these dialects.
enum AlternativeBranches {
    /// For every conditional opening tag in `source` (by its offset): the (start, end) offsets of the
    /// `elif`/`else` tags at its own depth. One pass over the source, so deep nesting stays linear.
    static func boundaries(in source: [UInt8]) -> [Int: [(Int, Int)]] {
        var out: [Int: [(Int, Int)]] = [:]
        var jinja: [Int] = []
        var handlebars: [Int] = []
        var i = 0
        while let open = ByteSearch.find(UInt8(ascii: "{"), in: source, from: i) {
            guard open + 1 < source.count else { break }
            let next = source[open + 1]
            if next == UInt8(ascii: "%") {
                guard let close = JinjaScanner.findCloser(UInt8(ascii: "%"), in: source, from: open + 2, to: source.count) else { break }
                switch jinjaKeyword(source, from: open + 2, to: close) {
                case "if", "for", "unless", "case": jinja.append(open)
                case "endif", "endfor", "endunless", "endcase": _ = jinja.popLast()
                case "elif", "elsif", "elseif", "else":
                    if let owner = jinja.last { out[owner, default: []].append((open, close + 2)) }
                default: break
                }
                i = close + 2
            } else if next == UInt8(ascii: "{") {
                guard let close = ByteSearch.find(Array("}}".utf8), in: source, from: open + 2) else { break }
                var k = open + 2
                while k < close, source[k] == UInt8(ascii: "~") || source[k] == 0x20 || source[k] == UInt8(ascii: "{") { k += 1 }
                let sigil = k < close ? source[k] : 0
                let named = k + 1 < close && source[k + 1] != 0x20 && source[k + 1] != UInt8(ascii: "~")
                if sigil == UInt8(ascii: "#") || (sigil == UInt8(ascii: "^") && named) {
                    handlebars.append(open)
                } else if sigil == UInt8(ascii: "/") {
                    _ = handlebars.popLast()
                } else if sigil == UInt8(ascii: "^") || RoleMarkers.hasPrefix(source, at: k, "else"), let owner = handlebars.last {
                    out[owner, default: []].append((open, close + 2))
                }
                i = close + 2
            } else {
                i = open + 1
            }
        }
        return out
    }

    /// The branches of the block opened at `openingTag` (body from `bodyStart`, closing tag at `end`).
    static func branches(opening: Int, bodyStart: Int, end: Int, boundaries: [Int: [(Int, Int)]]) -> [Range<Int>] {
        guard bodyStart <= end else { return [] }
        var ranges: [Range<Int>] = []
        var start = bodyStart
        for (tagStart, tagEnd) in boundaries[opening] ?? [] where tagStart >= start && tagEnd <= end {
            ranges.append(start..<tagStart)
            start = tagEnd
        }
        ranges.append(start..<end)
        return ranges
    }

    private static func jinjaKeyword(_ source: [UInt8], from: Int, to: Int) -> String {
        var k = from
        while k < to, [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "~"), 0x20, 0x0A, 0x09].contains(source[k]) { k += 1 }
        var word = ""
        while k < to, (source[k] | 0x20) >= 0x61 && (source[k] | 0x20) <= 0x7A, word.count < 12 {
            word.append(Character(UnicodeScalar(source[k])))
            k += 1
        }
        return word
    }

    /// True when `slot` is a condition that only picks among branches written in the template: Jinja/Liquid
    /// `if`, `elif`, `else`, `unless`; Handlebars `{{#if}}`, `{{#unless}}`, `{{else}}` and a Mustache inverted
    /// section `{{^x}}` (rendered when `x` is empty). A Mustache section `{{#x}}` is not one: over a list it
    /// repeats its body, so its length varies with the value.
    static func isCondition(_ slot: TemplateSlot) -> Bool {
        guard slot.isConditional, !slot.isLoop else { return false }
        let tag = slot.source.trimmingCharacters(in: .whitespacesAndNewlines)
        if tag.hasPrefix("{%") {
            let body = tag.dropFirst(2).drop { $0 == "-" || $0 == "+" || $0 == "~" || $0.isWhitespace }
            let word = body.prefix { $0.isLetter }
            return ["if", "elif", "elsif", "elseif", "else", "unless"].contains(String(word))
        }
        guard tag.hasPrefix("{{") else { return false }
        let body = tag.dropFirst(2).drop { $0 == "~" || $0 == "{" || $0.isWhitespace }
        if body.hasPrefix("^") { return true }
        let word = body.drop { $0 == "#" }.prefix { $0.isLetter }
        return (body.hasPrefix("#") && (word == "if" || word == "unless")) || (!body.hasPrefix("#") && word == "else")
    }

    /// Conditions that test one value against one written literal: Handlebars `{{#if (eq section 'skills')}}`,
    /// Jinja `{% if mode == "brief" %}` (group 1 the subject, group 3 the literal); compiled once.
    private static let equalityTests = [
        #"^\{\{~?\s*#if\s+\(\s*eq\s+([A-Za-z_@][A-Za-z0-9_.@]*)\s+(['"])([^'"]*)\2\s*\)\s*~?\}\}$"#,
        #"^\{%[-+~]?\s*if\s+([A-Za-z_][A-Za-z0-9_.]*)\s*==\s*(['"])([^'"]*)\2\s*[-+~]?%\}$"#,
    ].compactMap { try? NSRegularExpression(pattern: $0) }

    /// The subject and the literal of a conditional's opening tag that tests one value for equality with a
    /// written literal and nothing else (`{{#if (eq sectionType 'experience')}}` gives `sectionType`,
    /// `experience`); nil for any other condition. A run of such blocks on the same subject with different
    /// literals, one after the other, is a switch written as separate `if`s: at most one of them renders.
    static func equalityTest(_ slot: TemplateSlot) -> (subject: String, literal: String)? {
        let tag = slot.source.trimmingCharacters(in: .whitespacesAndNewlines)
        let range = NSRange(tag.startIndex..., in: tag)
        for regex in equalityTests {
            guard let match = regex.firstMatch(in: tag, range: range),
                let subject = Range(match.range(at: 1), in: tag), let literal = Range(match.range(at: 3), in: tag)
            else { continue }
            return (String(tag[subject]), String(tag[literal]))
        }
        return nil
    }

    /// True when only whitespace lies between `from` and `to` in `source`.
    static func onlyWhitespace(_ source: [UInt8], from: Int, to: Int) -> Bool {
        guard from <= to, to <= source.count else { return false }
        return source[from..<to].allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
    }
}
