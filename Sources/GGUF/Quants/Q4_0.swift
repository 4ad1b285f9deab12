// Q4_0 and Q4_1, laid out as ggml-common.h's block_q4_0 / block_q4_1; checked against ggml-quants.c.

/// `block_q4_0`: x = d * (q - 8), 4-bit q. Bytes: d (f16), qs[16]; 32 weights, 4.5 bits per weight.
/// Element j < 16 is the low nibble of qs[j], element j + 16 its high nibble.
public enum BlockQ4_0 {
    /// Size of one block in bytes.
    public static let bytes = 18
}

/// `block_q4_1`: x = d * q + m, 4-bit q. Bytes: d (f16), m (f16), qs[16]; 32 weights, 5 bits per weight.
public enum BlockQ4_1 {
    /// Size of one block in bytes.
    public static let bytes = 20
}

/// Dequantizes `count` Q4_0 weights.
@inlinable
public func dequantizeRowQ4_0(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ count: Int) {
    for b in 0..<(count / 32) {
        let block = src + b * BlockQ4_0.bytes
        let d = floatFromHalfBits(block.loadUnaligned(as: UInt16.self))
        let qs = block + 2
        let y = dst + b * 32
        for j in 0..<16 {
            let q = qs.load(fromByteOffset: j, as: UInt8.self)
            y[j] = Float(Int(q & 0x0F) - 8) * d
            y[j + 16] = Float(Int(q >> 4) - 8) * d
        }
    }
}

/// Dequantizes `count` Q4_1 weights.
@inlinable
public func dequantizeRowQ4_1(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ count: Int) {
    for b in 0..<(count / 32) {
        let block = src + b * BlockQ4_1.bytes
        let d = floatFromHalfBits(block.loadUnaligned(as: UInt16.self))
        let m = floatFromHalfBits(block.loadUnaligned(fromByteOffset: 2, as: UInt16.self))
        let qs = block + 4
        let y = dst + b * 32
        for j in 0..<16 {
            let q = qs.load(fromByteOffset: j, as: UInt8.self)
            y[j] = Float(q & 0x0F) * d + m
            y[j + 16] = Float(q >> 4) * d + m
        }
    }
}
