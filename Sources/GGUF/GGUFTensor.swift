/// One tensor of a GGUF file: its name, shape, element type and where its bytes are in the mapping.
///
/// Shapes follow ggml: `dimensions[0]` is the contiguous (row) length, so a 2-D weight `[in, out]` has `out`
/// rows of `in` weights each.
public struct GGUFTensor: Sendable {
    /// The tensor's name, e.g. `blk.0.attn_q.weight`.
    public let name: String
    /// ggml dimensions, innermost first.
    public let dimensions: [Int]
    /// The element type.
    public let type: GGMLType
    /// Byte offset of the first block from the start of the file.
    public let fileOffset: Int
    /// Total bytes of the tensor's data.
    public let byteCount: Int
    let file: MappedFile

    /// The number of weights.
    public var elementCount: Int { dimensions.reduce(1, *) }
    /// Weights per row (`dimensions[0]`).
    public var rowLength: Int { dimensions.first ?? 1 }
    /// The number of rows (the product of all other dimensions).
    public var rowCount: Int { dimensions.dropFirst().reduce(1, *) }
    /// Bytes per row.
    public var rowBytes: Int { rowLength / type.blockSize * type.blockBytes }

    /// The tensor's raw bytes. Valid while any reference to the file is alive.
    public var rawPointer: UnsafeRawPointer { file.base! + fileOffset }

    /// Dequantizes rows `rows` into `destination`, which must have room for `rows.count * rowLength` floats.
    public func dequantizeRows(_ rows: Range<Int>, into destination: UnsafeMutablePointer<Float>) {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= rowCount, "row range out of bounds")
        type.dequantize(rawPointer + rows.lowerBound * rowBytes, into: destination, count: rows.count * rowLength)
    }

    /// The whole tensor as floats.
    public func dequantized() -> [Float] {
        [Float](unsafeUninitializedCapacity: elementCount) { buffer, initialized in
            dequantizeRows(0..<rowCount, into: buffer.baseAddress!)
            initialized = elementCount
        }
    }
}
