import Foundation

/// A hand-written Python 3 lexer. No Swift parser for Python is installed on this machine (nor among
/// the project's allowed packages), so this covers what prompt reading needs, completely for strings:
/// every prefix (`r`, `b`, `u`, `f`, `rb`, `fr`, any case), triple quotes, escapes, and f-strings as in
/// PEP 701 (nested quotes, nested f-strings, `!r` conversions, format specs with nested fields, `=`
/// debugging specifiers, multi-line fields). Comments are skipped; `newline` tokens end logical lines
/// (not inside brackets, not after a backslash continuation) and a line's first token carries its indent.
struct PythonLexer {
    private let bytes: [UInt8]
    private var tokens: [SourceToken] = []
    /// How deeply f-strings nest here; deeper ones are read as plain text so hostile input cannot recurse far.
    private let nesting: Int
    private static let maxNesting = 24

    private init(_ bytes: [UInt8], nesting: Int) {
        self.bytes = bytes
        self.nesting = nesting
    }

    /// The tokens of a whole file.
    static func tokens(_ bytes: [UInt8]) -> [SourceToken] {
        var lexer = PythonLexer(bytes, nesting: 0)
        lexer.module()
        return lexer.tokens
    }

    private mutating func module() {
        var i = 0
        var depth = 0
        var atLineStart = true
        var indent = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if atLineStart {
                indent = 0
                while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0C {
                    indent += bytes[i] == 0x09 ? 8 - indent % 8 : 1
                    i += 1
                }
                atLineStart = false
                continue
            }
            if SourceBytes.isSpace(b) {
                i += 1
            } else if b == 0x0A {
                if depth == 0, let last = tokens.last, last.kind != .newline {
                    tokens.append(SourceToken(kind: .newline, range: i..<i + 1, text: "\n"))
                }
                i += 1
                if depth == 0 { atLineStart = true }
            } else if b == UInt8(ascii: "#") {
                i = ByteSearch.find(0x0A, in: bytes, from: i) ?? n
            } else if b == UInt8(ascii: "\\"), i + 1 < n, bytes[i + 1] == 0x0A || bytes[i + 1] == 0x0D {
                i += bytes[i + 1] == 0x0D && i + 2 < n && bytes[i + 2] == 0x0A ? 3 : 2
            } else {
                var token: SourceToken
                (token, i) = next(at: i, end: n)
                if token.kind == .op, token.text.utf8.count == 1 {
                    switch token.text {
                    case "(", "[", "{": depth += 1
                    case ")", "]", "}": depth = max(0, depth - 1)
                    default: break
                    }
                }
                if tokens.last.map({ $0.kind == .newline }) ?? true, depth == 0 || token.text.count == 1 {
                    token.indent = indent
                }
                tokens.append(token)
            }
        }
        if let last = tokens.last, last.kind != .newline {
            tokens.append(SourceToken(kind: .newline, range: n..<n, text: "\n"))
        }
    }

    /// The token at `i` (which is not space, newline or comment) and the index after it.
    private func next(at i: Int, end: Int) -> (SourceToken, Int) {
        let b = bytes[i]
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { return string(at: i, quote: i, end: end) }
        if SourceBytes.isIdentifierStart(b), b != UInt8(ascii: "$") {
            var j = i + 1
            while j < end, SourceBytes.isIdentifierPart(bytes[j]), bytes[j] != UInt8(ascii: "$") { j += 1 }
            if j < end, j - i <= 2, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'"),
                Self.isStringPrefix(bytes[i..<j])
            {
                return string(at: i, quote: j, end: end)
            }
            return (SourceToken(kind: .name, range: i..<j, text: String(decoding: bytes[i..<j], as: UTF8.self)), j)
        }
        if SourceBytes.isDigit(b) || (b == UInt8(ascii: ".") && i + 1 < end && SourceBytes.isDigit(bytes[i + 1])) {
            var j = i + 1
            while j < end, SourceBytes.isIdentifierPart(bytes[j]) || bytes[j] == UInt8(ascii: ".")
                || ((bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-")) && (bytes[j - 1] | 0x20) == UInt8(ascii: "e")
                    && !(bytes[i] == UInt8(ascii: "0") && i + 1 < end && (bytes[i + 1] | 0x20) == UInt8(ascii: "x")))
            {
                j += 1
            }
            return (SourceToken(kind: .number, range: i..<j, text: String(decoding: bytes[i..<j], as: UTF8.self)), j)
        }
        let length = b < 0x80 ? min(SourceBytes.operatorLength(bytes, at: i), end - i) : 1
        return (SourceToken(kind: .op, range: i..<i + length, text: String(decoding: bytes[i..<i + length], as: UTF8.self)),
                i + length)
    }

    static func isStringPrefix(_ prefix: ArraySlice<UInt8>) -> Bool {
        let lower = String(decoding: prefix.map { $0 | 0x20 }, as: UTF8.self)
        return ["r", "u", "b", "f", "br", "rb", "fr", "rf", "t", "tr", "rt"].contains(lower)
    }

    /// A string literal whose prefix starts at `start` and whose opening quote is at `quote`.
    private func string(at start: Int, quote: Int, end: Int) -> (SourceToken, Int) {
        let prefix = String(decoding: bytes[start..<quote].map { $0 | 0x20 }, as: UTF8.self)
        let raw = prefix.contains("r")
        let interpolated = (prefix.contains("f") || prefix.contains("t")) && nesting < Self.maxNesting
        let q = bytes[quote]
        let triple = quote + 2 < end && bytes[quote + 1] == q && bytes[quote + 2] == q
        var i = quote + (triple ? 3 : 1)
        var pieces: [StringPiece] = []
        var text = DecodedTextBuilder()
        func flush(_ at: Int) { if let t = text.take(end: at) { pieces.append(.text(t)) } }
        while i < end {
            let b = bytes[i]
            if b == q, !triple || (i + 2 < end && bytes[i + 1] == q && bytes[i + 2] == q) {
                flush(i)
                i += triple ? 3 : 1
                return (token(start..<i, prefix: prefix, interpolated: interpolated, pieces), i)
            }
            if b == 0x0A, !triple { break }
            if b == UInt8(ascii: "\\") {
                if raw {
                    text.append(b, from: i)
                    if i + 1 < end, bytes[i + 1] != 0x0A || triple {
                        text.append(bytes[i + 1], from: i + 1)
                        i += 2
                    } else {
                        i += 1
                    }
                } else {
                    i = StringEscapes.decode(bytes, at: i, end: end, python: true, into: &text)
                }
                continue
            }
            if interpolated, b == UInt8(ascii: "{") || b == UInt8(ascii: "}") {
                if i + 1 < end, bytes[i + 1] == b {
                    text.append(b, from: i)
                    i += 2
                    continue
                }
                if b == UInt8(ascii: "{") {
                    flush(i)
                    let (field, next) = self.field(at: i, end: end, multiline: triple)
                    pieces.append(.field(field))
                    i = next
                    continue
                }
            }
            text.append(b, from: i)
            i += 1
        }
        // Unterminated: the string ends at the line end (or the input's end).
        flush(i)
        return (token(start..<i, prefix: prefix, interpolated: interpolated, pieces), i)
    }

    private func token(_ range: Range<Int>, prefix: String, interpolated: Bool, _ pieces: [StringPiece]) -> SourceToken {
        SourceToken(
            kind: .string, range: range, text: String(decoding: bytes[range], as: UTF8.self),
            literal: StringLiteral(prefix: prefix, isInterpolated: interpolated, pieces: pieces))
    }

    /// An f-string replacement field starting at its `{`: the expression's tokens, then `=`, `!conversion`
    /// and a `:format spec` that may hold nested fields.
    private func field(at open: Int, end: Int, multiline: Bool) -> (InterpolatedField, Int) {
        var sub = PythonLexer(bytes, nesting: nesting + 1)
        var i = open + 1
        var depth = 0
        var exprEnd = i
        scan: while i < end {
            let b = bytes[i]
            if SourceBytes.isSpace(b) || (b == 0x0A && multiline) {
                i += 1
                continue
            }
            if b == 0x0A { break }
            if b == UInt8(ascii: "#") && multiline {
                i = ByteSearch.find(0x0A, in: bytes, from: i, to: end) ?? end
                continue
            }
            if depth == 0 {
                let next = i + 1 < end ? bytes[i + 1] : 0
                switch b {
                case UInt8(ascii: "}"), UInt8(ascii: ":"): break scan
                case UInt8(ascii: "!") where next != UInt8(ascii: "="): break scan
                case UInt8(ascii: "=") where next != UInt8(ascii: "=") && !"=!<>".utf8.contains(bytes[i - 1]): break scan
                default: break
                }
            }
            let (token, after) = sub.next(at: i, end: end)
            if token.kind == .op {
                switch token.text {
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth = max(0, depth - 1)
                default: break
                }
            }
            sub.tokens.append(token)
            i = after
            exprEnd = after
        }
        let source = String(decoding: bytes[(open + 1)..<max(open + 1, exprEnd)], as: UTF8.self)
        let specStart = i
        if i < end, bytes[i] == UInt8(ascii: "=") { i += 1 }
        if i < end, bytes[i] == UInt8(ascii: "!") { i = min(end, i + 2) }
        if i < end, bytes[i] == UInt8(ascii: ":") {
            while i < end, bytes[i] != UInt8(ascii: "}"), bytes[i] != 0x0A || multiline {
                if bytes[i] == UInt8(ascii: "{") {
                    i = field(at: i, end: end, multiline: multiline).1
                } else {
                    i += 1
                }
            }
        }
        let spec = String(decoding: bytes[min(specStart, i)..<i], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        if i < end, bytes[i] == UInt8(ascii: "}") { i += 1 }
        let field = InterpolatedField(
            tokens: sub.tokens, source: source.trimmingCharacters(in: .whitespacesAndNewlines), range: open..<i, spec: spec)
        return (field, i)
    }
}
