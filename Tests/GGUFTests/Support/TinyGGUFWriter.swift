import Foundation
import GGUF
#if canImport(Glibc)
import Glibc
#endif

/// Little-endian byte sink for building GGUF files (and broken ones) by hand.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u16(_ v: UInt16) { append(v) }
    mutating func u32(_ v: UInt32) { append(v) }
    mutating func u64(_ v: UInt64) { append(v) }
    mutating func f32(_ v: Float) { append(v.bitPattern) }
    mutating func f64(_ v: Double) { append(v.bitPattern) }
    mutating func raw(_ v: [UInt8]) { bytes += v }

    /// A GGUF string: u64 length then the UTF-8 bytes.
    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        u64(UInt64(utf8.count))
        bytes += utf8
    }

    /// Zero bytes up to the next multiple of `alignment`.
    mutating func pad(to alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }

    private mutating func append<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.littleEndian) { bytes += $0 }
    }
}

/// Builds small, valid GGUF v3 files in memory: chosen key/value pairs, then tensors with their data, laid out
/// as llama.cpp's writer does (tensor infos, padding to the alignment, each tensor's data padded to the alignment).
///
/// Every field can be overridden, which is how `HostileGGUF` makes its broken files.
struct TinyGGUFWriter {
    /// GGUF metadata value type codes (gguf.h `enum gguf_type`).
    enum TypeCode: UInt32 {
        case uint8 = 0, int8, uint16, int16, uint32, int32, float32, bool, string, array, uint64, int64, float64
    }

    /// A metadata value as it is written.
    indirect enum Value {
        case u8(UInt8), i8(Int8), u16(UInt16), i16(Int16), u32(UInt32), i32(Int32), u64(UInt64), i64(Int64)
        case f32(Float), f64(Double), bool(Bool), string(String)
        /// An array whose elements are all of `element` type (nested arrays use `.array` elements).
        case array(TypeCode, [Value])
        /// Any type code followed by raw bytes: for unknown types and broken encodings.
        case raw(typeCode: UInt32, bytes: [UInt8])

        var typeCode: UInt32 {
            switch self {
            case .u8: return TypeCode.uint8.rawValue
            case .i8: return TypeCode.int8.rawValue
            case .u16: return TypeCode.uint16.rawValue
            case .i16: return TypeCode.int16.rawValue
            case .u32: return TypeCode.uint32.rawValue
            case .i32: return TypeCode.int32.rawValue
            case .u64: return TypeCode.uint64.rawValue
            case .i64: return TypeCode.int64.rawValue
            case .f32: return TypeCode.float32.rawValue
            case .f64: return TypeCode.float64.rawValue
            case .bool: return TypeCode.bool.rawValue
            case .string: return TypeCode.string.rawValue
            case .array: return TypeCode.array.rawValue
            case .raw(let code, _): return code
            }
        }

        /// Writes the value's payload (without its type code).
        func write(to w: inout ByteWriter) {
            switch self {
            case .u8(let v): w.u8(v)
            case .i8(let v): w.u8(UInt8(bitPattern: v))
            case .u16(let v): w.u16(v)
            case .i16(let v): w.u16(UInt16(bitPattern: v))
            case .u32(let v): w.u32(v)
            case .i32(let v): w.u32(UInt32(bitPattern: v))
            case .u64(let v): w.u64(v)
            case .i64(let v): w.u64(UInt64(bitPattern: v))
            case .f32(let v): w.f32(v)
            case .f64(let v): w.f64(v)
            case .bool(let v): w.u8(v ? 1 : 0)
            case .string(let v): w.string(v)
            case .array(let element, let values):
                w.u32(element.rawValue)
                w.u64(UInt64(values.count))
                for v in values { v.write(to: &w) }
            case .raw(_, let bytes): w.raw(bytes)
            }
        }
    }

    /// One tensor: its info fields and data. `typeCode`, `dimensions` and `offset` are raw so they can be wrong.
    struct Tensor {
        var name: String
        var dimensions: [UInt64]
        var typeCode: UInt32
        var data: [UInt8]
        /// The offset written in the info; nil for the natural, aligned one.
        var offset: UInt64?
        /// The dimension count written in the info; nil for `dimensions.count`.
        var dimensionCount: UInt32?
    }

    var magic: [UInt8] = Array("GGUF".utf8)
    var version: UInt32 = 3
    /// The alignment used for padding. Declare it with a `general.alignment` pair when it is not 32.
    var alignment = 32
    /// Counts written in the header instead of the real ones.
    var tensorCountOverride: UInt64?
    var keyCountOverride: UInt64?
    /// Pad the data of the last tensor too (llama.cpp does; then a cut in that padding still reads as valid).
    var padLastTensor = false
    var pairs: [(key: String, value: Value)] = []
    var tensors: [Tensor] = []

    init() {}

    mutating func add(_ key: String, _ value: Value) { pairs.append((key, value)) }

    /// Adds a tensor of a known type; `data` must hold its bytes.
    mutating func addTensor(_ name: String, type: GGMLType, dimensions: [Int], data: [UInt8]) {
        tensors.append(Tensor(name: name, dimensions: dimensions.map(UInt64.init), typeCode: type.rawValue, data: data))
    }

    /// Adds an F32 tensor.
    mutating func addTensor(_ name: String, floats: [Float], dimensions: [Int]) {
        var w = ByteWriter()
        for f in floats { w.f32(f) }
        addTensor(name, type: .f32, dimensions: dimensions, data: w.bytes)
    }

    /// Where each tensor's data starts, relative to the data section (aligned, in order).
    var naturalOffsets: [UInt64] {
        var offsets: [UInt64] = []
        var at = 0
        for t in tensors {
            offsets.append(UInt64(at))
            at += (t.data.count + alignment - 1) / alignment * alignment
        }
        return offsets
    }

    /// Where the parts of a written file start.
    struct Layout {
        /// Offset of each key/value pair (its key's length field).
        var pairOffsets: [Int] = []
        /// Offset of each tensor info (its name's length field).
        var tensorInfoOffsets: [Int] = []
        /// Offset of the data section.
        var dataOffset = 0
        /// Offset of each tensor's data from the start of the file.
        var tensorDataOffsets: [Int] = []
    }

    /// The file's bytes.
    func bytes() -> [UInt8] { build().bytes }

    /// Where the parts of the file start.
    var layout: Layout { build().layout }

    /// The file's bytes and where its parts start.
    func build() -> (bytes: [UInt8], layout: Layout) {
        var w = ByteWriter()
        var layout = Layout()
        w.raw(magic)
        w.u32(version)
        w.u64(tensorCountOverride ?? UInt64(tensors.count))
        w.u64(keyCountOverride ?? UInt64(pairs.count))
        for (key, value) in pairs {
            layout.pairOffsets.append(w.bytes.count)
            w.string(key)
            w.u32(value.typeCode)
            value.write(to: &w)
        }
        let offsets = naturalOffsets
        for (i, t) in tensors.enumerated() {
            layout.tensorInfoOffsets.append(w.bytes.count)
            w.string(t.name)
            w.u32(t.dimensionCount ?? UInt32(t.dimensions.count))
            for d in t.dimensions { w.u64(d) }
            w.u32(t.typeCode)
            w.u64(t.offset ?? offsets[i])
        }
        w.pad(to: alignment)
        layout.dataOffset = w.bytes.count
        for (i, t) in tensors.enumerated() {
            layout.tensorDataOffsets.append(w.bytes.count)
            w.raw(t.data)
            if i < tensors.count - 1 || padLastTensor { w.pad(to: alignment) }
        }
        return (w.bytes, layout)
    }

    /// Writes the file into `directory` and returns its path.
    func write(in directory: TemporaryDirectory, name: String = "tiny.gguf") throws -> String {
        try directory.write(bytes(), name: name)
    }
}

/// A fresh folder under the system's temporary directory, removed when the value goes.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("gguf-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `bytes` to `name` in the folder (replacing it) and returns the path.
    ///
    /// An existing file is unlinked, not truncated: ext4 flushes a file that is truncated and rewritten
    /// (auto_da_alloc), which made each rewrite of the same name cost about 20 ms; the hostile tests write
    /// thousands of files.
    func write(_ bytes: [UInt8], name: String) throws -> String {
        let path = url.appendingPathComponent(name).path
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        var written = 0
        try bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                guard n > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
                written += n
            }
        }
        return path
    }
}
