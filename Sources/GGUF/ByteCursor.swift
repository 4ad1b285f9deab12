/// A bounds-checked little-endian reader over a mapped file: every read checks the remaining length first.
struct ByteCursor {
    let base: UnsafeRawPointer?
    let count: Int
    let path: String
    var offset = 0

    var remaining: Int { count - offset }

    mutating func require(_ bytes: Int, _ what: @autoclosure () -> String) throws {
        guard bytes >= 0, bytes <= remaining, base != nil || bytes == 0 else {
            throw GGUFError.truncated(path: path, offset: offset, what: what())
        }
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type, _ what: @autoclosure () -> String) throws -> T {
        try require(MemoryLayout<T>.size, what())
        let value = base!.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset += MemoryLayout<T>.size
        return T(littleEndian: value)
    }

    mutating func readFloat(_ what: @autoclosure () -> String) throws -> Float {
        Float(bitPattern: try read(UInt32.self, what()))
    }

    mutating func readDouble(_ what: @autoclosure () -> String) throws -> Double {
        Double(bitPattern: try read(UInt64.self, what()))
    }

    /// Reads a GGUF string: a u64 length, then that many bytes (decoded as UTF-8, invalid bytes repaired).
    mutating func readString(_ what: @autoclosure () -> String) throws -> String {
        let start = offset
        let length = try read(UInt64.self, what())
        guard length <= UInt64(remaining) else {
            throw GGUFError.truncated(path: path, offset: start, what: "\(what()) (length \(length))")
        }
        let n = Int(length)
        let bytes = UnsafeRawBufferPointer(start: base! + offset, count: n)
        offset += n
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads a length-prefixed string's raw bytes without decoding.
    mutating func readStringBytes(_ what: @autoclosure () -> String) throws -> UnsafeRawBufferPointer {
        let start = offset
        let length = try read(UInt64.self, what())
        guard length <= UInt64(remaining) else {
            throw GGUFError.truncated(path: path, offset: start, what: "\(what()) (length \(length))")
        }
        let n = Int(length)
        let bytes = UnsafeRawBufferPointer(start: base! + offset, count: n)
        offset += n
        return bytes
    }
}
