/// Cuts text into lines, line structure (indentation, list and heading markers, line breaks) and words, with
/// placeholders as protected pieces. Works on plain text and on the raw contents of JSON strings, where the
/// escapes `\n` and `\t` are the line breaks and tabs and no piece boundary falls inside an escape.
struct LineSegmenter {
    /// The input bytes.
    let bytes: [UInt8]
    /// Whether the range is the raw inside of a JSON string literal.
    let jsonEscaped: Bool

    /// Facts about one input line.
    struct LineInfo: Sendable, Equatable {
        var isHeading = false
        var isListItem = false
        /// Starts with a speaker or field label (`Project Manager:`, `Q:`, `Answer:`).
        var hasLabel = false
        var isBlank = true
    }

    /// Appends the pieces of `range` to `pieces`, advancing `line`; line facts are recorded in `lines`.
    func segment(_ range: Range<Int>, line: inout Int, pieces: inout [Piece], lines: inout [Int: LineInfo]) {
        var i = range.lowerBound
        let end = range.upperBound
        // Placeholders may contain spaces (`{{ name }}`, `{% if x %}`): words never split inside them.
        var holeAt: [Int: Int] = [:]
        for h in ProtectedSpans.placeholders(bytes, in: range) { holeAt[h.lowerBound] = h.upperBound }
        var atLineStart = range.lowerBound == 0 || isNewline(at: range.lowerBound - (jsonEscaped ? 2 : 1))
        if jsonEscaped { atLineStart = true }
        while i < end {
            if atLineStart {
                atLineStart = false
                let markerEnd = lineMarker(from: i, end: end, line: line, lines: &lines)
                if markerEnd > i {
                    pieces.append(Piece(range: i..<markerEnd, kind: .structure, line: line))
                    i = markerEnd
                    continue
                }
            }
            // A run of whitespace: either before a line break (part of it) or before a word (its leading space).
            let wsEnd = skipSpaces(from: i, end: end)
            if wsEnd >= end {
                if wsEnd > i { appendBreakOrSpace(i..<wsEnd, line: line, pieces: &pieces) }
                break
            }
            if let nl = newlineLength(at: wsEnd, end: end) {
                // Line break run: the spaces, the newline, and any blank lines after it.
                var j = wsEnd + nl
                var newlines = 1
                while true {
                    let k = skipSpaces(from: j, end: end)
                    if k < end, let n = newlineLength(at: k, end: end) { j = k + n; newlines += 1 } else { break }
                }
                pieces.append(Piece(range: i..<j, kind: .lineBreak, line: line))
                line += newlines
                i = j
                atLineStart = true
                continue
            }
            // A word: non-space bytes up to the next space or newline, split around placeholders.
            var wordEnd = wsEnd
            while wordEnd < end, !isSpace(at: wordEnd), newlineLength(at: wordEnd, end: end) == nil {
                if let holeEnd = holeAt[wordEnd] { wordEnd = holeEnd; continue }
                wordEnd += escapeLength(at: wordEnd, end: end)
            }
            lines[line, default: LineInfo()].isBlank = false
            appendWord(leading: i..<wsEnd, word: wsEnd..<wordEnd, line: line, pieces: &pieces)
            i = wordEnd
        }
    }

    /// Trailing spaces at the end of the range: kept with the piece before (as a line break tail) when possible.
    private func appendBreakOrSpace(_ r: Range<Int>, line: Int, pieces: inout [Piece]) {
        pieces.append(Piece(range: r, kind: .lineBreak, line: line))
    }

    /// Splits one word around the placeholders inside it.
    private func appendWord(leading: Range<Int>, word: Range<Int>, line: Int, pieces: inout [Piece]) {
        let holes = ProtectedSpans.placeholders(bytes, in: word)
        var start = leading.lowerBound
        var cursor = word.lowerBound
        var first = true
        for h in holes {
            if h.lowerBound > cursor {
                pieces.append(Piece(range: start..<h.lowerBound, kind: .word, line: line,
                                    leadingSpace: first ? leading.count : 0))
                first = false
                start = h.lowerBound
            }
            pieces.append(Piece(range: start..<h.upperBound, kind: .protected, line: line,
                                leadingSpace: first ? leading.count : 0))
            first = false
            start = h.upperBound
            cursor = h.upperBound
        }
        if word.upperBound > start {
            pieces.append(Piece(range: start..<word.upperBound, kind: .word, line: line,
                                leadingSpace: first ? leading.count : 0))
        }
    }

    /// Indentation plus a heading, bullet, numbered or quote marker at the start of a line; records line facts.
    private func lineMarker(from i: Int, end: Int, line: Int, lines: inout [Int: LineInfo]) -> Int {
        var j = skipSpaces(from: i, end: end)
        let indentEnd = j
        guard j < end else { return i }
        let c = bytes[j]
        var info = lines[line, default: LineInfo()]
        defer { lines[line] = info }
        func followedBySpace(_ k: Int) -> Bool { k < end && isSpace(at: k) }
        if c == UInt8(ascii: "#") {
            var k = j
            while k < end, bytes[k] == c, k - j < 7 { k += 1 }
            if k - j <= 6, followedBySpace(k) { info.isHeading = true; return k }
        }
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "*") || c == UInt8(ascii: "+") || c == UInt8(ascii: ">") {
            if followedBySpace(j + 1) {
                if c != UInt8(ascii: ">") { info.isListItem = true }
                j += 1
                // `- [ ]` task boxes belong to the marker.
                if j + 3 < end, bytes[j] == 32, bytes[j + 1] == UInt8(ascii: "["), bytes[j + 3] == UInt8(ascii: "]") {
                    j += 4
                }
                return j
            }
        }
        if let labelEnd = labelEnd(from: j, end: end) {
            info.hasLabel = true
            return labelEnd
        }
        if c >= 48 && c <= 57 {
            var k = j
            while k < end, bytes[k] >= 48, bytes[k] <= 57, k - j < 4 { k += 1 }
            if k < end, bytes[k] == UInt8(ascii: ".") || bytes[k] == UInt8(ascii: ")"), followedBySpace(k + 1) {
                info.isListItem = true
                return k + 1
            }
        }
        return indentEnd
    }

    /// The end of a speaker or field label at `i`: one to three words (the first capitalised; letters, digits,
    /// `_`, `-`, `'`), at most 32 bytes, then `:` and a space or the end of the line. Kept like a list marker:
    /// with its line's content, and dropped with it.
    private func labelEnd(from i: Int, end: Int) -> Int? {
        guard i < end, bytes[i] >= 65, bytes[i] <= 90 else { return nil }
        var k = i
        var words = 1
        while k < end, k - i <= 32 {
            let b = bytes[k]
            if b == UInt8(ascii: ":") {
                guard k > i else { return nil }
                let after = k + 1
                if after >= end || isSpace(at: after) || newlineLength(at: after, end: end) != nil { return after }
                return nil
            }
            if b == 32 {
                words += 1
                guard words <= 3, k + 1 < end, bytes[k + 1] != 32 else { return nil }
            } else if !(b >= 65 && b <= 90 || b >= 97 && b <= 122 || b >= 48 && b <= 57 || b == 95 || b == 45 || b == 39) {
                return nil
            }
            k += 1
        }
        return nil
    }

    /// The length of a newline (`\n`, `\r\n`; in JSON strings the escapes) at `i`.
    func newlineLength(at i: Int, end: Int) -> Int? {
        if jsonEscaped {
            guard i + 1 < end, bytes[i] == UInt8(ascii: "\\") else { return nil }
            if bytes[i + 1] == UInt8(ascii: "n") { return 2 }
            if bytes[i + 1] == UInt8(ascii: "r"), i + 3 < end, bytes[i + 2] == UInt8(ascii: "\\"),
               bytes[i + 3] == UInt8(ascii: "n") { return 4 }
            return nil
        }
        if bytes[i] == 10 { return 1 }
        if bytes[i] == 13, i + 1 < end, bytes[i + 1] == 10 { return 2 }
        return nil
    }

    private func isNewline(at i: Int) -> Bool {
        guard i >= 0, i < bytes.count else { return false }
        if jsonEscaped { return i + 1 < bytes.count && bytes[i] == UInt8(ascii: "\\") && bytes[i + 1] == UInt8(ascii: "n") }
        return bytes[i] == 10
    }

    /// Whether a space (space, tab; in JSON strings also the `\t` escape) starts at `i`.
    func isSpace(at i: Int) -> Bool {
        let b = bytes[i]
        if b == 32 || b == 9 { return true }
        if jsonEscaped, b == UInt8(ascii: "\\"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "t") { return true }
        return false
    }

    private func skipSpaces(from i: Int, end: Int) -> Int {
        var j = i
        while j < end, isSpace(at: j) { j += jsonEscaped && bytes[j] == UInt8(ascii: "\\") ? 2 : 1 }
        return min(j, end)
    }

    /// Bytes to step over at `i`: a whole escape sequence inside JSON strings, one byte otherwise.
    private func escapeLength(at i: Int, end: Int) -> Int {
        guard jsonEscaped, bytes[i] == UInt8(ascii: "\\"), i + 1 < end else { return 1 }
        if bytes[i + 1] == UInt8(ascii: "u") { return min(6, end - i) }
        return 2
    }
}
