/// JSON objects and arrays written inside text (a tool result pasted into a message, a configuration quoted in
/// prose): each is one block, kept or dropped whole like a fenced code block, so the output never holds JSON
/// cut word by word. Inside a JSON string (`--messages`, JSON input) the text is read through its escapes.
enum EmbeddedJSON {
    /// The JSON spans of `bytes[range]` as raw byte ranges; after words on its line a span is widened to the
    /// spaces before it (returned as its leading space, dropped with it).
    ///
    /// A span is an object or array that parses completely and holds at least one string (so `[1]` citations
    /// stay words). A candidate starts at `{` or `[` at the start of the text or after a space, newline, `:`,
    /// `=` or `(`; when one fails, scanning resumes where it failed, so the work stays linear in the text.
    static func spans(_ bytes: [UInt8], in range: Range<Int>, escaped: Bool) -> [(range: Range<Int>, leadingSpace: Int)] {
        let (decoded, origin) = decode(bytes, range: range, escaped: escaped)
        var out: [(range: Range<Int>, leadingSpace: Int)] = []
        var i = 0
        while i < decoded.count {
            let b = decoded[i]
            guard b == UInt8(ascii: "{") || b == UInt8(ascii: "["), i == 0 || opensValue(after: decoded[i - 1]) else {
                i += 1
                continue
            }
            switch JSONStringScanner.valueEnd(decoded, from: i) {
            case .success(let end):
                if decoded[i..<end].contains(UInt8(ascii: "\"")) {
                    var start = i
                    while start > 0, decoded[start - 1] == 32 || decoded[start - 1] == 9 { start -= 1 }
                    if !followsWords(decoded, at: start) { start = i }
                    let rawStart = origin[start], rawEnd = end < origin.count ? origin[end] : range.upperBound
                    out.append((rawStart..<rawEnd, origin[i] - rawStart))
                }
                i = end
            case .failure(let error):
                i = max(i + 1, error.offset)
            }
        }
        return out
    }

    /// Whether a letter precedes `i` on its line: the spaces before the span separate it from words, not from a
    /// list marker or indentation (which stay with the line's structure).
    /// Looks back at most 256 bytes, so many spans on one long line cost linear time.
    private static func followsWords(_ decoded: [UInt8], at i: Int) -> Bool {
        var k = i
        while k > max(0, i - 256), decoded[k - 1] != 10 {
            let b = decoded[k - 1]
            if (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b >= 0x80 { return true }
            k -= 1
        }
        return false
    }

    /// Whether a JSON value may start after byte `b` in prose.
    private static func opensValue(after b: UInt8) -> Bool {
        b == 32 || b == 9 || b == 10 || b == 13 || b == UInt8(ascii: ":") || b == UInt8(ascii: "=") || b == UInt8(ascii: "(")
    }

    /// The text of `bytes[range]` with JSON string escapes undone when `escaped` (`\"` is a quote, `\n` a newline,
    /// `\uXXXX` one letter), and for each decoded byte the raw offset it came from.
    static func decode(_ bytes: [UInt8], range: Range<Int>, escaped: Bool) -> ([UInt8], [Int]) {
        guard escaped else { return (Array(bytes[range]), Array(range)) }
        var decoded: [UInt8] = []
        var origin: [Int] = []
        decoded.reserveCapacity(range.count)
        origin.reserveCapacity(range.count)
        var k = range.lowerBound
        while k < range.upperBound {
            origin.append(k)
            guard bytes[k] == UInt8(ascii: "\\"), k + 1 < range.upperBound else {
                decoded.append(bytes[k])
                k += 1
                continue
            }
            let e = bytes[k + 1]
            // `\uXXXX` stands in as one letter; the input was validated, so anything else is a one-byte escape.
            decoded.append(JSONStringScanner.escapedByte(e) ?? e)
            k += e == UInt8(ascii: "u") ? min(6, range.upperBound - k) : 2
        }
        return (decoded, origin)
    }
}
