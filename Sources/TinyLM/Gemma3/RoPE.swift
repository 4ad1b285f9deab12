// Rotary position embedding, NEOX layout (pairs i and i + d/2), as llama.cpp applies it to Gemma 3.
import Foundation

/// Cos/sin tables for a run of positions at one RoPE base.
struct RotaryTable {
    let cos: [Float]
    let sin: [Float]
    let half: Int

    /// Tables for positions `start ..< start + count`, head width `2 * half`, base `base`.
    init(start: Int, count: Int, half: Int, base: Float) {
        self.half = half
        var c = [Float](repeating: 0, count: count * half)
        var s = [Float](repeating: 0, count: count * half)
        for i in 0..<half {
            let inverseFrequency = pow(Double(base), -2.0 * Double(i) / Double(2 * half))
            for p in 0..<count {
                let angle = Double(start + p) * inverseFrequency
                c[p * half + i] = Float(Foundation.cos(angle))
                s[p * half + i] = Float(Foundation.sin(angle))
            }
        }
        cos = c
        sin = s
    }

    /// Rotates `heads` head vectors of row `position` (an index into this table) in place.
    @inline(__always)
    func apply(_ row: UnsafeMutablePointer<Float>, heads: Int, position p: Int) {
        let base = p * half
        for h in 0..<heads {
            let x = row + h * 2 * half
            for i in 0..<half {
                let a = x[i], b = x[i + half]
                let c = cos[base + i], s = sin[base + i]
                x[i] = a * c - b * s
                x[i + half] = a * s + b * c
            }
        }
    }
}
