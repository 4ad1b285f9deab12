// Q6_K, laid out as ggml-common.h's block_q6_K; checked against ggml-quants.c dequantize_row_q6_K.

/// `block_q6_K`: 256 weights in 16 sub-blocks of 16; x = d * scale_j * (q - 32), 6-bit q.
/// Bytes: ql[128] (low four bits), qh[64] (high two bits), scales[16] (i8), d (f16); 210 bytes,
/// 6.5625 bits per weight. Each half of 128 weights uses 64 bytes of ql, 32 of qh and 8 scales.
public enum BlockQ6_K {
    /// Size of one block in bytes.
    public static let bytes = 210
}

/// Dequantizes `count` Q6_K weights.
@inlinable
public func dequantizeRowQ6_K(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ count: Int) {
    for b in 0..<(count / 256) {
        let block = src + b * BlockQ6_K.bytes
        let d = floatFromHalfBits(block.loadUnaligned(fromByteOffset: 208, as: UInt16.self))
        for half in 0..<2 {
            let ql = block + 64 * half
            let qh = block + 128 + 32 * half
            let sc = (block + 192 + 8 * half).assumingMemoryBound(to: Int8.self)
            let y = dst + b * 256 + 128 * half
            for l in 0..<32 {
                let s = l / 16
                let low0 = ql.load(fromByteOffset: l, as: UInt8.self)
                let low1 = ql.load(fromByteOffset: l + 32, as: UInt8.self)
                let high = qh.load(fromByteOffset: l, as: UInt8.self)
                let q1 = Int((low0 & 0x0F) | ((high & 3) << 4)) - 32
                let q2 = Int((low1 & 0x0F) | (((high >> 2) & 3) << 4)) - 32
                let q3 = Int((low0 >> 4) | (((high >> 4) & 3) << 4)) - 32
                let q4 = Int((low1 >> 4) | (((high >> 6) & 3) << 4)) - 32
                y[l] = d * Float(sc[s]) * Float(q1)
                y[l + 32] = d * Float(sc[s + 2]) * Float(q2)
                y[l + 64] = d * Float(sc[s + 4]) * Float(q3)
                y[l + 96] = d * Float(sc[s + 6]) * Float(q4)
            }
        }
    }
}
