// exp(x) by range reduction x = n·ln2 + r, |r| ≤ ln2/2, and a degree-7 polynomial for e^r:
// relative error below 2e-7 over the float range (the Cephes expf scheme).

enum FastExp {
    private static let log2e: Float = 1.442_695_04
    private static let ln2High: Float = 0.693_359_375
    private static let ln2Low: Float = -2.121_944_4e-4

    /// e^x for eight lanes; inputs are clamped to [-87, 88].
    ///
    /// n = round(x·log2 e) comes from the float-add rounding trick (adding 1.5·2²³ leaves n in the low mantissa
    /// bits), which avoids per-lane conversions; 2ⁿ is then built directly in the exponent field.
    @inline(__always)
    static func simd(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let magic = SIMD8<Float>(repeating: 12_582_912)
        // Clamp with lane selects: pointwiseMin/Max are generic and were not inlined (seen in perf profiles).
        let low = SIMD8<Float>(repeating: -87), high = SIMD8<Float>(repeating: 88)
        let xc = x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
        let t = xc * log2e + magic
        let n = t - magic
        let r = xc - n * ln2High - n * ln2Low
        var p = SIMD8<Float>(repeating: 1.987_569_1e-4)
        p = p * r + 1.398_199_9e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_6e-2
        p = p * r + 1.666_666_5e-1
        p = p * r + 5.000_000_1e-1
        p = p * r * r + r + 1
        let bits = unsafeBitCast(t, to: SIMD8<UInt32>.self) &- unsafeBitCast(magic, to: SIMD8<UInt32>.self)
        let scale = (bits &+ 127) &<< 23
        return p * unsafeBitCast(scale, to: SIMD8<Float>.self)
    }

    /// e^x for one value.
    @inline(__always)
    static func scalar(_ x: Float) -> Float {
        simd(SIMD8(repeating: x))[0]
    }

    /// Returns (max, Σ exp(x - max)) over `count` floats.
    @inline(__always)
    static func maxAndSumExp(_ x: UnsafePointer<Float>, count: Int) -> (max: Float, sum: Float) {
        var m8 = SIMD8<Float>(repeating: -.infinity)
        let blocks = count / 8
        let raw = UnsafeRawPointer(x)
        for b in 0..<blocks {
            let v = raw.loadUnaligned(fromByteOffset: b * 32, as: SIMD8<Float>.self)
            m8 = m8.replacing(with: v, where: v .> m8)
        }
        var m = m8.max()
        for i in (blocks * 8)..<count { m = Swift.max(m, x[i]) }
        if m == -.infinity { return (m, 0) }
        let mv = SIMD8<Float>(repeating: m)
        var s8 = SIMD8<Float>(repeating: 0)
        for b in 0..<blocks {
            s8 += simd(raw.loadUnaligned(fromByteOffset: b * 32, as: SIMD8<Float>.self) - mv)
        }
        var s = s8.sum()
        for i in (blocks * 8)..<count { s += scalar(x[i] - m) }
        return (m, s)
    }

    /// Replaces `count` floats by their softmax, in place.
    @inline(__always)
    static func softmaxInPlace(_ x: UnsafeMutablePointer<Float>, count: Int) {
        var maximum = -Float.infinity
        for i in 0..<count { maximum = Swift.max(maximum, x[i]) }
        let mv = SIMD8<Float>(repeating: maximum)
        let raw = UnsafeMutableRawPointer(x)
        let blocks = count / 8
        var s8 = SIMD8<Float>(repeating: 0)
        for b in 0..<blocks {
            let e = simd(raw.loadUnaligned(fromByteOffset: b * 32, as: SIMD8<Float>.self) - mv)
            raw.storeBytes(of: e, toByteOffset: b * 32, as: SIMD8<Float>.self)
            s8 += e
        }
        var sum = s8.sum()
        for i in (blocks * 8)..<count {
            x[i] = scalar(x[i] - maximum)
            sum += x[i]
        }
        let inverse = 1 / sum
        for i in 0..<count { x[i] *= inverse }
    }
}
