// Q5_0, laid out as ggml-common.h's block_q5_0; checked against ggml-quants.c dequantize_row_q5_0.

/// `block_q5_0`: x = d * (q - 16), 5-bit q. Bytes: d (f16), qh (u32, the fifth bits), qs[16] (low nibbles);
/// 32 weights, 5.5 bits per weight. Element j < 16 takes qs[j]'s low nibble and qh bit j; element j + 16
/// takes the high nibble and qh bit j + 16.
public enum BlockQ5_0 {
    /// Size of one block in bytes.
    public static let bytes = 22
}

/// Dequantizes `count` Q5_0 weights.
///
/// The fifth bits are tested with a per-lane mask (`qh & 1 &<< j`) rather than a per-lane shift, which the
/// compiler turns into vector compares on plain SSE2 (the masking shift `&<<` matters: a checked `<<` keeps the loop
/// scalar).
@inlinable
public func dequantizeRowQ5_0(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ count: Int) {
    for b in 0..<(count / 32) {
        let block = src + b * BlockQ5_0.bytes
        let d = floatFromHalfBits(block.loadUnaligned(as: UInt16.self))
        let qh = block.loadUnaligned(fromByteOffset: 2, as: UInt32.self)
        let qs = block + 6
        let y = dst + b * 32
        for j in 0..<16 {
            let q = qs.load(fromByteOffset: j, as: UInt8.self)
            let bit: UInt32 = 1 &<< UInt32(j)
            let high0: Int32 = qh & bit != 0 ? 16 : 0
            let high1: Int32 = qh & (bit &<< 16) != 0 ? 16 : 0
            y[j] = Float((Int32(q & 0x0F) | high0) - 16) * d
            y[j + 16] = Float((Int32(q >> 4) | high1) - 16) * d
        }
    }
}
