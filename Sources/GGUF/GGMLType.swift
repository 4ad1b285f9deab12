// ggml tensor element types and their block traits, as laid down in ggml's ggml-common.h / ggml.c type table.

/// A ggml tensor element type: how many weights one block holds and how many bytes it takes.
public enum GGMLType: UInt32, Sendable, CaseIterable, CustomStringConvertible {
    case f32 = 0
    case f16 = 1
    case q4_0 = 2
    case q4_1 = 3
    case q5_0 = 6
    case q8_0 = 8
    case q4_K = 12
    case q5_K = 13
    case q6_K = 14
    case q8_K = 15
    case bf16 = 30

    /// Weights per block.
    public var blockSize: Int {
        switch self {
        case .f32, .f16, .bf16: return 1
        case .q4_0, .q4_1, .q5_0, .q8_0: return 32
        case .q4_K, .q5_K, .q6_K, .q8_K: return 256
        }
    }

    /// Bytes per block.
    public var blockBytes: Int {
        switch self {
        case .f32: return 4
        case .f16, .bf16: return 2
        case .q4_0: return BlockQ4_0.bytes
        case .q4_1: return BlockQ4_1.bytes
        case .q5_0: return BlockQ5_0.bytes
        case .q8_0: return BlockQ8_0.bytes
        case .q4_K: return BlockQ4_K.bytes
        case .q5_K: return BlockQ5_K.bytes
        case .q6_K: return BlockQ6_K.bytes
        case .q8_K: return BlockQ8_K.bytes
        }
    }

    /// The ggml name of the type, as llama.cpp prints it.
    public var description: String {
        switch self {
        case .f32: return "F32"
        case .f16: return "F16"
        case .bf16: return "BF16"
        case .q4_0: return "Q4_0"
        case .q4_1: return "Q4_1"
        case .q5_0: return "Q5_0"
        case .q8_0: return "Q8_0"
        case .q4_K: return "Q4_K"
        case .q5_K: return "Q5_K"
        case .q6_K: return "Q6_K"
        case .q8_K: return "Q8_K"
        }
    }

    /// Bytes taken by `count` weights, or nil when `count` is not a whole number of blocks or overflows.
    public func byteCount(forElements count: Int) -> Int? {
        guard count >= 0, count % blockSize == 0 else { return nil }
        let (bytes, overflow) = (count / blockSize).multipliedReportingOverflow(by: blockBytes)
        return overflow ? nil : bytes
    }

    /// Dequantizes `count` consecutive weights (a whole number of blocks) from `source` into `destination`.
    ///
    /// - Parameters:
    ///   - source: the first block; it must hold `byteCount(forElements: count)` readable bytes.
    ///   - destination: room for `count` floats.
    ///   - count: a multiple of `blockSize`.
    @inlinable
    public func dequantize(_ source: UnsafeRawPointer, into destination: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .f32:
            // A file may declare an alignment below 4, so the source is not assumed to be Float-aligned.
            UnsafeMutableRawPointer(destination).copyMemory(from: source, byteCount: count * MemoryLayout<Float>.size)
        case .f16: dequantizeRowF16(source, destination, count)
        case .bf16: dequantizeRowBF16(source, destination, count)
        case .q4_0: dequantizeRowQ4_0(source, destination, count)
        case .q4_1: dequantizeRowQ4_1(source, destination, count)
        case .q5_0: dequantizeRowQ5_0(source, destination, count)
        case .q8_0: dequantizeRowQ8_0(source, destination, count)
        case .q4_K: dequantizeRowQ4_K(source, destination, count)
        case .q5_K: dequantizeRowQ5_K(source, destination, count)
        case .q6_K: dequantizeRowQ6_K(source, destination, count)
        case .q8_K: dequantizeRowQ8_K(source, destination, count)
        }
    }
}
