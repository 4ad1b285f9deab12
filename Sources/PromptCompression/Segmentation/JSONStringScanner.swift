import SafeIO

/// Finds the string literals of a JSON text with where they sit, without decoding anything else, so a
/// compressor can cut words out of the raw contents of chosen strings and leave every other byte alone.
struct JSONStringScanner {
    /// One step of a path from the root.
    enum PathComponent: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// A string value (never an object key).
    struct StringValue: Sendable, Equatable {
        /// The raw bytes between the quotes.
        var content: Range<Int>
        /// Where the value sits.
        var path: [PathComponent]
    }

    /// A syntax problem at a byte offset.
    struct SyntaxError: Error, Equatable {
        var offset: Int
        var reason: String
        /// The input is JSON nested deeper than the policy allows (not prose that merely starts with a bracket).
        var isDepthLimit = false
    }

    /// The byte a one-character escape stands for (`\"` `\\` `\/` `\b` `\f` `\n` `\r` `\t`, RFC 8259 section 7),
    /// nil for `u` and for anything that is not an escape. The one table of the JSON readers here.
    static func escapedByte(_ e: UInt8) -> UInt8? {
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return e
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        default: return nil
        }
    }

    let bytes: [UInt8]
    private var i = 0
    private(set) var values: [StringValue] = []

    /// Scans `bytes`; throws at the first syntax error.
    static func scan(_ bytes: [UInt8]) throws(SyntaxError) -> [StringValue] {
        var s = JSONStringScanner(bytes: bytes)
        s.skipSpace()
        var path: [PathComponent] = []
        try s.value(&path)
        s.skipSpace()
        guard s.i == bytes.count else { throw SyntaxError(offset: s.i, reason: "unexpected data after the JSON value") }
        return s.values
    }

    /// The end of the JSON value starting at `start` (text after it is not read), or the syntax error that ends it.
    static func valueEnd(_ bytes: [UInt8], from start: Int) -> Result<Int, SyntaxError> {
        var s = JSONStringScanner(bytes: bytes)
        s.i = start
        var path: [PathComponent] = []
        do throws(SyntaxError) {
            try s.value(&path)
        } catch {
            return .failure(error)
        }
        return .success(s.i)
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func skipSpace() {
        while i < bytes.count, [32, 9, 10, 13].contains(bytes[i]) { i += 1 }
    }

    private mutating func value(_ path: inout [PathComponent]) throws(SyntaxError) {
        guard i < bytes.count else { throw SyntaxError(offset: i, reason: "unexpected end of input") }
        // The path is as long as the nesting is deep: the shared JSON policy bounds the recursion.
        guard path.count < JSONInputPolicy.maxDepth else {
            throw SyntaxError(offset: i, reason: JSONInputPolicy.depthMessage, isDepthLimit: true)
        }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw SyntaxError(offset: i, reason: "expected a key") }
                let keyRange = try string()
                let key = String(decoding: bytes[keyRange], as: UTF8.self)
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw SyntaxError(offset: i, reason: "expected ':'") }
                i += 1
                skipSpace()
                path.append(.key(key))
                try value(&path)
                path.removeLast()
                skipSpace()
                guard i < bytes.count else { throw SyntaxError(offset: i, reason: "unexpected end of input") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return }
                throw SyntaxError(offset: i, reason: "expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            i += 1
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return }
            var index = 0
            while true {
                skipSpace()
                path.append(.index(index))
                try value(&path)
                path.removeLast()
                index += 1
                skipSpace()
                guard i < bytes.count else { throw SyntaxError(offset: i, reason: "unexpected end of input") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return }
                throw SyntaxError(offset: i, reason: "expected ',' or ']'")
            }
        case UInt8(ascii: "\""):
            let r = try string()
            values.append(StringValue(content: r, path: path))
        default:
            let start = i
            while i < bytes.count, !(",]} \t\r\n".utf8.contains(bytes[i])) { i += 1 }
            let word = String(decoding: bytes[start..<i], as: UTF8.self)
            guard ["true", "false", "null"].contains(word) || Double(word) != nil, !word.isEmpty else {
                throw SyntaxError(offset: start, reason: "invalid value")
            }
        }
    }

    /// Reads a string literal at `i` (a quote) and returns the raw content range.
    private mutating func string() throws(SyntaxError) -> Range<Int> {
        let start = i + 1
        i += 1
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return start..<(i - 1) }
            if b == UInt8(ascii: "\\") {
                guard i + 1 < bytes.count else { break }
                i += bytes[i + 1] == UInt8(ascii: "u") ? 6 : 2
                continue
            }
            if b < 0x20 { throw SyntaxError(offset: i, reason: "control character in string") }
            i += 1
        }
        throw SyntaxError(offset: start - 1, reason: "unterminated string")
    }
}
