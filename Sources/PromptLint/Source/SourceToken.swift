/// The programming languages whose source files promptlint reads prompts from.
enum SourceLanguage: Sendable {
    /// Python 3 (PEP 701 f-strings).
    case python
    /// TypeScript and JavaScript (ES2023, JSX text treated loosely).
    case script
}

/// One lexical token of a Python or TypeScript/JavaScript file, with its byte range in the file.
struct SourceToken: Sendable {
    /// What the token is.
    enum Kind: Sendable, Equatable {
        /// An identifier or keyword.
        case name
        /// A numeric literal.
        case number
        /// A string, f-string or template literal (see `literal`).
        case string
        /// An operator or punctuation mark.
        case op
        /// The end of a Python logical line (never emitted for scripts).
        case newline
    }

    /// What the token is.
    var kind: Kind
    /// Its bytes in the file.
    var range: Range<Int>
    /// Its text (names, numbers, operators; the raw source for strings).
    var text: String
    /// For strings: the decoded pieces.
    var literal: StringLiteral?
    /// For the first token of a Python logical line: its indentation in columns; otherwise -1.
    var indent: Int = -1
    /// For script tokens: true when a line break comes between it and the token before (where automatic
    /// semicolon insertion may end a statement).
    var startsLine = false
}

/// A string literal decoded into text pieces and interpolated fields.
struct StringLiteral: Sendable {
    /// The lower-cased prefix (`f`, `rb`, ``` ` ``` for a JS template literal, empty for a plain string).
    var prefix: String
    /// True for f-strings and JS template literals: their fields are evaluated where they are written.
    var isInterpolated: Bool
    /// Text and fields in order.
    var pieces: [StringPiece]

    /// The decoded text with fields left as their source (for plain strings, the whole value).
    var plainText: String {
        pieces.map {
            switch $0 {
            case .text(let t): return t.text
            case .field(let f): return "{" + f.source + "}"
            }
        }.joined()
    }
}

/// A run of decoded text and, per decoded UTF-8 byte, the file offset it came from (`map.count == bytes + 1`).
struct DecodedText: Sendable {
    /// The decoded text.
    var text: String
    /// File offset of each decoded byte, plus one past the end.
    var map: [Int]
}

/// One piece of a string literal.
enum StringPiece: Sendable {
    /// Literal text.
    case text(DecodedText)
    /// An interpolated field (`{expr!r:spec}` or `${expr}`).
    case field(InterpolatedField)
}

/// An f-string replacement field or template-literal substitution.
struct InterpolatedField: Sendable {
    /// The expression's tokens.
    var tokens: [SourceToken]
    /// The expression's source text.
    var source: String
    /// The field's bytes in the file, delimiters included.
    var range: Range<Int>
    /// The conversion and format spec as written (`!r`, `:%Y-%m-%d`), if any.
    var spec: String
}

/// Character classes of names, for code read as text (a slot's expression, a callback's source).
extension Character {
    /// A letter, a digit or `_`: a character of a Python name or of a plain key.
    var isWordCharacter: Bool { isLetter || isNumber || self == "_" }

    /// A word character or `$`: a character of a name in either language.
    var isNameCharacter: Bool { isWordCharacter || self == "$" }
}

/// Byte classes shared by both lexers.
enum SourceBytes {
    static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == 0x5F || b == 0x24 || b >= 0x80
    }

    static func isIdentifierPart(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0C || b == 0x0D }

    /// Operators of up to three bytes both languages use, longest first.
    static let operators: [[UInt8]] = [
        ">>>=", "...", "===", "!==", "**=", "//=", ">>=", "<<=", "&&=", "||=", "??=", ">>>",
        "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "->", "=>", "**", "//",
        "<<", ">>", "&&", "||", "??", "?.", ":=", "++", "--",
    ].map { Array($0.utf8) }

    /// The length of the operator at `i` (at least 1).
    static func operatorLength(_ bytes: [UInt8], at i: Int) -> Int {
        for op in operators where i + op.count <= bytes.count {
            var k = 0
            while k < op.count, bytes[i + k] == op[k] { k += 1 }
            if k == op.count { return op.count }
        }
        return 1
    }
}
