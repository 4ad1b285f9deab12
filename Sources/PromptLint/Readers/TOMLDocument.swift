/// Reads a TOML document (a prompt config: `[task] system = """…"""`) into a `DocValue` tree with
/// source offsets, so each string field can be scanned as its own template with positions in the file.
/// Hand-written: the installed TOML package (TOMLKit 0.6) decodes values without source positions, and each
/// decoded byte must map back to its place in the file.
///
/// Covers basic and literal strings and their multi-line forms (escapes, `\uXXXX`, line-ending
/// backslashes, the trimmed first newline), dotted and quoted keys, `[table]` and `[[array]]` headers,
/// arrays, inline tables and comments. Numbers, dates and booleans are kept as written. Malformed input
/// (an unterminated string, a bad escape, a key set twice as a table and a value) never stops the read:
/// what can be read is kept, and unterminated strings are reported.
enum TOMLDocument {
    /// The deepest nesting of arrays and inline tables read.
    private static let maxDepth = 32

    /// True when the first line that is neither blank nor a comment is a `[table]` header (its first key
    /// bare) or a `key = value` line: the file is TOML, not YAML or JSON.
    static func looksLikeTOML(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            i = skipSpaces(bytes, i)
            guard i < bytes.count else { return false }
            if bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == UInt8(ascii: "#") {
                i = lineEnd(bytes, i) + 1
                continue
            }
            if bytes[i] == UInt8(ascii: "[") {
                let double = i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "[")
                // A bare first key: `["a"]` is a JSON array.
                let keyStart = i + (double ? 2 : 1)
                guard keyStart < bytes.count, isBareKeyByte(bytes[keyStart]), let (_, after) = keyPath(bytes, keyStart) else {
                    return false
                }
                let close = Array((double ? "]]" : "]").utf8)
                guard bytes[after...].starts(with: close) else { return false }
                let rest = skipSpaces(bytes, after + close.count)
                return rest >= bytes.count || [0x0A, 0x0D, UInt8(ascii: "#")].contains(bytes[rest])
            }
            guard let (_, after) = keyPath(bytes, i) else { return false }
            return after < bytes.count && bytes[after] == UInt8(ascii: "=")
        }
        return false
    }

    /// The document as an object of its top-level keys and tables; nil for an empty document.
    static func parse(_ source: SourceText, issues: inout [ParseIssue]) -> DocValue? {
        let bytes = source.bytes
        let root = Table(offset: 0)
        var current = root
        var i = 0
        while i < bytes.count {
            i = skipSpaces(bytes, i)
            guard i < bytes.count else { break }
            let b = bytes[i]
            if b == 0x0A || b == 0x0D || b == UInt8(ascii: "#") {
                i = lineEnd(bytes, i) + 1
                continue
            }
            if b == UInt8(ascii: "[") {
                let double = i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "[")
                if let (path, _) = keyPath(bytes, i + (double ? 2 : 1)) {
                    current = root.header(path, isArray: double, offset: i) ?? Table(offset: i)
                }
                i = lineEnd(bytes, i) + 1
                continue
            }
            guard let (path, afterKey) = keyPath(bytes, i), afterKey < bytes.count, bytes[afterKey] == UInt8(ascii: "=") else {
                i = lineEnd(bytes, i) + 1
                continue
            }
            let (value, end) = self.value(bytes, skipSpaces(bytes, afterKey + 1), depth: 0, issues: &issues, source: source)
            current.set(path, value)
            i = lineEnd(bytes, max(end, afterKey + 1)) + 1
        }
        return root.pairs.isEmpty ? nil : root.docValue(end: bytes.count)
    }

    /// The key path at `i` (`a`, `"quoted key"`, `a.b . 'c'`), and the offset after it and the spaces that
    /// follow; nil when no key starts there.
    static func keyPath(_ bytes: [UInt8], _ from: Int) -> ([String], Int)? {
        var parts: [String] = []
        var i = skipSpaces(bytes, from)
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                var j = i + 1
                while j < bytes.count, bytes[j] != b, bytes[j] != 0x0A {
                    if b == UInt8(ascii: "\""), bytes[j] == UInt8(ascii: "\\") { j += 1 }
                    j += 1
                }
                guard j < bytes.count, bytes[j] == b else { return nil }
                parts.append(String(decoding: bytes[(i + 1)..<j], as: UTF8.self))
                i = j + 1
            } else {
                var j = i
                while j < bytes.count, isBareKeyByte(bytes[j]) { j += 1 }
                guard j > i else { return nil }
                parts.append(String(decoding: bytes[i..<j], as: UTF8.self))
                i = j
            }
            i = skipSpaces(bytes, i)
            guard i < bytes.count, bytes[i] == UInt8(ascii: ".") else { break }
            i = skipSpaces(bytes, i + 1)
        }
        return parts.isEmpty ? nil : (parts, i)
    }

    /// The value at `i` and the offset after it.
    static func value(
        _ bytes: [UInt8], _ i: Int, depth: Int, issues: inout [ParseIssue], source: SourceText
    ) -> (DocValue, Int) {
        guard i < bytes.count else { return (.scalar("", range: i..<i), i) }
        let b = bytes[i]
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
            let read = string(bytes, i)
            if !read.terminated {
                issues.append(ParseIssue(message: "TOML string is never closed", position: source.position(i)))
            }
            return (.string(read.value), read.end)
        }
        if (b == UInt8(ascii: "[") || b == UInt8(ascii: "{")), depth < maxDepth {
            return container(bytes, i, depth: depth, issues: &issues, source: source)
        }
        var j = i
        while j < bytes.count, ![0x0A, 0x0D, UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}")].contains(bytes[j]) {
            j += 1
        }
        var end = j
        while end > i, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return (.scalar(String(decoding: bytes[i..<end], as: UTF8.self), range: i..<end), j)
    }

    /// An array (`[a, b]`) or inline table (`{ k = v }`) at `i`, over several lines for arrays.
    private static func container(
        _ bytes: [UInt8], _ from: Int, depth: Int, issues: inout [ParseIssue], source: SourceText
    ) -> (DocValue, Int) {
        let isArray = bytes[from] == UInt8(ascii: "[")
        let close = UInt8(ascii: isArray ? "]" : "}")
        var items: [DocValue] = []
        let table = Table(offset: from)
        var i = from + 1
        while i < bytes.count {
            // Spaces, line breaks, commas and comments between items.
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if b == UInt8(ascii: "#") {
                i = lineEnd(bytes, i)
                continue
            }
            if b == close { i += 1; break }
            if isArray {
                let (item, end) = value(bytes, i, depth: depth + 1, issues: &issues, source: source)
                items.append(item)
                i = max(end, i + 1)
            } else {
                guard let (path, afterKey) = keyPath(bytes, i), afterKey < bytes.count, bytes[afterKey] == UInt8(ascii: "=") else {
                    i += 1
                    continue
                }
                let (item, end) = value(bytes, skipSpaces(bytes, afterKey + 1), depth: depth + 1, issues: &issues, source: source)
                table.set(path, item)
                i = max(end, afterKey + 1)
            }
        }
        return (isArray ? .array(items, range: from..<i) : table.docValue(end: i), i)
    }

    /// A string read at its opening quote.
    struct StringRead {
        /// The decoded value, each byte mapped to the file.
        var value: DocString
        /// The text between the delimiters, as written (with the first newline of a multi-line string).
        var raw: Range<Int>
        /// The offset after the closing delimiter (the end of the line or file when unterminated).
        var end: Int
        /// False when the closing delimiter is missing.
        var terminated: Bool
    }

    /// Reads the basic (`"…"`, `"""…"""`) or literal (`'…'`, `'''…'''`) string whose quote is at `from`.
    /// A multi-line string drops a newline right after its opening delimiter, and in a basic one a
    /// backslash at the end of a line drops the line break and the whitespace that follows. An escape
    /// TOML does not define is kept as written.
    static func string(_ bytes: [UInt8], _ from: Int) -> StringRead {
        let quote = bytes[from]
        let n = bytes.count
        let multi = from + 2 < n && bytes[from + 1] == quote && bytes[from + 2] == quote
        let basic = quote == UInt8(ascii: "\"")
        let rawStart = from + (multi ? 3 : 1)
        var i = rawStart
        if multi, i < n, bytes[i] == 0x0A { i += 1 } else if multi, i + 1 < n, bytes[i] == 0x0D, bytes[i + 1] == 0x0A { i += 2 }
        var out: [UInt8] = []
        var map: [Int] = []
        func finish(_ closeAt: Int, end: Int, terminated: Bool) -> StringRead {
            map.append(closeAt)
            return StringRead(value: DocString(value: String(decoding: out, as: UTF8.self), offset: from, map: map),
                              raw: rawStart..<max(rawStart, closeAt), end: end, terminated: terminated)
        }
        while i < n {
            let b = bytes[i]
            if b == quote {
                if !multi { return finish(i, end: i + 1, terminated: true) }
                if i + 2 < n, bytes[i + 1] == quote, bytes[i + 2] == quote {
                    // Up to two quotes right before the closing delimiter belong to the string.
                    var extra = 0
                    while extra < 2, i + 3 + extra < n, bytes[i + 3 + extra] == quote { extra += 1 }
                    for k in 0..<extra {
                        out.append(quote)
                        map.append(i + k)
                    }
                    return finish(i + extra, end: i + extra + 3, terminated: true)
                }
            }
            if !multi, b == 0x0A { return finish(i, end: i, terminated: false) }
            if basic, b == UInt8(ascii: "\\"), i + 1 < n {
                if multi, let next = lineEndingBackslash(bytes, i + 1) {
                    i = next
                    continue
                }
                if let (decoded, width) = escape(bytes, i) {
                    for d in decoded {
                        out.append(d)
                        map.append(i)
                    }
                    i += width
                    continue
                }
            }
            out.append(b)
            map.append(i)
            i += 1
        }
        return finish(n, end: n, terminated: false)
    }

    /// After a backslash ending a line (spaces may follow it): the offset of the next character that is
    /// not whitespace or a line break; nil when the backslash does not end its line.
    private static func lineEndingBackslash(_ bytes: [UInt8], _ from: Int) -> Int? {
        var j = from
        while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0D { j += 1 }
        guard j < bytes.count, bytes[j] == 0x0A else { return nil }
        while j < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[j]) { j += 1 }
        return j
    }

    /// The bytes an escape at `i` (a backslash) stands for and its width; nil for one TOML does not define.
    private static func escape(_ bytes: [UInt8], _ i: Int) -> ([UInt8], Int)? {
        switch bytes[i + 1] {
        case UInt8(ascii: "n"): return ([0x0A], 2)
        case UInt8(ascii: "t"): return ([0x09], 2)
        case UInt8(ascii: "r"): return ([0x0D], 2)
        case UInt8(ascii: "b"): return ([0x08], 2)
        case UInt8(ascii: "f"): return ([0x0C], 2)
        case UInt8(ascii: "e"): return ([0x1B], 2)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): return ([bytes[i + 1]], 2)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = bytes[i + 1] == UInt8(ascii: "u") ? 4 : 8
            guard i + 2 + digits <= bytes.count,
                let code = UInt32(String(decoding: bytes[(i + 2)..<(i + 2 + digits)], as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(code)
            else { return nil }
            return (Array(String(Character(scalar)).utf8), 2 + digits)
        default: return nil
        }
    }

    static func lineEnd(_ bytes: [UInt8], _ i: Int) -> Int {
        ByteSearch.find(0x0A, in: bytes, from: min(i, bytes.count)) ?? bytes.count
    }

    static func skipSpaces(_ bytes: [UInt8], _ from: Int) -> Int {
        var i = from
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        return i
    }

    private static func isBareKeyByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x30 && b <= 0x39 || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }

    /// A table being read: its keys in file order, each a value, a sub-table or an array of tables.
    private final class Table {
        enum Entry {
            case value(DocValue)
            case table(Table)
            case tables([Table])
        }

        var pairs: [(key: String, entry: Entry)] = []
        let offset: Int

        init(offset: Int) { self.offset = offset }

        /// The sub-table at `key` (the last of an array of tables), made when missing; nil when `key` holds a value.
        func child(_ key: String, offset: Int) -> Table? {
            guard let k = pairs.firstIndex(where: { $0.key == key }) else {
                let table = Table(offset: offset)
                pairs.append((key, .table(table)))
                return table
            }
            switch pairs[k].entry {
            case .table(let table): return table
            case .tables(let tables): return tables.last
            case .value: return nil
            }
        }

        /// The table a `[path]` or `[[path]]` header opens.
        func header(_ path: [String], isArray: Bool, offset: Int) -> Table? {
            var table: Table? = self
            for key in path.dropLast() { table = table?.child(key, offset: offset) }
            guard let parent = table, let last = path.last else { return nil }
            guard isArray else { return parent.child(last, offset: offset) }
            let added = Table(offset: offset)
            if let k = parent.pairs.firstIndex(where: { $0.key == last }) {
                guard case .tables(let tables) = parent.pairs[k].entry else { return nil }
                parent.pairs[k].entry = .tables(tables + [added])
            } else {
                parent.pairs.append((last, .tables([added])))
            }
            return added
        }

        /// Sets a dotted key's value (a key set twice keeps its first value).
        func set(_ path: [String], _ value: DocValue) {
            var table: Table? = self
            for key in path.dropLast() { table = table?.child(key, offset: value.offset) }
            guard let table, let last = path.last, !table.pairs.contains(where: { $0.key == last }) else { return }
            table.pairs.append((last, .value(value)))
        }

        func docValue(end: Int) -> DocValue {
            .object(pairs.map { pair in
                switch pair.entry {
                case .value(let value): return (pair.key, value)
                case .table(let table): return (pair.key, table.docValue(end: end))
                case .tables(let tables): return (pair.key, .array(tables.map { $0.docValue(end: end) }, range: offset..<end))
                }
            }, range: offset..<end)
        }
    }
}

/// The top-level keys of a TOML document (before its first `[table]`), each with the byte range of its
/// value: the text between the quotes as written for a string (basic, literal, or their multi-line
/// forms), the raw value otherwise. Read with `TOMLDocument`'s scanning.
enum TOMLTopLevel {
    struct Key {
        var key: String
        var value: Range<Int>
        var isString: Bool
    }

    static func keys(_ source: SourceText) -> [Key] {
        let bytes = source.bytes
        var out: [Key] = []
        var issues: [ParseIssue] = []
        var i = 0
        while i < bytes.count {
            // At the start of a line.
            i = TOMLDocument.skipSpaces(bytes, i)
            guard i < bytes.count else { break }
            let b = bytes[i]
            if b == 0x0A || b == 0x0D || b == UInt8(ascii: "#") {
                i = TOMLDocument.lineEnd(bytes, i) + 1
                continue
            }
            if b == UInt8(ascii: "[") { break }
            guard let (path, afterKey) = TOMLDocument.keyPath(bytes, i), afterKey < bytes.count, bytes[afterKey] == UInt8(ascii: "=") else {
                i = TOMLDocument.lineEnd(bytes, i) + 1
                continue
            }
            let start = TOMLDocument.skipSpaces(bytes, afterKey + 1)
            let key = path.joined(separator: ".")
            if start < bytes.count, bytes[start] == UInt8(ascii: "\"") || bytes[start] == UInt8(ascii: "'") {
                let read = TOMLDocument.string(bytes, start)
                out.append(Key(key: key, value: read.raw, isString: true))
                i = TOMLDocument.lineEnd(bytes, read.end) + 1
            } else {
                let (value, end) = TOMLDocument.value(bytes, start, depth: 0, issues: &issues, source: source)
                let range = value.range.isEmpty ? start..<end : value.range
                out.append(Key(key: key, value: range, isString: false))
                i = TOMLDocument.lineEnd(bytes, end) + 1
            }
        }
        return out
    }
}
