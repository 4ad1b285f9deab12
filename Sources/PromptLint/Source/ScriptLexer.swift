import Foundation

/// A hand-written TypeScript/JavaScript lexer. No Swift parser for these languages is installed on this
/// machine (nor among the project's allowed packages), so this covers what prompt reading needs,
/// completely for strings: `'…'` and `"…"` with escapes, template literals with `${}` substitutions that
/// nest (including template literals inside them), `//`, `/* */` and `#!` comments, and regular-expression
/// literals, told apart from division by the token before the `/` (as the ECMAScript grammar does for the
/// usual cases) so a quote or slash inside a regex never derails the scan. JSX text is read as code; a
/// stray apostrophe in it ends at its line.
struct ScriptLexer {
    private let bytes: [UInt8]
    private var tokens: [SourceToken] = []
    private let nesting: Int
    /// A line break was skipped since the last token.
    private var sawLineBreak = false
    private static let maxNesting = 24
    /// Keywords after which a `/` starts a regular expression.
    private static let regexAfterWords: Set<String> = [
        "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else",
        "yield", "await",
    ]

    private init(_ bytes: [UInt8], nesting: Int) {
        self.bytes = bytes
        self.nesting = nesting
    }

    /// The tokens of a whole file.
    static func tokens(_ bytes: [UInt8]) -> [SourceToken] {
        var lexer = ScriptLexer(bytes, nesting: 0)
        var i = 0
        if bytes.starts(with: Array("#!".utf8)) { i = ByteSearch.find(0x0A, in: bytes, from: 0) ?? bytes.count }
        _ = lexer.run(from: i, end: bytes.count, untilBrace: false)
        return lexer.tokens
    }

    /// Lexes from `i`; with `untilBrace`, stops at the `}` that closes a `${` substitution and returns its index.
    private mutating func run(from start: Int, end: Int, untilBrace: Bool) -> Int {
        var i = start
        var depth = 0
        while i < end {
            let b = bytes[i]
            if SourceBytes.isSpace(b) || b == 0x0A {
                if b == 0x0A { sawLineBreak = true }
                i += 1
            } else if b == UInt8(ascii: "/"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "/") {
                i = ByteSearch.find(0x0A, in: bytes, from: i, to: end) ?? end
            } else if b == UInt8(ascii: "/"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "*") {
                i = ByteSearch.find(Array("*/".utf8), in: bytes, from: i + 2, to: end).map { $0 + 2 } ?? end
            } else if b == UInt8(ascii: "}"), untilBrace, depth == 0 {
                return i
            } else {
                var (token, next) = self.next(at: i, end: end)
                token.startsLine = sawLineBreak
                sawLineBreak = false
                if token.kind == .op {
                    if token.text == "{" { depth += 1 }
                    if token.text == "}" { depth = max(0, depth - 1) }
                }
                tokens.append(token)
                i = next
            }
        }
        return end
    }

    private func regexAllowed() -> Bool {
        guard let last = tokens.last else { return true }
        switch last.kind {
        case .name: return Self.regexAfterWords.contains(last.text)
        case .number, .string: return false
        case .op: return ![")", "]", "++", "--"].contains(last.text)
        case .newline: return true
        }
    }

    private func next(at i: Int, end: Int) -> (SourceToken, Int) {
        let b = bytes[i]
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") { return quoted(at: i, end: end) }
        if b == UInt8(ascii: "`") { return template(at: i, end: end) }
        if b == UInt8(ascii: "/"), regexAllowed(), let after = regexEnd(from: i + 1, end: end) {
            return (SourceToken(kind: .op, range: i..<after, text: "/regex/"), after)
        }
        if SourceBytes.isIdentifierStart(b) || b == UInt8(ascii: "#") || b == UInt8(ascii: "@") {
            var j = i + 1
            while j < end, SourceBytes.isIdentifierPart(bytes[j]) { j += 1 }
            return (SourceToken(kind: .name, range: i..<j, text: String(decoding: bytes[i..<j], as: UTF8.self)), j)
        }
        if SourceBytes.isDigit(b) || (b == UInt8(ascii: ".") && i + 1 < end && SourceBytes.isDigit(bytes[i + 1])) {
            var j = i + 1
            while j < end, SourceBytes.isIdentifierPart(bytes[j]) || bytes[j] == UInt8(ascii: ".") { j += 1 }
            return (SourceToken(kind: .number, range: i..<j, text: String(decoding: bytes[i..<j], as: UTF8.self)), j)
        }
        let length = b < 0x80 ? min(SourceBytes.operatorLength(bytes, at: i), end - i) : 1
        return (SourceToken(kind: .op, range: i..<i + length, text: String(decoding: bytes[i..<i + length], as: UTF8.self)),
                i + length)
    }

    /// The index after a regular expression whose body starts at `i`, or nil when the line ends first.
    private func regexEnd(from start: Int, end: Int) -> Int? {
        var i = start
        var inClass = false
        while i < end {
            switch bytes[i] {
            case 0x0A: return nil
            case UInt8(ascii: "\\"): i += 1
            case UInt8(ascii: "["): inClass = true
            case UInt8(ascii: "]"): inClass = false
            case UInt8(ascii: "/") where !inClass:
                i += 1
                while i < end, SourceBytes.isIdentifierPart(bytes[i]) { i += 1 }
                return i
            default: break
            }
            i += 1
        }
        return nil
    }

    /// A `'…'` or `"…"` string (ending at an unescaped line break when unterminated).
    private func quoted(at start: Int, end: Int) -> (SourceToken, Int) {
        let q = bytes[start]
        var i = start + 1
        var text = DecodedTextBuilder()
        while i < end, bytes[i] != q, bytes[i] != 0x0A {
            if bytes[i] == UInt8(ascii: "\\") {
                i = StringEscapes.decode(bytes, at: i, end: end, python: false, into: &text)
            } else {
                text.append(bytes[i], from: i)
                i += 1
            }
        }
        let close = i
        if i < end, bytes[i] == q { i += 1 }
        let pieces: [StringPiece] = text.take(end: close).map { [.text($0)] } ?? []
        return (SourceToken(
            kind: .string, range: start..<i, text: String(decoding: bytes[start..<i], as: UTF8.self),
            literal: StringLiteral(prefix: "", isInterpolated: false, pieces: pieces)), i)
    }

    /// A template literal with its `${…}` substitutions lexed as code.
    private func template(at start: Int, end: Int) -> (SourceToken, Int) {
        var i = start + 1
        var pieces: [StringPiece] = []
        var text = DecodedTextBuilder()
        func flush(_ at: Int) { if let t = text.take(end: at) { pieces.append(.text(t)) } }
        while i < end, bytes[i] != UInt8(ascii: "`") {
            if bytes[i] == UInt8(ascii: "\\") {
                i = StringEscapes.decode(bytes, at: i, end: end, python: false, into: &text)
            } else if bytes[i] == UInt8(ascii: "$"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "{"), nesting < Self.maxNesting {
                flush(i)
                var sub = ScriptLexer(bytes, nesting: nesting + 1)
                let close = sub.run(from: i + 2, end: end, untilBrace: true)
                let source = String(decoding: bytes[(i + 2)..<close], as: UTF8.self)
                let after = min(close + 1, end)
                pieces.append(.field(InterpolatedField(
                    tokens: sub.tokens, source: source.trimmingCharacters(in: .whitespacesAndNewlines), range: i..<after,
                    spec: "")))
                i = after
            } else {
                text.append(bytes[i], from: i)
                i += 1
            }
        }
        flush(i)
        if i < end { i += 1 }
        return (SourceToken(
            kind: .string, range: start..<i, text: String(decoding: bytes[start..<i], as: UTF8.self),
            literal: StringLiteral(prefix: "`", isInterpolated: true, pieces: pieces)), i)
    }
}
