import SafeIO

/// A strict RFC 8259 parser over UTF-8 bytes that reports the line and column of the first problem.
struct FewShotJSONParser {
    /// Where and why parsing stopped.
    struct Failure: Error, Equatable {
        var line: Int
        var column: Int
        var reason: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private let maxDepth = JSONInputPolicy.maxDepth

    init(_ text: Substring) { bytes = Array(text.utf8) }

    /// Parses one value filling the whole text (whitespace around it allowed).
    static func parse(_ text: Substring) throws(Failure) -> FewShotJSON {
        var parser = FewShotJSONParser(text)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        if parser.index < parser.bytes.count { throw parser.failure("unexpected text after the JSON value") }
        return value
    }

    /// Parses a top-level array and also returns the UTF-8 byte range of each element in the text.
    static func parseArray(_ text: Substring) throws(Failure) -> (items: [FewShotJSON], ranges: [Range<Int>]) {
        var parser = FewShotJSONParser(text)
        parser.skipWhitespace()
        guard parser.peek == UInt8(ascii: "[") else { throw parser.failure("expected '[' to open the list") }
        parser.index += 1
        var items: [FewShotJSON] = []
        var ranges: [Range<Int>] = []
        parser.skipWhitespace()
        if parser.peek == UInt8(ascii: "]") {
            parser.index += 1
        } else {
            while true {
                parser.skipWhitespace()
                let start = parser.index
                items.append(try parser.value(depth: 1))
                ranges.append(start..<parser.index)
                parser.skipWhitespace()
                guard let c = parser.peek else { throw parser.failure("unterminated list: expected ',' or ']'") }
                parser.index += 1
                if c == UInt8(ascii: "]") { break }
                if c != UInt8(ascii: ",") { parser.index -= 1; throw parser.failure("expected ',' or ']' in the list") }
            }
        }
        parser.skipWhitespace()
        if parser.index < parser.bytes.count { throw parser.failure("unexpected text after the list") }
        return (items, ranges)
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func failure(_ reason: String) -> Failure {
        var line = 1, lineStart = 0
        for i in 0..<min(index, bytes.count) where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        // Columns count characters, not bytes: skip UTF-8 continuation bytes.
        let column = 1 + bytes[lineStart..<min(index, bytes.count)].filter { $0 & 0xC0 != 0x80 }.count
        return Failure(line: line, column: column, reason: reason)
    }

    private mutating func skipWhitespace() {
        while let c = peek, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { index += 1 }
    }

    private mutating func value(depth: Int) throws(Failure) -> FewShotJSON {
        guard depth < maxDepth else { throw failure(JSONInputPolicy.depthMessage) }
        guard let c = peek else { throw failure("unexpected end of input: expected a value") }
        switch c {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("unexpected character '\(Character(Unicode.Scalar(c)))': expected a value")
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for b in word.utf8 {
            guard peek == b else { throw failure("invalid literal: expected '\(word)'") }
            index += 1
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> FewShotJSON {
        index += 1
        var members: [FewShotJSONMember] = []
        skipWhitespace()
        if peek == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw failure("expected a quoted member name") }
            let key = try string()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw failure("expected ':' after member name") }
            index += 1
            skipWhitespace()
            members.append(FewShotJSONMember(key: key, value: try value(depth: depth + 1)))
            skipWhitespace()
            guard let c = peek else { throw failure("unterminated object: expected ',' or '}'") }
            if c == UInt8(ascii: "}") { index += 1; return .object(members) }
            guard c == UInt8(ascii: ",") else { throw failure("expected ',' or '}' in object") }
            index += 1
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> FewShotJSON {
        index += 1
        var items: [FewShotJSON] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            guard let c = peek else { throw failure("unterminated array: expected ',' or ']'") }
            if c == UInt8(ascii: "]") { index += 1; return .array(items) }
            guard c == UInt8(ascii: ",") else { throw failure("expected ',' or ']' in array") }
            index += 1
        }
    }

    private mutating func number() throws(Failure) -> String {
        let start = index
        func digits(_ p: inout FewShotJSONParser) -> Int {
            var n = 0
            while let c = p.peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { p.index += 1; n += 1 }
            return n
        }
        if peek == UInt8(ascii: "-") { index += 1 }
        if peek == UInt8(ascii: "0") {
            index += 1
        } else if digits(&self) == 0 {
            throw failure("invalid number")
        }
        if peek == UInt8(ascii: ".") {
            index += 1
            if digits(&self) == 0 { throw failure("invalid number: digits expected after '.'") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            if digits(&self) == 0 { throw failure("invalid number: digits expected in exponent") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func string() throws(Failure) -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard let c = peek else { throw failure("unterminated string") }
            if c == UInt8(ascii: "\"") { index += 1; break }
            if c < 0x20 { throw failure("control character in string (newlines must be written \\n)") }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                index += 1
                continue
            }
            index += 1
            guard let e = peek else { throw failure("unterminated escape") }
            index += 1
            if let byte = JSONStringScanner.escapedByte(e) {
                out.append(byte)
                continue
            }
            switch e {
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard peek == UInt8(ascii: "\\") else { throw failure("unpaired surrogate in \\u escape") }
                    index += 1
                    guard peek == UInt8(ascii: "u") else { throw failure("unpaired surrogate in \\u escape") }
                    index += 1
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate in \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(scalar) {
                    throw failure("unpaired surrogate in \\u escape")
                }
                guard let u = Unicode.Scalar(scalar) else { throw failure("invalid \\u escape") }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                index -= 1
                throw failure("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let c = peek else { throw failure("truncated \\u escape") }
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw failure("invalid hex digit in \\u escape")
            }
            v = v * 16 + d
            index += 1
        }
        return v
    }
}
