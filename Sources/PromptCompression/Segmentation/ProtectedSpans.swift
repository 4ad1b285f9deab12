/// Finding the spans the compressor must never alter: template placeholders, `<keep>` and
/// `<llmlingua, compress=False>` regions, fenced code blocks, JSON objects and arrays written in the text.
enum ProtectedSpans {
    /// A top-level region of the input.
    enum Block: Equatable, Sendable {
        /// Ordinary text to segment into words.
        case text(Range<Int>)
        /// A tag removed from the output.
        case marker(Range<Int>)
        /// Content kept verbatim.
        case kept(Range<Int>)
        /// A fenced code block, fences included (without the newline after the closing fence).
        case code(Range<Int>)
        /// A JSON object or array inside text (`EmbeddedJSON`), with the spaces before it: kept or dropped whole.
        case json(Range<Int>, leadingSpace: Int)
    }

    /// Splits `bytes[range]` into text, marker, kept and code blocks, in order, covering the range exactly.
    static func blocks(_ bytes: [UInt8], in range: Range<Int>? = nil, escaped: Bool = false) -> [Block] {
        let whole = range ?? 0..<bytes.count
        var out: [Block] = []
        var textStart = whole.lowerBound
        var i = whole.lowerBound
        func flushText(upTo end: Int) {
            if end > textStart { out += codeBlocks(bytes, in: textStart..<end, escaped: escaped) }
        }
        while i < whole.upperBound {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            if let open = match(bytes, at: i, literal: "<keep>", end: whole.upperBound),
               let close = find(bytes, literal: "</keep>", from: open, end: whole.upperBound) {
                flushText(upTo: i)
                out.append(.marker(i..<open))
                if close > open { out.append(.kept(open..<close)) }
                let closeEnd = close + 7
                out.append(.marker(close..<closeEnd))
                i = closeEnd
                textStart = i
                continue
            }
            if let (tagEnd, compress) = llmlinguaTag(bytes, at: i, end: whole.upperBound),
               let close = find(bytes, literal: "</llmlingua>", from: tagEnd, end: whole.upperBound) {
                flushText(upTo: i)
                out.append(.marker(i..<tagEnd))
                if close > tagEnd {
                    if compress { out += codeBlocks(bytes, in: tagEnd..<close, escaped: escaped) } else { out.append(.kept(tagEnd..<close)) }
                }
                let closeEnd = close + 12
                out.append(.marker(close..<closeEnd))
                i = closeEnd
                textStart = i
                continue
            }
            i += 1
        }
        flushText(upTo: whole.upperBound)
        return out
    }

    /// `<llmlingua, compress=False>` style opening tag at `i`: its end and whether its content may be compressed.
    static func llmlinguaTag(_ bytes: [UInt8], at i: Int, end: Int) -> (Int, Bool)? {
        guard let afterName = match(bytes, at: i, literal: "<llmlingua", end: end) else { return nil }
        var j = afterName
        while j < end, bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "<"), bytes[j] != 10 { j += 1 }
        guard j < end, bytes[j] == UInt8(ascii: ">") else { return nil }
        if afterName < j, bytes[afterName] != UInt8(ascii: ","), bytes[afterName] != UInt8(ascii: " ") { return nil }
        let attributes = String(decoding: bytes[afterName..<j], as: UTF8.self).lowercased().filter { $0 != " " }
        return (j + 1, !attributes.contains("compress=false"))
    }

    /// Splits a text range into text, fenced code blocks and embedded JSON.
    static func codeBlocks(_ bytes: [UInt8], in range: Range<Int>, escaped: Bool = false) -> [Block] {
        fencedBlocks(bytes, in: range, escaped: escaped).flatMap { block -> [Block] in
            guard case .text(let r) = block else { return [block] }
            var out: [Block] = []
            var start = r.lowerBound
            for span in EmbeddedJSON.spans(bytes, in: r, escaped: escaped) {
                if span.range.lowerBound > start { out.append(.text(start..<span.range.lowerBound)) }
                out.append(.json(span.range, leadingSpace: span.leadingSpace))
                start = span.range.upperBound
            }
            if r.upperBound > start { out.append(.text(start..<r.upperBound)) }
            return out
        }
    }

    /// Splits a text range into text and fenced code blocks (``` or ~~~ fences at line start).
    static func fencedBlocks(_ bytes: [UInt8], in range: Range<Int>, escaped: Bool = false) -> [Block] {
        let step = escaped ? 2 : 1
        var out: [Block] = []
        var textStart = range.lowerBound
        var lineStart = range.lowerBound
        while lineStart < range.upperBound {
            let lineEnd = endOfLine(bytes, from: lineStart, end: range.upperBound, escaped: escaped)
            if let fence = fenceMarker(bytes, lineStart: lineStart, lineEnd: lineEnd) {
                // Find the closing fence: a line starting (after up to 3 spaces) with the same marker.
                var next = lineEnd < range.upperBound ? lineEnd + step : lineEnd
                var closeEnd: Int?
                while next < range.upperBound {
                    let e = endOfLine(bytes, from: next, end: range.upperBound, escaped: escaped)
                    if let f = fenceMarker(bytes, lineStart: next, lineEnd: e), f.0 == fence.0, f.1 >= fence.1 {
                        closeEnd = e
                        break
                    }
                    next = e < range.upperBound ? e + step : e
                }
                let blockEnd = closeEnd ?? range.upperBound
                if lineStart > textStart { out.append(.text(textStart..<lineStart)) }
                out.append(.code(lineStart..<blockEnd))
                textStart = blockEnd
                lineStart = blockEnd
                continue
            }
            lineStart = lineEnd < range.upperBound ? lineEnd + step : lineEnd
        }
        if range.upperBound > textStart { out.append(.text(textStart..<range.upperBound)) }
        return out
    }

    /// The fence character and its length when the line opens or closes a fenced block.
    static func fenceMarker(_ bytes: [UInt8], lineStart: Int, lineEnd: Int) -> (UInt8, Int)? {
        var i = lineStart
        var spaces = 0
        while i < lineEnd, bytes[i] == 32, spaces < 4 { i += 1; spaces += 1 }
        guard spaces <= 3, i < lineEnd else { return nil }
        let c = bytes[i]
        guard c == UInt8(ascii: "`") || c == UInt8(ascii: "~") else { return nil }
        var n = 0
        while i < lineEnd, bytes[i] == c { i += 1; n += 1 }
        return n >= 3 ? (c, n) : nil
    }

    /// The index of the next `\n` (or, inside JSON strings, the `\\n` escape) at or after `from`, or `end`.
    static func endOfLine(_ bytes: [UInt8], from: Int, end: Int, escaped: Bool = false) -> Int {
        var i = from
        if escaped {
            while i + 1 < end {
                if bytes[i] == UInt8(ascii: "\\") {
                    if bytes[i + 1] == UInt8(ascii: "n") { return i }
                    i += 2
                } else { i += 1 }
            }
            return end
        }
        while i < end, bytes[i] != 10 { i += 1 }
        return i
    }

    /// Template placeholders inside `bytes[range]`: `{{ x }}`, `{{$x}}`, `{% ... %}`, `{# ... #}`, `${x}`, `{x}`.
    static func placeholders(_ bytes: [UInt8], in range: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = range.lowerBound
        let end = range.upperBound
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        while i < end {
            let c = bytes[i]
            if c == open, i + 1 < end {
                let n = bytes[i + 1]
                var closer: [UInt8]?
                if n == open { closer = [close, close] } else if n == UInt8(ascii: "%") {
                    closer = [UInt8(ascii: "%"), close]
                } else if n == UInt8(ascii: "#") { closer = [UInt8(ascii: "#"), close] }
                if let closer, let j = findBytes(bytes, closer, from: i + 2, end: min(end, i + 2 + 400)) {
                    var stop = j + closer.count
                    // `{{{ x }}}` (triple mustache) keeps its third brace.
                    if n == open, stop < end, bytes[stop] == close, i + 2 < end, bytes[i + 2] == open { stop += 1 }
                    out.append(i..<stop)
                    i = stop
                    continue
                }
                if let j = identifierBrace(bytes, from: i + 1, end: end) {
                    out.append(i..<j)
                    i = j
                    continue
                }
            } else if c == UInt8(ascii: "$"), i + 1 < end, bytes[i + 1] == open,
                      let j = findBytes(bytes, [close], from: i + 2, end: min(end, i + 2 + 200)) {
                out.append(i..<j + 1)
                i = j + 1
                continue
            }
            i += 1
        }
        return out
    }

    /// `{name}` single-brace placeholders: an identifier (letters, digits, `_`, `.`, `[`, `]`, `:`, `!`) then `}`.
    static func identifierBrace(_ bytes: [UInt8], from: Int, end: Int) -> Int? {
        var j = from
        guard j < end, isIdentifierStart(bytes[j]) else { return nil }
        while j < end, j - from < 80 {
            let b = bytes[j]
            if b == UInt8(ascii: "}") { return j + 1 }
            guard isIdentifierStart(b) || (b >= 48 && b <= 57) || b == UInt8(ascii: ".") || b == UInt8(ascii: "[")
                    || b == UInt8(ascii: "]") || b == UInt8(ascii: ":") || b == UInt8(ascii: "!") else { return nil }
            j += 1
        }
        return nil
    }

    static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "_")
    }

    /// The end of `literal` when it occurs at `i`.
    static func match(_ bytes: [UInt8], at i: Int, literal: String, end: Int) -> Int? {
        let l = Array(literal.utf8)
        guard i + l.count <= end else { return nil }
        for k in 0..<l.count where bytes[i + k] != l[k] { return nil }
        return i + l.count
    }

    /// The first position at or after `from` where `literal` starts.
    static func find(_ bytes: [UInt8], literal: String, from: Int, end: Int) -> Int? {
        findBytes(bytes, Array(literal.utf8), from: from, end: end)
    }

    /// The first position at or after `from` where `needle` starts and ends before `end`.
    static func findBytes(_ bytes: [UInt8], _ needle: [UInt8], from: Int, end: Int) -> Int? {
        guard !needle.isEmpty, end - from >= needle.count else { return nil }
        var i = from
        while i + needle.count <= end {
            if bytes[i] == needle[0] {
                var ok = true
                for k in 1..<needle.count where bytes[i + k] != needle[k] { ok = false; break }
                if ok { return i }
            }
            i += 1
        }
        return nil
    }
}
