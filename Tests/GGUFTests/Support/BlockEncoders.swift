import Foundation
import GGUF

// Simple quantizers for every block layout the reader dequantizes, written from the layouts in ggml-common.h
// (block_q4_0 ... block_q8_K). They pick scales from the block's range (no search), which is enough to check
// layouts and round-trip error; they are not meant to match llama.cpp's quantizers bit for bit.

/// Quantizes floats into ggml blocks.
enum BlockEncoder {
    /// The quantized bytes of `values` (a whole number of blocks) in `type`'s layout.
    static func encode(_ values: [Float], as type: GGMLType) -> [UInt8] {
        precondition(values.count % type.blockSize == 0)
        var w = ByteWriter()
        let n = type.blockSize
        for start in stride(from: 0, to: values.count, by: n) {
            let block = Array(values[start..<start + n])
            switch type {
            case .f32: w.f32(block[0])
            case .f16: w.u16(halfBitsFromFloat(block[0]))
            case .bf16: w.u16(bfloat16Bits(block[0]))
            case .q4_0: q4_0(block, &w)
            case .q4_1: q4_1(block, &w)
            case .q5_0: q5_0(block, &w)
            case .q8_0: q8_0(block, &w)
            case .q4_K: kQuant(block, bits: 4, &w)
            case .q5_K: kQuant(block, bits: 5, &w)
            case .q6_K: q6_K(block, &w)
            case .q8_K: q8_K(block, &w)
            }
        }
        precondition(w.bytes.count == type.byteCount(forElements: values.count))
        return w.bytes
    }

    /// bfloat16 bits of `x`, rounded to nearest even.
    static func bfloat16Bits(_ x: Float) -> UInt16 {
        if x.isNaN { return 0x7FC0 }
        let bits = x.bitPattern
        return UInt16((bits &+ 0x7FFF &+ ((bits >> 16) & 1)) >> 16)
    }

    /// Rounds `d` to half precision, as the block stores it, and returns the bits and the value the reader sees.
    static func half(_ d: Float) -> (bits: UInt16, value: Float) {
        let bits = halfBitsFromFloat(d)
        return (bits, floatFromHalfBits(bits))
    }

    static func clamp(_ v: Int, _ lo: Int, _ hi: Int) -> Int { min(hi, max(lo, v)) }

    static func quantized(_ x: Float, _ inverse: Float) -> Int { Int((x * inverse).rounded()) }

    /// The value of largest magnitude, with its sign.
    static func signedMax(_ xs: ArraySlice<Float>) -> Float {
        var best: Float = 0
        for x in xs where abs(x) > abs(best) { best = x }
        return best
    }

    static func q4_0(_ x: [Float], _ w: inout ByteWriter) {
        let (bits, d) = half(signedMax(x[...]) / -8)
        let id: Float = d == 0 ? 0 : 1 / d
        let q = x.map { clamp(quantized($0, id) + 8, 0, 15) }
        w.u16(bits)
        for j in 0..<16 { w.u8(UInt8(q[j] | q[j + 16] << 4)) }
    }

    static func q4_1(_ x: [Float], _ w: inout ByteWriter) {
        let lo = x.min()!, hi = x.max()!
        let (dBits, d) = half((hi - lo) / 15)
        let (mBits, m) = half(lo)
        let id: Float = d == 0 ? 0 : 1 / d
        let q = x.map { clamp(quantized($0 - m, id), 0, 15) }
        w.u16(dBits)
        w.u16(mBits)
        for j in 0..<16 { w.u8(UInt8(q[j] | q[j + 16] << 4)) }
    }

    static func q5_0(_ x: [Float], _ w: inout ByteWriter) {
        let (bits, d) = half(signedMax(x[...]) / -16)
        let id: Float = d == 0 ? 0 : 1 / d
        let q = x.map { clamp(quantized($0, id) + 16, 0, 31) }
        var qh: UInt32 = 0
        for j in 0..<32 where q[j] & 16 != 0 { qh |= 1 << UInt32(j) }
        w.u16(bits)
        w.u32(qh)
        for j in 0..<16 { w.u8(UInt8(q[j] & 15 | (q[j + 16] & 15) << 4)) }
    }

    static func q8_0(_ x: [Float], _ w: inout ByteWriter) {
        let amax = x.map(abs).max()!
        let (bits, d) = half(amax / 127)
        let id: Float = d == 0 ? 0 : 1 / d
        w.u16(bits)
        for v in x { w.u8(UInt8(bitPattern: Int8(clamp(quantized(v, id), -128, 127)))) }
    }

    /// Q4_K (bits 4) and Q5_K (bits 5): eight sub-blocks of 32 with a 6-bit scale and 6-bit min each.
    static func kQuant(_ x: [Float], bits: Int, _ w: inout ByteWriter) {
        let levels = Float((1 << bits) - 1)
        var scales = [Float](repeating: 0, count: 8), mins = [Float](repeating: 0, count: 8)
        for j in 0..<8 {
            let sub = x[32 * j..<32 * j + 32]
            let lo = min(0, sub.min()!), hi = sub.max()!
            scales[j] = (hi - lo) / levels
            mins[j] = -lo
        }
        let (dBits, d) = half(scales.max()! / 63)
        let (mBits, dmin) = half(mins.max()! / 63)
        var ls = [Int](repeating: 0, count: 8), lm = [Int](repeating: 0, count: 8)
        var q = [Int](repeating: 0, count: 256)
        for j in 0..<8 {
            ls[j] = d == 0 ? 0 : clamp(Int((scales[j] / d).rounded(.up)), 0, 63)
            lm[j] = dmin == 0 ? 0 : clamp(Int((mins[j] / dmin).rounded()), 0, 63)
            let scale = d * Float(ls[j]), offset = dmin * Float(lm[j])
            let id: Float = scale == 0 ? 0 : 1 / scale
            for i in 0..<32 { q[32 * j + i] = clamp(quantized(x[32 * j + i] + offset, id), 0, Int(levels)) }
        }
        w.u16(dBits)
        w.u16(mBits)
        w.raw(packScalesAndMins(ls, lm))
        if bits == 5 {
            var qh = [UInt8](repeating: 0, count: 32)
            for chunk in 0..<4 {
                for l in 0..<32 {
                    if q[64 * chunk + l] & 16 != 0 { qh[l] |= 1 << UInt8(2 * chunk) }
                    if q[64 * chunk + 32 + l] & 16 != 0 { qh[l] |= 2 << UInt8(2 * chunk) }
                }
            }
            w.raw(qh)
        }
        for chunk in 0..<4 {
            for l in 0..<32 { w.u8(UInt8(q[64 * chunk + l] & 15 | (q[64 * chunk + 32 + l] & 15) << 4)) }
        }
    }

    /// The 12-byte packing of eight 6-bit scales and mins (the inverse of get_scale_min_k4).
    static func packScalesAndMins(_ ls: [Int], _ lm: [Int]) -> [UInt8] {
        var s = [UInt8](repeating: 0, count: 12)
        for j in 0..<8 {
            let sc = UInt8(ls[j]), m = UInt8(lm[j])
            if j < 4 {
                s[j] |= sc & 63
                s[j + 4] |= m & 63
            } else {
                s[j + 4] = (sc & 15) | (m & 15) << 4
                s[j - 4] |= (sc >> 4) << 6
                s[j] |= (m >> 4) << 6
            }
        }
        return s
    }

    /// Q6_K: sixteen sub-blocks of 16 with a signed 8-bit scale each; x = d * scale * (q - 32).
    static func q6_K(_ x: [Float], _ w: inout ByteWriter) {
        var scales = [Float](repeating: 0, count: 16)
        for j in 0..<16 { scales[j] = signedMax(x[16 * j..<16 * j + 16]) / -32 }
        let (dBits, d) = half(scales.map(abs).max()! / 127)
        var ls = [Int](repeating: 0, count: 16)
        var q = [Int](repeating: 32, count: 256)
        for j in 0..<16 {
            ls[j] = d == 0 ? 0 : clamp(Int((scales[j] / d).rounded()), -128, 127)
            let scale = d * Float(ls[j])
            let id: Float = scale == 0 ? 0 : 1 / scale
            for i in 0..<16 { q[16 * j + i] = clamp(quantized(x[16 * j + i], id), -32, 31) + 32 }
        }
        var ql = [UInt8](repeating: 0, count: 128), qh = [UInt8](repeating: 0, count: 64)
        for half in 0..<2 {
            let y = 128 * half
            for l in 0..<32 {
                let q1 = q[y + l], q2 = q[y + l + 32], q3 = q[y + l + 64], q4 = q[y + l + 96]
                ql[64 * half + l] = UInt8(q1 & 15 | (q3 & 15) << 4)
                ql[64 * half + l + 32] = UInt8(q2 & 15 | (q4 & 15) << 4)
                qh[32 * half + l] = UInt8(q1 >> 4 | (q2 >> 4) << 2 | (q3 >> 4) << 4 | (q4 >> 4) << 6)
            }
        }
        w.raw(ql)
        w.raw(qh)
        for s in ls { w.u8(UInt8(bitPattern: Int8(s))) }
        w.u16(dBits)
    }

    /// Q8_K: a float32 scale, 256 signed bytes and the sums of each 16.
    static func q8_K(_ x: [Float], _ w: inout ByteWriter) {
        let amax = x.map(abs).max()!
        let d = amax / 127
        let id: Float = d == 0 ? 0 : 1 / d
        let q = x.map { clamp(quantized($0, id), -128, 127) }
        w.f32(d)
        for v in q { w.u8(UInt8(bitPattern: Int8(v))) }
        for j in 0..<16 { w.u16(UInt16(bitPattern: Int16(q[16 * j..<16 * j + 16].reduce(0, +)))) }
    }
}

