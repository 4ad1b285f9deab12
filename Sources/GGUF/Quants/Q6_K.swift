// Q6_K, laid out as ggml-common.h's block_q6_K; checked against ggml-quants.c dequantize_row_q6_K.

/// `block_q6_K`: 256 weights in 16 sub-blocks of 16; x = d * scale_j * (q - 32), 6-bit q.
/// Bytes: ql[128] (low four bits), qh[64] (high two bits), scales[16] (i8), d (f16); 210 bytes,
/// 6.5625 bits per weight. Each half of 128 weights uses 64 bytes of ql, 32 of qh and 8 scales.
public enum BlockQ6_K {
    /// Size of one block in bytes.
    public static let bytes = 210
}

/// Dequantizes `count` Q6_K weights.
///
/// Walks each half in two runs of 16 weights that share their four scales, so the scale products `d * scale`
/// are hoisted and the 16-wide inner loop vectorizes. Products are formed as `(d * scale) * q`, as ggml does.
@inlinable
public func dequantizeRowQ6_K(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ count: Int) {
    for b in 0..<(count / 256) {
        let block = src + b * BlockQ6_K.bytes
        let d = floatFromHalfBits(block.loadUnaligned(fromByteOffset: 208, as: UInt16.self))
        for half in 0..<2 {
            let ql = block + 64 * half
            let qh = block + 128 + 32 * half
            let sc = block + 192 + 8 * half
            let y = dst + b * 256 + 128 * half
            for s in 0..<2 {
                let s1 = d * Float(sc.load(fromByteOffset: s, as: Int8.self))
                let s2 = d * Float(sc.load(fromByteOffset: s + 2, as: Int8.self))
                let s3 = d * Float(sc.load(fromByteOffset: s + 4, as: Int8.self))
                let s4 = d * Float(sc.load(fromByteOffset: s + 6, as: Int8.self))
                for i in 0..<16 {
                    let l = 16 * s + i
                    let low0 = Int32(ql.load(fromByteOffset: l, as: UInt8.self))
                    let low1 = Int32(ql.load(fromByteOffset: l + 32, as: UInt8.self))
                    let high = Int32(qh.load(fromByteOffset: l, as: UInt8.self))
                    y[l] = s1 * Float(((low0 & 15) | (high & 3) << 4) - 32)
                    y[l + 32] = s2 * Float(((low1 & 15) | (high >> 2 & 3) << 4) - 32)
                    y[l + 64] = s3 * Float(((low0 >> 4) | (high >> 4 & 3) << 4) - 32)
                    y[l + 96] = s4 * Float(((low1 >> 4) | (high >> 6 & 3) << 4) - 32)
                }
            }
        }
    }
}
