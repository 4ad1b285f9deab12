// Q8_0 and Q8_K, laid out as ggml-common.h's block_q8_0 / block_q8_K.

/// `block_q8_0`: x = d * q, 8-bit signed q. Bytes: d (f16), qs[32]; 32 weights, 8.5 bits per weight.
public enum BlockQ8_0 {
    /// Size of one block in bytes.
    public static let bytes = 34
}

/// `block_q8_K`: x = d * q. Bytes: d (f32), qs[256] (i8), bsums[16] (i16, sums of 16 q's); 256 weights.
public enum BlockQ8_K {
    /// Size of one block in bytes.
    public static let bytes = 292
}

/// Dequantizes `count` Q8_0 weights.
@inlinable
public func dequantizeRowQ8_0(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ count: Int) {
    for b in 0..<(count / 32) {
        let block = src + b * BlockQ8_0.bytes
        let d = floatFromHalfBits(block.loadUnaligned(as: UInt16.self))
        let qs = (block + 2).assumingMemoryBound(to: Int8.self)
        let y = dst + b * 32
        for j in 0..<32 { y[j] = Float(qs[j]) * d }
    }
}

/// Dequantizes `count` Q8_K weights.
@inlinable
public func dequantizeRowQ8_K(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ count: Int) {
    for b in 0..<(count / 256) {
        let block = src + b * BlockQ8_K.bytes
        let d = block.loadUnaligned(as: Float.self)
        let qs = (block + 4).assumingMemoryBound(to: Int8.self)
        let y = dst + b * 256
        for j in 0..<256 { y[j] = Float(qs[j]) * d }
    }
}
