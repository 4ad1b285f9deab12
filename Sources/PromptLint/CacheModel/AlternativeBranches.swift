/// The mutually exclusive branches of a conditional block: `{% if %}…{% elif %}…{% else %}…{% endif %}`,
/// `{{#if}}…{{else}}…{{/if}}`, and a Mustache section followed by its inverted section
/// (`{{#x}}…{{/x}}{{^x}}…{{/x}}`). A request renders one branch, so the cache model counts the longest
/// branch's static text, not the sum. Hand-written: no installed package parses these dialects.
enum AlternativeBranches {
    /// The branches of the block whose opening tag ends at `bodyStart` and whose closing tag starts at
    /// `end`, as byte ranges of `source`; one range when the block has no `else`.
    static func branches(openingTag: String, bodyStart: Int, end: Int, source: [UInt8]) -> [Range<Int>] {
        guard bodyStart <= end, end <= source.count else { return [] }
        let trimmed = openingTag.drop(while: { $0 == " " || $0 == "\n" || $0 == "\t" })
        let boundaries = trimmed.hasPrefix("{%")
            ? jinjaBoundaries(bodyStart: bodyStart, end: end, source: source)
            : handlebarsBoundaries(bodyStart: bodyStart, end: end, source: source)
        var ranges: [Range<Int>] = []
        var start = bodyStart
        for (tagStart, tagEnd) in boundaries {
            ranges.append(start..<tagStart)
            start = tagEnd
        }
        ranges.append(start..<end)
        return ranges
    }

    /// `elif`/`else` tags at the block's own depth, as (start, end) offsets.
    private static func jinjaBoundaries(bodyStart: Int, end: Int, source: [UInt8]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var depth = 0
        var i = bodyStart
        while let open = ByteSearch.find(Array("{%".utf8), in: source, from: i, to: end) {
            guard let close = JinjaScanner.findCloser(UInt8(ascii: "%"), in: source, from: open + 2, to: end) else { break }
            var k = open + 2
            while k < close, [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "~"), 0x20, 0x0A, 0x09].contains(source[k]) {
                k += 1
            }
            var word = ""
            while k < close, (source[k] | 0x20) >= 0x61 && (source[k] | 0x20) <= 0x7A { word.append(Character(UnicodeScalar(source[k]))); k += 1 }
            switch word {
            case "if", "for", "unless", "case": depth += 1
            case "endif", "endfor", "endunless", "endcase": depth -= 1
            case "elif", "elsif", "elseif", "else":
                if depth == 0 { out.append((open, close + 2)) }
            default: break
            }
            i = close + 2
        }
        return out
    }

    /// `{{else}}`, `{{else if …}}` and `{{^}}` tags at the block's own depth.
    private static func handlebarsBoundaries(bodyStart: Int, end: Int, source: [UInt8]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var depth = 0
        var i = bodyStart
        while let open = ByteSearch.find(Array("{{".utf8), in: source, from: i, to: end) {
            guard let close = ByteSearch.find(Array("}}".utf8), in: source, from: open + 2, to: end) else { break }
            var k = open + 2
            while k < close, source[k] == UInt8(ascii: "~") || source[k] == 0x20 { k += 1 }
            let sigil = k < close ? source[k] : 0
            let named = k + 1 < close && source[k + 1] != 0x20 && source[k + 1] != UInt8(ascii: "~")
            if sigil == UInt8(ascii: "#") || (sigil == UInt8(ascii: "^") && named) {
                depth += 1
            } else if sigil == UInt8(ascii: "/") {
                depth -= 1
            } else if depth == 0,
                sigil == UInt8(ascii: "^") || RoleMarkers.hasPrefix(source, at: k, "else")
            {
                out.append((open, close + 2))
            }
            i = close + 2
        }
        return out
    }

    /// True when only whitespace lies between `from` and `to` in `source`.
    static func onlyWhitespace(_ source: [UInt8], from: Int, to: Int) -> Bool {
        guard from <= to, to <= source.count else { return false }
        return source[from..<to].allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
    }
}
