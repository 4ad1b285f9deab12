/// A template's text as UTF-8 bytes with a line index, turning byte offsets into `SourcePosition`s.
///
/// Lookups are a binary search for the line plus a scalar count from the line start (or from the
/// previous lookup on the same line), so reading a file front to back stays linear.
final class SourceText {
    /// The decoded text.
    let text: String
    /// The text's UTF-8 bytes.
    let bytes: [UInt8]
    /// Byte offsets where each line starts.
    private let lineStarts: [Int]
    private var cacheLine = 0
    private var cacheOffset = 0
    private var cacheColumn = 1

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
        self.lineStarts = starts
    }

    var count: Int { bytes.count }

    /// The position of a byte offset (clamped to the text).
    func position(_ offset: Int) -> SourcePosition {
        let offset = max(0, min(offset, bytes.count))
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var start = lineStarts[lo]
        var column = 1
        if cacheLine == lo, cacheOffset <= offset, cacheOffset >= start {
            start = cacheOffset
            column = cacheColumn
        }
        var i = start
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        // A continuation byte at the offset itself belongs to the previous scalar.
        cacheLine = lo
        cacheOffset = offset
        cacheColumn = column
        return SourcePosition(line: lo + 1, column: column, offset: offset)
    }

    /// The text of a byte range.
    func string(_ range: Range<Int>) -> String {
        let lo = max(0, min(range.lowerBound, bytes.count))
        let hi = max(lo, min(range.upperBound, bytes.count))
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
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

/// UTF-8 well-formedness checking that reports where decoding first fails.
enum UTF8Validation {
    /// The offset of the first byte that does not start or continue a well-formed UTF-8 sequence.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
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
