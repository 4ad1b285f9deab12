import Foundation

/// A template's text as UTF-8 bytes, turning byte offsets into `SourcePosition`s.
///
/// Lookups are a binary search for the line plus a scalar count from the line start (or from the
/// previous lookup on the same line), so reading a file front to back stays linear. An embedded
/// source (a JSON or YAML string value, decoded) maps its offsets back into the file it came from.
final class SourceText {
    /// The decoded text.
    let text: String
    /// The text's UTF-8 bytes.
    let bytes: [UInt8]
    /// Byte offsets where each line starts (empty for embedded sources).
    private let lineStarts: [Int]
    /// For an embedded source: the file it came from and, per byte offset, the file's offset.
    private let outer: SourceText?
    private let map: [Int]
    private var cacheLine = -1
    private var cacheOffset = 0
    private var cacheColumn = 1

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
        self.outer = nil
        self.map = []
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            while let nl = ByteSearch.find(0x0A, in: buffer, from: i, to: buffer.count) {
                starts.append(nl + 1)
                i = nl + 1
            }
        }
        self.lineStarts = starts
    }

    /// An embedded source: `map[i]` is the outer offset of byte `i` (and `map[count]` of its end).
    init(embedded text: String, map: [Int], in outer: SourceText) {
        self.text = text
        self.bytes = Array(text.utf8)
        self.outer = outer.outer ?? outer
        self.map = outer.outer == nil ? map : map.map { outer.outerOffset($0) }
        self.lineStarts = [0]
    }

    /// The number of bytes.
    var count: Int { bytes.count }

    /// The outermost file's text.
    var fileText: String { outer?.text ?? text }

    /// The offset in the outermost file of a byte offset here.
    func outerOffset(_ offset: Int) -> Int {
        guard outer != nil, !map.isEmpty else { return offset }
        return map[max(0, min(offset, map.count - 1))]
    }

    /// The position of a byte offset (clamped to the text), in the outermost file.
    func position(_ offset: Int) -> SourcePosition {
        if let outer { return outer.position(outerOffset(offset)) }
        let offset = max(0, min(offset, bytes.count))
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var start = lineStarts[lo]
        var column = 1
        if cacheLine == lo, cacheOffset <= offset {
            start = cacheOffset
            column = cacheColumn
        }
        bytes.withUnsafeBufferPointer { buffer in
            var i = start
            while i < offset {
                if buffer[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
        }
        cacheLine = lo
        cacheOffset = offset
        cacheColumn = column
        return SourcePosition(line: lo + 1, column: column, offset: offset)
    }

    /// The byte offset of a 1-based line and scalar column (as YAML parsers report them).
    func offset(line: Int, column: Int) -> Int {
        guard outer == nil, line >= 1 else { return 0 }
        guard line <= lineStarts.count else { return bytes.count }
        var i = lineStarts[line - 1]
        var remaining = column - 1
        while remaining > 0, i < bytes.count, bytes[i] != 0x0A {
            i += 1
            while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
            remaining -= 1
        }
        return i
    }

    /// The text of a byte range.
    func string(_ range: Range<Int>) -> String {
        let lo = max(0, min(range.lowerBound, bytes.count))
        let hi = max(lo, min(range.upperBound, bytes.count))
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    /// An embedded source for `decoded`, a value whose raw text lies in `region` of this source.
    ///
    /// Offsets are aligned greedily: each decoded byte maps to the next equal source byte within a
    /// short window, so escapes, indentation and line folding shift positions only locally. A decoded line
    /// break or tab matches its escape (`\n`, `\t`, `\r`) as well as the byte itself, so a quoted string
    /// written with `\n` escapes does not align its line breaks with later lines of the file.
    func embedded(_ decoded: String, alignedTo region: Range<Int>) -> SourceText {
        let d = Array(decoded.utf8)
        var map = [Int]()
        map.reserveCapacity(d.count + 1)
        let end = min(region.upperBound, bytes.count)
        var s = min(region.lowerBound, end)
        let window = 128
        for b in d {
            var k = s
            let limit = min(end, s + window)
            let escape = Self.escapeLetter(of: b)
            var width = 1
            while k < limit, bytes[k] != b {
                if let escape, bytes[k] == UInt8(ascii: "\\"), k + 1 < end, bytes[k + 1] == escape {
                    width = 2
                    break
                }
                k += 1
            }
            if k < limit {
                map.append(k)
                s = k + width
            } else {
                map.append(min(s, end))
            }
        }
        map.append(min(s, end))
        return SourceText(embedded: decoded, map: map, in: self)
    }

    /// The letter of the backslash escape that writes a control byte (`n` for a line break), if any.
    private static func escapeLetter(of byte: UInt8) -> UInt8? {
        switch byte {
        case 0x0A: return UInt8(ascii: "n")
        case 0x09: return UInt8(ascii: "t")
        case 0x0D: return UInt8(ascii: "r")
        default: return nil
        }
    }

    /// The position of an offset in raw bytes without building an index (for one-off issues).
    static func position(in bytes: [UInt8], offset: Int) -> SourcePosition {
        var line = 1
        var column = 1
        var i = 0
        while i < offset && i < bytes.count {
            if bytes[i] == 0x0A {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return SourcePosition(line: line, column: column, offset: offset)
    }
}

/// Fast byte searches over buffers.
enum ByteSearch {
    /// The first index of `byte` in `buffer[from..<to]`.
    static func find(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let base = buffer.baseAddress else { return nil }
        guard let hit = memchr(base + from, Int32(byte), to - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// The first index of `byte` in `bytes[from..<to]`.
    static func find(_ byte: UInt8, in bytes: [UInt8], from: Int, to: Int? = nil) -> Int? {
        let to = min(to ?? bytes.count, bytes.count)
        return bytes.withUnsafeBufferPointer { find(byte, in: $0, from: from, to: to) }
    }

    /// The first index where `needle` starts in `bytes[from..<to]`.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int, to: Int? = nil) -> Int? {
        let to = min(to ?? bytes.count, bytes.count)
        return bytes.withUnsafeBufferPointer { find(needle, in: $0, from: from, to: to) }
    }

    /// The first index where `needle` starts in `data[from..<to]` (indices from 0, whatever `data`'s start index).
    static func find(_ needle: [UInt8], in data: Data, from: Int = 0, to: Int? = nil) -> Int? {
        data.withUnsafeBytes { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            return find(needle, in: buffer, from: from, to: min(to ?? buffer.count, buffer.count))
        }
    }

    /// The first index where `needle` starts in `buffer[from..<to]`.
    static func find(_ needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard let first = needle.first else { return from }
        var i = from
        while let hit = find(first, in: buffer, from: i, to: to) {
            if hit + needle.count > to { return nil }
            var k = 1
            while k < needle.count, buffer[hit + k] == needle[k] { k += 1 }
            if k == needle.count { return hit }
            i = hit + 1
        }
        return nil
    }
}

/// UTF-8 well-formedness checking that reports where decoding first fails.
enum UTF8Validation {
    /// The offset of the first byte that does not start or continue a well-formed UTF-8 sequence.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            if i + length > n { return i }
            if bytes[i + 1] < lower || bytes[i + 1] > upper { return i }
            var k = 2
            while k < length {
                if bytes[i + k] & 0xC0 != 0x80 { return i }
                k += 1
            }
            i += length
        }
        return nil
    }
}

extension SourceText {
    /// Calls `body` with each line from `offset` on (without its newline) and the offset after it,
    /// until `body` returns false.
    func forEachLine(from offset: Int = 0, _ body: (_ line: Range<Int>, _ next: Int) -> Bool) {
        var start = offset
        while start < bytes.count {
            let end = ByteSearch.find(0x0A, in: bytes, from: start) ?? bytes.count
            if !body(start..<end, min(end + 1, bytes.count)) { return }
            start = end + 1
        }
    }

    /// True when the line is exactly `marker` apart from trailing whitespace (`---` delimiters).
    func lineIs(_ line: Range<Int>, _ marker: StaticString) -> Bool {
        var end = line.upperBound
        while end > line.lowerBound, JinjaScanner.isSpace(bytes[end - 1]) { end -= 1 }
        return end - line.lowerBound == marker.utf8CodeUnitCount && RoleMarkers.hasPrefix(bytes, at: line.lowerBound, marker)
    }
}
