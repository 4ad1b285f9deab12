// Element-wise kernels of the forward pass, written over SIMD8 so release builds vectorize them. Large calls are
// split over the workers (rows, or runs of whole SIMD8 blocks), so every value is computed as in one call.

enum VectorMath {
    /// Values below which a call runs on the calling thread alone (splitting costs more than it saves).
    static let parallelThreshold = 1 << 16

    /// In-place RMS normalization of `rows` rows of `width`: x ← x / sqrt(mean(x²) + eps) · weight.
    /// The weight already includes Gemma's +1 (baked into the GGUF by the converter).
    static func rmsNorm(
        _ x: UnsafeMutablePointer<Float>, rows: Int, width: Int, weight: UnsafePointer<Float>, epsilon: Float
    ) {
        guard rows * width < parallelThreshold else {
            let parts = Parallel.split(rows, parts: Parallel.workers)
            Parallel.forEach(parts.count) { p in
                rmsNormRows(x + parts[p].lowerBound * width, rows: parts[p].count, width: width, weight: weight, epsilon: epsilon)
            }
            return
        }
        rmsNormRows(x, rows: rows, width: width, weight: weight, epsilon: epsilon)
    }

    private static func rmsNormRows(
        _ x: UnsafeMutablePointer<Float>, rows: Int, width: Int, weight: UnsafePointer<Float>, epsilon: Float
    ) {
        for r in 0..<rows {
            let row = x + r * width
            var sum: Float = 0
            for i in 0..<width { sum += row[i] * row[i] }
            let scale = 1 / (sum / Float(width) + epsilon).squareRoot()
            for i in 0..<width { row[i] = row[i] * scale * weight[i] }
        }
    }

    /// out = gelu_tanh(gate) · up, element-wise over `count` values; written into `gate`.
    /// tanh(u) = 1 - 2 / (e^{2u} + 1), with e^{2u} from `FastExp`.
    static func geluGate(_ gate: UnsafeMutablePointer<Float>, up: UnsafePointer<Float>, count: Int) {
        guard count < parallelThreshold else {
            // Cuts at multiples of 8: the same SIMD8 blocks and the same scalar tail as one call.
            let parts = Parallel.split(count, parts: Parallel.workers, multiple: 8)
            Parallel.forEach(parts.count) { p in
                geluGateRun(gate + parts[p].lowerBound, up: up + parts[p].lowerBound, count: parts[p].count)
            }
            return
        }
        geluGateRun(gate, up: up, count: count)
    }

    private static func geluGateRun(_ gate: UnsafeMutablePointer<Float>, up: UnsafePointer<Float>, count: Int) {
        let c: Float = 0.797_884_56  // sqrt(2/pi)
        let blocks = count / 8
        let g = UnsafeMutableRawPointer(gate), u = UnsafeRawPointer(up)
        for b in 0..<blocks {
            let x = g.loadUnaligned(fromByteOffset: b * 32, as: SIMD8<Float>.self)
            let inner = c * (x + 0.044715 * x * x * x)
            let e = FastExp.simd(2 * inner)
            let tanh = 1 - 2 / (e + 1)
            let y = 0.5 * x * (1 + tanh) * u.loadUnaligned(fromByteOffset: b * 32, as: SIMD8<Float>.self)
            g.storeBytes(of: y, toByteOffset: b * 32, as: SIMD8<Float>.self)
        }
        for i in (blocks * 8)..<count {
            let x = gate[i]
            let inner = c * (x + 0.044715 * x * x * x)
            gate[i] = 0.5 * x * (1 + tanhApprox(inner)) * up[i]
        }
    }

    /// tanh through exp, accurate to float rounding.
    @inline(__always)
    static func tanhApprox(_ x: Float) -> Float {
        if x > 9 { return 1 }
        if x < -9 { return -1 }
        let e = FastExp.scalar(2 * x)
        return (e - 1) / (e + 1)
    }

    /// y += x over `count` values.
    static func add(_ x: UnsafePointer<Float>, to y: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { y[i] += x[i] }
    }
}
