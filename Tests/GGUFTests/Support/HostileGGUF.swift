import Foundation
import GGUF

/// The kind of `GGUFError` a broken file must produce (the payload strings are free text, so tests match kinds).
enum GGUFErrorKind: String, Sendable {
    case unreadable, badMagic, unsupportedVersion, truncated, invalidHeader, invalidTensor, unsupportedType
    case missingKey, missingTensor

    init(_ error: GGUFError) {
        switch error {
        case .unreadable: self = .unreadable
        case .badMagic: self = .badMagic
        case .unsupportedVersion: self = .unsupportedVersion
        case .truncated: self = .truncated
        case .invalidHeader: self = .invalidHeader
        case .invalidTensor: self = .invalidTensor
        case .unsupportedType: self = .unsupportedType
        case .missingKey: self = .missingKey
        case .missingTensor: self = .missingTensor
        }
    }
}

/// Hostile GGUF files: each case is one way a header can lie, built from a small valid file, with the error the
/// reader must throw. Also the seed corpus for fuzzing (`HostileGGUF.validSmallFile()` and every case's bytes).
enum HostileGGUF: String, CaseIterable, Sendable {
    case emptyFile, magicPrefixOnly, wrongMagic, shortWrongMagic
    case version1, version2, version99, versionBigEndian
    case tensorCountMax, tensorCountNear2To64, tensorCount2To63, keyCountMax, keyCountNear2To64
    case keyLengthPastEnd, keyLengthMax, stringValueLengthPastEnd, stringValueLengthMax
    case tensorNameLengthPastEnd, arrayCountPastEnd, arrayCountMax, stringArrayElementPastEnd
    case tooManyDimensions, dimensionCountMax, zeroDimensionCount
    case zeroDimension, dimension2To63, dimensionMax, elementCountOverflow, rowNotWholeBlocks
    case unalignedOffset, offsetPastEnd, offsetNearMax, dataRunsPastEnd
    case duplicateTensorName, duplicateKey
    case unknownValueType, valueTypeMax, unknownArrayElementType, arraysNestedTooDeep, boolNotZeroOrOne
    case alignmentNotPowerOfTwo, alignmentZero, alignmentNotInteger
    case unknownGGMLType, unsupportedGGMLType
    case truncatedDataSection, dataSectionMissing, headerOnly
    case newlineInKey, hugeKey

    /// The error the reader must throw for this file.
    var expected: GGUFErrorKind {
        switch self {
        case .emptyFile, .magicPrefixOnly: return .truncated
        case .wrongMagic, .shortWrongMagic: return .badMagic
        case .version1, .version2, .version99, .versionBigEndian: return .unsupportedVersion
        case .tensorCountMax, .tensorCountNear2To64, .tensorCount2To63, .keyCountMax, .keyCountNear2To64:
            return .invalidHeader
        case .keyLengthPastEnd, .keyLengthMax, .stringValueLengthPastEnd, .stringValueLengthMax, .tensorNameLengthPastEnd,
            .arrayCountPastEnd, .arrayCountMax, .stringArrayElementPastEnd:
            return .truncated
        case .tooManyDimensions, .dimensionCountMax, .zeroDimensionCount, .zeroDimension, .dimension2To63, .dimensionMax,
            .elementCountOverflow, .rowNotWholeBlocks, .unalignedOffset, .duplicateTensorName:
            return .invalidTensor
        case .offsetPastEnd, .offsetNearMax, .dataRunsPastEnd, .truncatedDataSection, .dataSectionMissing, .headerOnly:
            return .truncated
        case .duplicateKey, .unknownValueType, .valueTypeMax, .unknownArrayElementType, .arraysNestedTooDeep,
            .boolNotZeroOrOne, .alignmentNotPowerOfTwo, .alignmentZero, .alignmentNotInteger, .newlineInKey, .hugeKey:
            return .invalidHeader
        case .unknownGGMLType, .unsupportedGGMLType: return .unsupportedType
        }
    }

    /// The valid file every case starts from: a few pairs of each kind and three tensors, the last one ending the
    /// file (no trailing padding), so every strict prefix of it is a truncated file.
    static func validSmallWriter() -> TinyGGUFWriter {
        var w = TinyGGUFWriter()
        w.add("general.architecture", .string("tiny"))
        w.add("general.name", .string("hostile seed"))
        w.add("tiny.block_count", .u32(2))
        w.add("tiny.flag", .bool(true))
        w.add("tiny.scale", .f32(0.5))
        w.add("tiny.tokens", .array(.string, [.string("a"), .string("bc"), .string("")]))
        w.add("tiny.scores", .array(.float32, [.f32(-1), .f32(2.5)]))
        w.add("tiny.types", .array(.int32, [.i32(1), .i32(-3)]))
        w.addTensor("norm.weight", floats: [1, 2, 3, 4, 5, 6, 7, 8], dimensions: [8])
        var q8 = ByteWriter()
        for block in 0..<2 {
            q8.u16(0x3800)  // d = 0.5
            for j in 0..<32 { q8.u8(UInt8(bitPattern: Int8(j - 16 + block))) }
        }
        w.addTensor("embed.weight", type: .q8_0, dimensions: [32, 2], data: q8.bytes)
        var q4 = ByteWriter()
        q4.u16(0x3C00)  // d = 1
        q4.raw((0..<16).map { UInt8($0) | UInt8(15 - $0) << 4 })
        w.addTensor("proj.weight", type: .q4_0, dimensions: [32, 1], data: q4.bytes)
        return w
    }

    /// The bytes of `validSmallWriter()`.
    static func validSmallFile() -> [UInt8] { validSmallWriter().bytes() }

    /// A seed corpus for fuzzing: the valid file, then every hostile case, by name.
    static var seedCorpus: [(name: String, bytes: [UInt8])] {
        [("valid", validSmallFile())] + allCases.map { ($0.rawValue, $0.bytes) }
    }

    /// The hostile file's bytes.
    var bytes: [UInt8] {
        var w = Self.validSmallWriter()
        let layout = w.layout
        func patched(_ bytes: [UInt8], at offset: Int, u64 value: UInt64) -> [UInt8] {
            var b = bytes
            withUnsafeBytes(of: value.littleEndian) { for (i, x) in $0.enumerated() { b[offset + i] = x } }
            return b
        }
        func nested(_ depth: Int) -> TinyGGUFWriter.Value {
            depth == 0 ? .array(.uint8, [.u8(1)]) : .array(.array, [nested(depth - 1)])
        }
        switch self {
        case .emptyFile: return []
        case .magicPrefixOnly: return Array("GG".utf8)
        case .wrongMagic: w.magic = Array("GGML".utf8)
        case .shortWrongMagic: return Array("PK".utf8)
        case .version1: w.version = 1
        case .version2: w.version = 2
        case .version99: w.version = 99
        case .versionBigEndian: w.version = UInt32(3).byteSwapped
        case .tensorCountMax: w.tensorCountOverride = .max
        case .tensorCountNear2To64: w.tensorCountOverride = .max - 7
        case .tensorCount2To63: w.tensorCountOverride = 1 << 63
        case .keyCountMax: w.keyCountOverride = .max
        case .keyCountNear2To64: w.keyCountOverride = .max - 1
        case .keyLengthPastEnd:
            let b = w.bytes()
            return patched(b, at: layout.pairOffsets[0], u64: UInt64(b.count))
        case .keyLengthMax: return patched(w.bytes(), at: layout.pairOffsets[0], u64: .max)
        case .stringValueLengthPastEnd:
            var v = ByteWriter()
            v.u64(4096)
            v.raw(Array("short".utf8))
            w.pairs[1].value = .raw(typeCode: TinyGGUFWriter.TypeCode.string.rawValue, bytes: v.bytes)
            w.tensors = []
            return Array(w.bytes())
        case .stringValueLengthMax:
            var v = ByteWriter()
            v.u64(.max)
            w.pairs[1].value = .raw(typeCode: TinyGGUFWriter.TypeCode.string.rawValue, bytes: v.bytes)
        case .tensorNameLengthPastEnd:
            return patched(w.bytes(), at: layout.tensorInfoOffsets[1], u64: 1 << 32)
        case .arrayCountPastEnd:
            var v = ByteWriter()
            v.u32(TinyGGUFWriter.TypeCode.uint32.rawValue)
            v.u64(1 << 20)
            v.u32(7)
            w.pairs[7].value = .raw(typeCode: TinyGGUFWriter.TypeCode.array.rawValue, bytes: v.bytes)
        case .arrayCountMax:
            var v = ByteWriter()
            v.u32(TinyGGUFWriter.TypeCode.uint8.rawValue)
            v.u64(.max)
            w.pairs[7].value = .raw(typeCode: TinyGGUFWriter.TypeCode.array.rawValue, bytes: v.bytes)
        case .stringArrayElementPastEnd:
            var v = ByteWriter()
            v.u32(TinyGGUFWriter.TypeCode.string.rawValue)
            v.u64(2)
            v.string("ok")
            v.u64(1 << 40)
            w.pairs[5].value = .raw(typeCode: TinyGGUFWriter.TypeCode.array.rawValue, bytes: v.bytes)
        case .tooManyDimensions: w.tensors[0].dimensions = [8, 1, 1, 1, 1]
        case .dimensionCountMax: w.tensors[0].dimensionCount = .max
        case .zeroDimensionCount: w.tensors[0].dimensions = []
        case .zeroDimension: w.tensors[1].dimensions = [32, 0]
        case .dimension2To63: w.tensors[1].dimensions = [32, 1 << 63]
        case .dimensionMax: w.tensors[0].dimensions = [.max]
        case .elementCountOverflow:
            w.tensors[0].dimensions = [UInt64(Int32.max), UInt64(Int32.max), UInt64(Int32.max), UInt64(Int32.max)]
        case .rowNotWholeBlocks: w.tensors[1].dimensions = [16, 4]
        case .unalignedOffset: w.tensors[1].offset = w.naturalOffsets[1] + 2
        case .offsetPastEnd: w.tensors[2].offset = 1 << 40
        case .offsetNearMax: w.tensors[2].offset = UInt64.max & ~31
        case .dataRunsPastEnd: w.tensors[2].offset = w.naturalOffsets[2] + 32
        case .duplicateTensorName: w.tensors[2].name = w.tensors[0].name
        case .duplicateKey: w.pairs[4].key = w.pairs[2].key
        case .unknownValueType: w.pairs[3].value = .raw(typeCode: 13, bytes: [0, 0, 0, 0])
        case .valueTypeMax: w.pairs[3].value = .raw(typeCode: .max, bytes: [0, 0, 0, 0])
        case .unknownArrayElementType:
            var v = ByteWriter()
            v.u32(42)
            v.u64(1)
            v.u32(0)
            w.pairs[7].value = .raw(typeCode: TinyGGUFWriter.TypeCode.array.rawValue, bytes: v.bytes)
        case .arraysNestedTooDeep: w.pairs[7].value = nested(8)
        case .boolNotZeroOrOne: w.pairs[3].value = .raw(typeCode: TinyGGUFWriter.TypeCode.bool.rawValue, bytes: [2])
        case .alignmentNotPowerOfTwo: w.add("general.alignment", .u32(48))
        case .alignmentZero: w.add("general.alignment", .u32(0))
        case .alignmentNotInteger: w.add("general.alignment", .string("32"))
        case .unknownGGMLType: w.tensors[1].typeCode = 99
        case .unsupportedGGMLType: w.tensors[1].typeCode = 10  // Q2_K: valid in ggml, not read here
        case .truncatedDataSection: return Array(w.bytes().dropLast(5))
        case .dataSectionMissing: return Array(w.bytes().prefix(layout.dataOffset))
        case .headerOnly: return Array(w.bytes().prefix(24))
        case .newlineInKey: w.pairs[3] = (key: "evil\nkey\r\u{1B}[2J", value: .raw(typeCode: 77, bytes: []))
        case .hugeKey: w.pairs[3] = (key: String(repeating: "k", count: 100_000), value: .raw(typeCode: 77, bytes: []))
        }
        return w.bytes()
    }
}
