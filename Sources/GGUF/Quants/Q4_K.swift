// Q4_K and Q5_K, laid out as ggml-common.h's block_q4_K / block_q5_K; checked against ggml-quants.c.

/// `block_q4_K`: a super-block of 256 weights in 8 sub-blocks of 32; x = d * scale_j * q - dmin * min_j.
/// Bytes: d (f16), dmin (f16), scales[12] (6-bit scale and min per sub-block), qs[128] (4-bit q);
/// 144 bytes, 4.5 bits per weight. Each 32 bytes of qs hold two sub-blocks: low nibbles, then high nibbles.
public enum BlockQ4_K {
    /// Size of one block in bytes.
    public static let bytes = 144
}

/// `block_q5_K`: as Q4_K with a fifth bit per weight in qh[32]. Bytes: d, dmin (f16), scales[12], qh[32],
/// qs[128]; 176 bytes, 5.5 bits per weight.
public enum BlockQ5_K {
    /// Size of one block in bytes.
    public static let bytes = 176
}

/// Dequantizes `count` Q4_K weights.
@inlinable
public func dequantizeRowQ4_K(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ count: Int) {
    for b in 0..<(count / 256) {
        let block = src + b * BlockQ4_K.bytes
        let d = floatFromHalfBits(block.loadUnaligned(as: UInt16.self))
        let dmin = floatFromHalfBits(block.loadUnaligned(fromByteOffset: 2, as: UInt16.self))
        let scales = block + 4
        var qs = block + 16
        var y = dst + b * 256
        for pair in 0..<4 {
            let (sc1, m1) = kQuantScaleMin(2 * pair, scales)
            let (sc2, m2) = kQuantScaleMin(2 * pair + 1, scales)
            let d1 = d * Float(sc1), min1 = dmin * Float(m1)
            let d2 = d * Float(sc2), min2 = dmin * Float(m2)
            for l in 0..<32 {
                let q = qs.load(fromByteOffset: l, as: UInt8.self)
                y[l] = d1 * Float(q & 0x0F) - min1
                y[l + 32] = d2 * Float(q >> 4) - min2
            }
            qs += 32
            y += 64
        }
    }
}

/// Dequantizes `count` Q5_K weights.
@inlinable
public func dequantizeRowQ5_K(_ src: UnsafeRawPointer, _ dst: UnsafeMutablePointer<Float>, _ count: Int) {
    for b in 0..<(count / 256) {
        let block = src + b * BlockQ5_K.bytes
        let d = floatFromHalfBits(block.loadUnaligned(as: UInt16.self))
        let dmin = floatFromHalfBits(block.loadUnaligned(fromByteOffset: 2, as: UInt16.self))
        let scales = block + 4
        let qh = block + 16
        var ql = block + 48
        var y = dst + b * 256
        var u1: UInt8 = 1, u2: UInt8 = 2
        for pair in 0..<4 {
            let (sc1, m1) = kQuantScaleMin(2 * pair, scales)
            let (sc2, m2) = kQuantScaleMin(2 * pair + 1, scales)
            let d1 = d * Float(sc1), min1 = dmin * Float(m1)
            let d2 = d * Float(sc2), min2 = dmin * Float(m2)
            for l in 0..<32 {
                let q = ql.load(fromByteOffset: l, as: UInt8.self)
                let h = qh.load(fromByteOffset: l, as: UInt8.self)
                y[l] = d1 * Float(Int(q & 0x0F) + (h & u1 != 0 ? 16 : 0)) - min1
                y[l + 32] = d2 * Float(Int(q >> 4) + (h & u2 != 0 ? 16 : 0)) - min2
            }
            ql += 32
            y += 64
            u1 <<= 2
            u2 <<= 2
        }
    }
}
