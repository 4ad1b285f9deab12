// The GGUF v3 container (ggml/include/gguf.h): magic, version, tensor count, key/value count, typed key/value
// pairs, tensor infos (name, dims, type, offset), padding to `general.alignment`, then the data blob.

/// A parsed, memory-mapped GGUF v3 file. Every header field, value and tensor extent is validated on open, so
/// no later access reads outside the mapping.
public struct GGUFFile: Sendable {
    /// The path the file was opened from.
    public let path: String
    /// The format version (always 3).
    public let version: UInt32
    /// Metadata, by key.
    public let metadata: [String: GGUFValue]
    /// Tensors in file order.
    public let tensors: [GGUFTensor]
    /// Offset of the data section from the start of the file.
    public let dataOffset: Int
    /// The data alignment (`general.alignment`, default 32).
    public let alignment: Int
    private let index: [String: Int]
    let file: MappedFile

    /// Limits that keep a hostile header from asking for absurd allocations.
    public enum Limits {
        /// At most this many dimensions per tensor (ggml's GGML_MAX_DIMS).
        public static let maxDimensions = 4
        /// Nested array depth in metadata.
        public static let maxArrayDepth = 4
    }

    /// Opens and validates the GGUF file at `path`.
    /// - Throws: `GGUFError` naming the file and the first problem found.
    public init(path: String) throws {
        let file = try MappedFile(path: path)
        try self.init(file: file)
    }

    /// Validates an already-mapped file.
    init(file: MappedFile) throws {
        self.file = file
        self.path = file.path
        var cursor = ByteCursor(base: file.base, count: file.count, path: file.path)
        guard file.count >= 4 else { throw GGUFError.badMagic(path: path) }
        let magic = try cursor.read(UInt32.self, "magic")
        guard magic == 0x4655_4747 else { throw GGUFError.badMagic(path: path) }
        version = try cursor.read(UInt32.self, "version")
        guard version == 3 else { throw GGUFError.unsupportedVersion(path: path, version: version) }
        let countOffset = cursor.offset
        let tensorCount = try cursor.read(UInt64.self, "tensor count")
        let kvCount = try cursor.read(UInt64.self, "key/value count")
        // Each tensor info takes at least 8 (name) + 4 (dims) + 4 (type) + 8 (offset) bytes, each pair 8 + 4 + 1.
        guard tensorCount <= UInt64(cursor.remaining / 24) else {
            throw GGUFError.invalidHeader(path: path, offset: countOffset, what: "tensor count \(tensorCount) exceeds file size")
        }
        guard kvCount <= UInt64(cursor.remaining / 13) else {
            throw GGUFError.invalidHeader(path: path, offset: countOffset + 8, what: "key/value count \(kvCount) exceeds file size")
        }
        var metadata: [String: GGUFValue] = [:]
        for i in 0..<Int(kvCount) {
            let keyOffset = cursor.offset
            let key = try cursor.readString("key of pair \(i)")
            let rawType = try cursor.read(UInt32.self, "type of '\(key)'")
            guard let type = GGUFValueType(rawValue: rawType) else {
                throw GGUFError.invalidHeader(path: path, offset: keyOffset, what: "key '\(key)' has unknown value type \(rawType)")
            }
            guard metadata[key] == nil else {
                throw GGUFError.invalidHeader(path: path, offset: keyOffset, what: "duplicate key '\(key)'")
            }
            metadata[key] = try Self.readValue(type, &cursor, key: key, depth: 0)
        }
        self.metadata = metadata
        var alignment = 32
        if let value = metadata["general.alignment"] {
            guard let a = value.intValue, a > 0, a <= 1 << 20, a & (a - 1) == 0 else {
                throw GGUFError.invalidHeader(path: path, offset: 0, what: "general.alignment must be a power of two")
            }
            alignment = a
        }
        self.alignment = alignment

        struct RawInfo { let name: String; let dims: [Int]; let type: GGMLType; let offset: UInt64 }
        var infos: [RawInfo] = []
        infos.reserveCapacity(Int(tensorCount))
        var seen = Set<String>()
        for i in 0..<Int(tensorCount) {
            let name = try cursor.readString("name of tensor \(i)")
            guard seen.insert(name).inserted else {
                throw GGUFError.invalidTensor(path: path, name: name, what: "duplicate tensor name")
            }
            let nDims = try cursor.read(UInt32.self, "dimension count of '\(name)'")
            guard nDims >= 1, nDims <= UInt32(Limits.maxDimensions) else {
                throw GGUFError.invalidTensor(path: path, name: name, what: "\(nDims) dimensions (1 to 4 allowed)")
            }
            var dims: [Int] = []
            var elements = 1
            for d in 0..<Int(nDims) {
                let extent = try cursor.read(UInt64.self, "dimension \(d) of '\(name)'")
                guard extent >= 1, extent <= UInt64(Int32.max) else {
                    throw GGUFError.invalidTensor(path: path, name: name, what: "dimension \(d) is \(extent)")
                }
                let (product, overflow) = elements.multipliedReportingOverflow(by: Int(extent))
                guard !overflow, product <= 1 << 40 else {
                    throw GGUFError.invalidTensor(path: path, name: name, what: "element count overflows")
                }
                elements = product
                dims.append(Int(extent))
            }
            let rawType = try cursor.read(UInt32.self, "type of '\(name)'")
            let offset = try cursor.read(UInt64.self, "offset of '\(name)'")
            guard let type = GGMLType(rawValue: rawType) else {
                throw GGUFError.unsupportedType(path: path, name: name, type: rawType)
            }
            guard dims[0] % type.blockSize == 0 else {
                throw GGUFError.invalidTensor(
                    path: path, name: name, what: "row length \(dims[0]) is not a multiple of \(type)'s block of \(type.blockSize)")
            }
            infos.append(RawInfo(name: name, dims: dims, type: type, offset: offset))
        }
        let (padded, overflow) = cursor.offset.addingReportingOverflow(alignment - 1)
        guard !overflow else { throw GGUFError.truncated(path: path, offset: cursor.offset, what: "data section") }
        let dataOffset = padded / alignment * alignment
        guard dataOffset <= file.count else {
            throw GGUFError.truncated(path: path, offset: cursor.offset, what: "data section")
        }
        self.dataOffset = dataOffset
        let dataSize = file.count - dataOffset
        var tensors: [GGUFTensor] = []
        var index: [String: Int] = [:]
        for info in infos {
            guard info.offset % UInt64(alignment) == 0 else {
                throw GGUFError.invalidTensor(path: path, name: info.name, what: "offset \(info.offset) is not aligned to \(alignment)")
            }
            let elements = info.dims.reduce(1, *)
            guard let bytes = info.type.byteCount(forElements: elements) else {
                throw GGUFError.invalidTensor(path: path, name: info.name, what: "size overflows")
            }
            guard info.offset <= UInt64(dataSize), UInt64(bytes) <= UInt64(dataSize) - info.offset else {
                throw GGUFError.truncated(
                    path: path, offset: dataOffset + Int(clamping: info.offset),
                    what: "data of tensor '\(info.name)' (\(bytes) bytes)")
            }
            index[info.name] = tensors.count
            tensors.append(
                GGUFTensor(
                    name: info.name, dimensions: info.dims, type: info.type,
                    fileOffset: dataOffset + Int(info.offset), byteCount: bytes, file: file))
        }
        self.tensors = tensors
        self.index = index
    }

    private static func readValue(_ type: GGUFValueType, _ c: inout ByteCursor, key: String, depth: Int) throws -> GGUFValue {
        switch type {
        case .uint8: return .uint(UInt64(try c.read(UInt8.self, key)))
        case .int8: return .int(Int64(try c.read(Int8.self, key)))
        case .uint16: return .uint(UInt64(try c.read(UInt16.self, key)))
        case .int16: return .int(Int64(try c.read(Int16.self, key)))
        case .uint32: return .uint(UInt64(try c.read(UInt32.self, key)))
        case .int32: return .int(Int64(try c.read(Int32.self, key)))
        case .uint64: return .uint(try c.read(UInt64.self, key))
        case .int64: return .int(try c.read(Int64.self, key))
        case .float32: return .float(Double(try c.readFloat(key)))
        case .float64: return .float(try c.readDouble(key))
        case .bool:
            let start = c.offset
            let b = try c.read(UInt8.self, key)
            guard b <= 1 else { throw GGUFError.invalidHeader(path: c.path, offset: start, what: "'\(key)' is not a boolean") }
            return .bool(b == 1)
        case .string: return .string(try c.readString(key))
        case .array:
            let start = c.offset
            let rawElement = try c.read(UInt32.self, key)
            guard let element = GGUFValueType(rawValue: rawElement) else {
                throw GGUFError.invalidHeader(path: c.path, offset: start, what: "array '\(key)' has unknown element type \(rawElement)")
            }
            let count = try c.read(UInt64.self, key)
            guard count <= UInt64(c.remaining / element.minimumBytes) else {
                throw GGUFError.truncated(path: c.path, offset: start, what: "array '\(key)' of \(count) elements")
            }
            guard depth < Limits.maxArrayDepth || element != .array else {
                throw GGUFError.invalidHeader(path: c.path, offset: start, what: "array '\(key)' nests too deep")
            }
            let n = Int(count)
            switch element {
            case .string:
                var strings: [String] = []
                strings.reserveCapacity(n)
                for _ in 0..<n { strings.append(try c.readString(key)) }
                return .strings(strings)
            case .float32:
                var floats: [Float] = []
                floats.reserveCapacity(n)
                for _ in 0..<n { floats.append(try c.readFloat(key)) }
                return .floats(floats)
            case .float64:
                var floats: [Float] = []
                floats.reserveCapacity(n)
                for _ in 0..<n { floats.append(Float(try c.readDouble(key))) }
                return .floats(floats)
            case .uint8, .int8, .uint16, .int16, .uint32, .int32, .uint64, .int64:
                var ints: [Int64] = []
                ints.reserveCapacity(n)
                for _ in 0..<n {
                    let v = try readValue(element, &c, key: key, depth: depth + 1)
                    switch v {
                    case .int(let i): ints.append(i)
                    case .uint(let u): ints.append(Int64(truncatingIfNeeded: u))
                    default: break
                    }
                }
                return .ints(ints)
            case .bool, .array:
                var values: [GGUFValue] = []
                for _ in 0..<n { values.append(try readValue(element, &c, key: key, depth: depth + 1)) }
                return .values(values)
            }
        }
    }

    /// The tensor called `name`, if present.
    public func tensor(named name: String) -> GGUFTensor? {
        index[name].map { tensors[$0] }
    }

    /// The tensor called `name`.
    /// - Throws: `GGUFError.missingTensor` when it is absent.
    public func requireTensor(_ name: String) throws -> GGUFTensor {
        guard let t = tensor(named: name) else { throw GGUFError.missingTensor(path: path, name: name) }
        return t
    }

    /// The integer at `key`.
    /// - Throws: `GGUFError.missingKey` when absent or not an integer.
    public func requireInt(_ key: String) throws -> Int {
        guard let v = metadata[key]?.intValue else { throw GGUFError.missingKey(path: path, key: key) }
        return v
    }

    /// The string at `key`.
    /// - Throws: `GGUFError.missingKey` when absent or not a string.
    public func requireString(_ key: String) throws -> String {
        guard let v = metadata[key]?.stringValue else { throw GGUFError.missingKey(path: path, key: key) }
        return v
    }
}
