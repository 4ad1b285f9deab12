import SafeIO

/// A lenient JSON reader that keeps source offsets: string values carry a map from decoded bytes to
/// file offsets, and template tags outside strings (`{{ x }}`, `{% for %}`) are accepted as values,
/// as in Nunjucks-rendered prompt files. JSON with comments (`.jsonc`, `appsettings.json`, `tsconfig.json`:
/// `//` line and `/* */` block comments outside strings) is read with the comments skipped. Containers are
/// built with an explicit stack; nesting deeper than `maxDepth` is skipped with an issue.
enum JSONScanner {
    static let maxDepth = JSONInputPolicy.maxDepth

    private struct Frame {
        var isObject: Bool
        var offset: Int
        var items: [(key: String, value: DocValue)] = []
        var pendingKey: String?
    }

    /// Reads the first JSON value in `source`; problems become issues.
    static func parse(_ source: SourceText, issues: inout [ParseIssue]) -> DocValue? {
        let bytes = source.bytes
        let n = bytes.count
        var i = 0
        var stack: [Frame] = []
        var root: DocValue?
        var reported = 0

        func report(_ message: String, _ at: Int) {
            if reported < 20 { issues.append(ParseIssue(message: message, position: source.position(at))) }
            reported += 1
        }

        func attach(_ value: DocValue, isKeyCandidate: Bool = false) {
            guard !stack.isEmpty else {
                if root == nil { root = value } else { report("unexpected content after the JSON value", value.offset) }
                return
            }
            if stack[stack.count - 1].isObject {
                if let key = stack[stack.count - 1].pendingKey {
                    stack[stack.count - 1].items.append((key, value))
                    stack[stack.count - 1].pendingKey = nil
                } else if isKeyCandidate, case .string(let s) = value {
                    stack[stack.count - 1].pendingKey = s.value
                } else {
                    stack[stack.count - 1].items.append(("", value))
                }
            } else {
                stack[stack.count - 1].items.append(("", value))
            }
        }

        while i < n {
            let b = bytes[i]
            switch b {
            case 0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ","), UInt8(ascii: ":"):
                i += 1
            case UInt8(ascii: "/") where commentEnd(bytes, from: i) != nil:
                let end = commentEnd(bytes, from: i) ?? n
                if end > n { report("`/*` comment is never closed", i) }
                i = min(end, n)
            case UInt8(ascii: "{") where i + 1 < n && [UInt8(ascii: "{"), UInt8(ascii: "%"), UInt8(ascii: "#")].contains(bytes[i + 1]):
                let closer = bytes[i + 1] == UInt8(ascii: "{") ? UInt8(ascii: "}") : bytes[i + 1]
                guard let close = JinjaScanner.findCloser(closer, in: bytes, from: i + 2, to: n) else {
                    report("unterminated template tag", i)
                    i = n
                    break
                }
                if bytes[i + 1] != UInt8(ascii: "#") { attach(.template(i..<(close + 2))) }
                i = close + 2
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if stack.count >= maxDepth {
                    report("nesting deeper than \(maxDepth) levels is skipped", i)
                    let end = skipContainer(bytes, from: i)
                    attach(.scalar("…", range: i..<end))
                    i = end
                } else {
                    stack.append(Frame(isObject: b == UInt8(ascii: "{"), offset: i))
                    i += 1
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard let frame = stack.popLast() else {
                    report("unexpected `\(Character(Unicode.Scalar(b)))`", i)
                    i += 1
                    break
                }
                if frame.isObject != (b == UInt8(ascii: "}")) { report("mismatched `\(Character(Unicode.Scalar(b)))`", i) }
                if let key = frame.pendingKey, frame.isObject { report("key `\(key)` has no value", i) }
                let whole = frame.offset..<(i + 1)
                let value: DocValue = frame.isObject
                    ? .object(frame.items, range: whole) : .array(frame.items.map(\.value), range: whole)
                attach(value)
                i += 1
            case UInt8(ascii: "\""):
                let (string, end) = readString(bytes, from: i)
                if end > n { report("unterminated string", i) }
                attach(.string(string), isKeyCandidate: true)
                i = min(end, n)
            default:
                var j = i
                while j < n, !isDelimiter(bytes[j]) { j += 1 }
                if j == i {
                    report("unexpected character", i)
                    j = i + 1
                }
                let word = source.string(i..<j)
                if !isLiteral(word) { report("unexpected `\(word.prefix(20))`", i) }
                attach(.scalar(word, range: i..<j))
                i = j
            }
        }
        for frame in stack.reversed() { report("`\(frame.isObject ? "{" : "[")` is never closed", frame.offset) }
        if root == nil, !stack.isEmpty {
            // Keep what was read of an unclosed document.
            var value: DocValue?
            for frame in stack.reversed() {
                var items = frame.items
                if let v = value { items.append((frame.pendingKey ?? "", v)) }
                let whole = frame.offset..<n
                value = frame.isObject ? .object(items, range: whole) : .array(items.map(\.value), range: whole)
            }
            root = value
        }
        return root
    }

    /// The offset after the comment starting at `from` (`//` to the end of the line, `/* … */`), past the
    /// end for an unclosed block comment; nil when no comment starts there.
    static func commentEnd(_ bytes: [UInt8], from: Int) -> Int? {
        guard from + 1 < bytes.count, bytes[from] == UInt8(ascii: "/") else { return nil }
        if bytes[from + 1] == UInt8(ascii: "/") {
            return (ByteSearch.find(0x0A, in: bytes, from: from + 2) ?? bytes.count)
        }
        guard bytes[from + 1] == UInt8(ascii: "*") else { return nil }
        return ByteSearch.find(Array("*/".utf8), in: bytes, from: from + 2).map { $0 + 2 } ?? bytes.count + 1
    }

    /// The first offset at or after `from` that is neither whitespace nor a comment.
    static func skipTrivia(_ bytes: [UInt8], from: Int) -> Int {
        var i = from
        while i < bytes.count {
            if JinjaScanner.isSpace(bytes[i]) {
                i += 1
            } else if let end = commentEnd(bytes, from: i) {
                i = min(end, bytes.count)
            } else {
                break
            }
        }
        return i
    }

    /// Reads a string starting at the quote `from`; returns it and the offset after the closing quote
    /// (past the end when unterminated).
    static func readString(_ bytes: [UInt8], from: Int) -> (DocString, Int) {
        var out: [UInt8] = []
        var map: [Int] = []
        var i = from + 1
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                map.append(i)
                return (DocString(value: String(decoding: out, as: UTF8.self), offset: from, map: map), i + 1)
            }
            if b == UInt8(ascii: "\\"), i + 1 < n {
                let e = bytes[i + 1]
                var decoded: [UInt8]
                var width = 2
                switch e {
                case UInt8(ascii: "n"): decoded = [0x0A]
                case UInt8(ascii: "t"): decoded = [0x09]
                case UInt8(ascii: "r"): decoded = [0x0D]
                case UInt8(ascii: "b"): decoded = [0x08]
                case UInt8(ascii: "f"): decoded = [0x0C]
                case UInt8(ascii: "u"):
                    var scalar = hex4(bytes, i + 2)
                    width = 6
                    if let high = scalar, (0xD800..<0xDC00).contains(high), i + 7 < n,
                        bytes[i + 6] == UInt8(ascii: "\\"), bytes[i + 7] == UInt8(ascii: "u"),
                        let low = hex4(bytes, i + 8), (0xDC00..<0xE000).contains(low)
                    {
                        scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                        width = 12
                    }
                    let s = scalar.flatMap(Unicode.Scalar.init) ?? "\u{FFFD}"
                    decoded = Array(String(Character(s)).utf8)
                    if scalar == nil { width = 2 }
                default: decoded = [e]
                }
                for d in decoded {
                    out.append(d)
                    map.append(i)
                }
                i += width
                continue
            }
            out.append(b)
            map.append(i)
            i += 1
        }
        map.append(n)
        return (DocString(value: String(decoding: out, as: UTF8.self), offset: from, map: map), n + 1)
    }

    private static func hex4(_ bytes: [UInt8], _ at: Int) -> UInt32? {
        guard at + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
            guard let d = Character(Unicode.Scalar(bytes[at + k])).hexDigitValue else { return nil }
            v = v * 16 + UInt32(d)
        }
        return v
    }

    /// The offset after the container starting at `from`, counting brackets outside strings.
    private static func skipContainer(_ bytes: [UInt8], from: Int) -> Int {
        var depth = 0
        var i = from
        var inString = false
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if b == UInt8(ascii: "\\") { i += 1 } else if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            } else if let end = commentEnd(bytes, from: i) {
                i = end
                continue
            } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                depth += 1
            } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return i + 1 }
            }
            i += 1
        }
        return bytes.count
    }

    private static func isDelimiter(_ b: UInt8) -> Bool {
        switch b {
        case 0x20, 0x0A, 0x0D, 0x09, UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\""):
            return true
        default: return false
        }
    }

    private static func isLiteral(_ word: String) -> Bool {
        word == "true" || word == "false" || word == "null" || Double(word) != nil
    }
}
