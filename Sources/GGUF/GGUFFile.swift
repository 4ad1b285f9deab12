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
        if file.count < 4 {
            // A strict prefix of the magic (an empty file included) is a cut-off file; anything else is not GGUF.
            let head = UnsafeRawBufferPointer(start: file.base, count: file.count)
            guard head.elementsEqual(Array("GGUF".utf8).prefix(file.count)) else { throw GGUFError.badMagic(path: path) }
            throw GGUFError.truncated(path: path, offset: 0, what: "magic")
        }
        let magic = try cursor.read(UInt32.self, "magic")
        guard magic == 0x4655_4747 else { throw GGUFError.badMagic(path: path) }
        version = try cursor.read(UInt32.self, "version")
        guard version == 3 else { throw GGUFError.unsupportedVersion(path: path, version: version) }
        let countOffset = cursor.offset
        let tensorCount = try cursor.read(UInt64.self, "tensor count")
        let kvCount = try cursor.read(UInt64.self, "key/value count")
        // A count no real file has (over 2^31) is a corrupt header; a plausible count that the rest of the file
        // cannot hold is a cut-off file. Each tensor info takes at least 8 (name) + 4 (n_dims) + 8 (one dim) + 4
        // (type) + 8 (offset) bytes, each pair 8 (key) + 4 (type) + 1 (smallest value), so these bounds keep every
        // loop and reservation below the file size.
        let counts = [
            (count: tensorCount, what: "tensor", minimum: 32, at: countOffset),
            (count: kvCount, what: "key/value", minimum: 13, at: countOffset + 8),
        ]
        for c in counts {
            guard c.count <= UInt64(Int32.max) else {
                throw GGUFError.invalidHeader(path: path, offset: c.at, what: "\(c.what) count \(c.count) is impossible")
            }
            guard c.count <= UInt64(cursor.remaining / c.minimum) else {
                throw GGUFError.truncated(path: path, offset: c.at, what: "\(c.what) section (\(c.count) announced)")
            }
        }
        var metadata: [String: GGUFValue] = [:]
        var alignmentOffset = 0
        for i in 0..<Int(kvCount) {
            let keyOffset = cursor.offset
            let key = try cursor.readString("key of pair \(i)")
            let shown = GGUFError.clean(key, limit: 80)
            let rawType = try cursor.read(UInt32.self, "type of '\(shown)'")
            guard let type = GGUFValueType(rawValue: rawType) else {
                throw GGUFError.invalidHeader(path: path, offset: keyOffset, what: "key '\(shown)' has unknown value type \(rawType)")
            }
            guard metadata[key] == nil else {
                throw GGUFError.invalidHeader(path: path, offset: keyOffset, what: "duplicate key '\(shown)'")
            }
            if key == "general.alignment" { alignmentOffset = keyOffset }
            metadata[key] = try Self.readValue(type, &cursor, key: shown, depth: 0)
        }
        self.metadata = metadata
        var alignment = 32
        if let value = metadata["general.alignment"] {
            guard let a = value.intValue, a > 0, a <= 1 << 20, a & (a - 1) == 0 else {
                throw GGUFError.invalidHeader(
                    path: path, offset: alignmentOffset, what: "general.alignment must be a power of two up to 2^20")
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
            let shown = GGUFError.clean(name, limit: 80)
            guard seen.insert(name).inserted else {
                throw GGUFError.invalidTensor(path: path, name: name, what: "duplicate tensor name")
            }
            let nDims = try cursor.read(UInt32.self, "dimension count of '\(shown)'")
            guard nDims >= 1, nDims <= UInt32(Limits.maxDimensions) else {
                throw GGUFError.invalidTensor(path: path, name: name, what: "\(nDims) dimensions (1 to 4 allowed)")
            }
            var dims: [Int] = []
            var elements = 1
            for d in 0..<Int(nDims) {
                let extent = try cursor.read(UInt64.self, "dimension \(d) of '\(shown)'")
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
            let rawType = try cursor.read(UInt32.self, "type of '\(shown)'")
            let offset = try cursor.read(UInt64.self, "offset of '\(shown)'")
            guard let type = GGMLType(rawValue: rawType) else {
                throw GGUFError.unsupportedType(path: path, name: name, type: rawType)
            }
            guard dims[0] % type.blockSize == 0 else {
                throw GGUFError.invalidTensor(
                    path: path, name: name, what: "row length \(dims[0]) is not a multiple of \(type)'s block of \(type.blockSize)")
            }
            infos.append(RawInfo(name: name, dims: dims, type: type, offset: offset))
        }
        // cursor.offset <= file.count and alignment <= 2^20, so this cannot overflow.
        var dataOffset = (cursor.offset + alignment - 1) / alignment * alignment
        if dataOffset > file.count {
            // The padding before the data section is cut off. Harmless when there is no tensor (llama.cpp reads
            // such files too); otherwise the data is missing.
            guard infos.isEmpty else {
                throw GGUFError.truncated(path: path, offset: cursor.offset, what: "padding before the data section")
            }
            dataOffset = file.count
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
                // The reported byte is clamped to the file's end: a hostile offset near 2^64 must not overflow here.
                throw GGUFError.truncated(
                    path: path, offset: dataOffset + Int(min(info.offset, UInt64(dataSize))),
                    what: "data of tensor '\(GGUFError.clean(info.name, limit: 80))' (\(bytes) bytes at data offset \(info.offset))")
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
        case .uint8: return .uint(UInt64(try c.read(UInt8.self, "value of '\(key)'")))
        case .int8: return .int(Int64(try c.read(Int8.self, "value of '\(key)'")))
        case .uint16: return .uint(UInt64(try c.read(UInt16.self, "value of '\(key)'")))
        case .int16: return .int(Int64(try c.read(Int16.self, "value of '\(key)'")))
        case .uint32: return .uint(UInt64(try c.read(UInt32.self, "value of '\(key)'")))
        case .int32: return .int(Int64(try c.read(Int32.self, "value of '\(key)'")))
        case .uint64: return .uint(try c.read(UInt64.self, "value of '\(key)'"))
        case .int64: return .int(try c.read(Int64.self, "value of '\(key)'"))
        case .float32: return .float(Double(try c.readFloat("value of '\(key)'")))
        case .float64: return .float(try c.readDouble("value of '\(key)'"))
        case .bool:
            let start = c.offset
            let b = try c.read(UInt8.self, "value of '\(key)'")
            guard b <= 1 else { throw GGUFError.invalidHeader(path: c.path, offset: start, what: "value of '\(key)' is not a boolean") }
            return .bool(b == 1)
        case .string: return .string(try c.readString("value of '\(key)'"))
        case .array:
            let start = c.offset
            let rawElement = try c.read(UInt32.self, "element type of array '\(key)'")
            guard let element = GGUFValueType(rawValue: rawElement) else {
                throw GGUFError.invalidHeader(path: c.path, offset: start, what: "array '\(key)' has unknown element type \(rawElement)")
            }
            let count = try c.read(UInt64.self, "element count of array '\(key)'")
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
                for _ in 0..<n { strings.append(try c.readString("value of '\(key)'")) }
                return .strings(strings)
            case .float32:
                var floats: [Float] = []
                floats.reserveCapacity(n)
                for _ in 0..<n { floats.append(try c.readFloat("value of '\(key)'")) }
                return .floats(floats)
            case .float64:
                var floats: [Float] = []
                floats.reserveCapacity(n)
                for _ in 0..<n { floats.append(Float(try c.readDouble("value of '\(key)'"))) }
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

    /// The tensor called `name`, checked for the role the caller has for it.
    ///
    /// - Parameters:
    ///   - name: the tensor's name.
    ///   - allowed: the element types the caller can use, or nil for any.
    ///   - dimensions: the expected ggml dimensions, innermost (row length) first, e.g. `[640, 262144]` for a
    ///     262,144-row embedding of width 640. Trailing dimensions of 1 are ignored on both sides, so `[640]` matches
    ///     a tensor stored as `[640, 1]`.
    /// - Throws: `GGUFError.missingTensor` when it is absent, `GGUFError.invalidTensor` when its shape or type is
    ///   not the expected one.
    public func requireTensor(_ name: String, type allowed: Set<GGMLType>? = nil, dimensions: [Int]) throws -> GGUFTensor {
        let t = try requireTensor(name)
        func trimmed(_ dims: [Int]) -> [Int] {
            var d = dims
            while d.count > 1, d.last == 1 { d.removeLast() }
            return d
        }
        guard trimmed(t.dimensions) == trimmed(dimensions) else {
            throw GGUFError.invalidTensor(
                path: path, name: name, what: "shape \(t.dimensions), expected \(dimensions)")
        }
        if let allowed, !allowed.contains(t.type) {
            let names = allowed.map(\.description).sorted().joined(separator: ", ")
            throw GGUFError.invalidTensor(path: path, name: name, what: "type \(t.type), expected one of \(names)")
        }
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
