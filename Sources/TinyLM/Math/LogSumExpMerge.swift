import Foundation

/// Merging the per-part results of a log-sum-exp computed in parts (the vocabulary split between workers): each
/// part leaves, per row, its running maximum and its running sum of exp(logit − that maximum).
enum LogSumExpMerge {
    /// log Σ exp(logit) over all parts for row `r`: the parts' sums rescaled to their common maximum.
    /// - Parameters:
    ///   - partials: part `p`'s block starts at `partials + p * stride`; in it, row `r`'s maximum is at `r` and
    ///     its sum at `rows + r`.
    @inline(__always)
    static func logNormalizer(
        _ partials: UnsafePointer<Float>, parts: Int, stride: Int, rows: Int, row r: Int
    ) -> Float {
        var m = -Float.infinity
        for p in 0..<parts { m = max(m, partials[p * stride + r]) }
        var sum: Float = 0
        for p in 0..<parts {
            let base = partials + p * stride
            sum += base[rows + r] * FastExp.scalar(base[r] - m)
        }
        return m + log(sum)
    }
}
