// Causal grouped-query attention over the KV cache, with Gemma 3's sliding window on local layers
// (a query at position p sees keys at p - window < k <= p, as llama.cpp's standard SWA mask).

/// Computes attention for `n` new queries at positions `start ..< start + n`.
/// - Parameters:
///   - queries: `n × heads·hd`, already normalized, rotated and scaled.
///   - keys, values: the layer's cache rows `0 ..< start + n`, `kvHeads·hd` wide.
///   - output: `n × heads·hd`.
func attend(
    queries: UnsafePointer<Float>, keys: UnsafePointer<Float>, values: UnsafePointer<Float>,
    output: UnsafeMutablePointer<Float>, n: Int, start: Int, heads: Int, kvHeads: Int, headDim hd: Int,
    window: Int?
) {
    let firstKey = window.map { max(0, start - $0 + 1) } ?? 0
    let keyCount = start + n - firstKey
    let qWidth = heads * hd, kvWidth = kvHeads * hd
    let group = heads / kvHeads
    // Heads are independent: one per worker, each with its own score buffer.
    Parallel.forEach(heads) { h in
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: n * keyCount)
        defer { scores.deallocate() }
        let kvHead = h / group
        let k = keys + firstKey * kvWidth + kvHead * hd
        let v = values + firstKey * kvWidth + kvHead * hd
        Matrix.multiplyTransposed(queries + h * hd, lda: qWidth, k, ldb: kvWidth, into: scores, ldc: keyCount, m: n, n: keyCount, k: hd)
        for i in 0..<n {
            let row = scores + i * keyCount
            let position = start + i
            // Visible keys for this query: [lo, hi] in cache positions.
            let lo = window.map { max(firstKey, position - $0 + 1) } ?? 0
            let hi = position
            let begin = lo - firstKey, end = hi - firstKey + 1
            for j in 0..<begin { row[j] = 0 }
            for j in end..<keyCount { row[j] = 0 }
            FastExp.softmaxInPlace(row + begin, count: end - begin)
        }
        Matrix.multiply(scores, lda: keyCount, v, ldb: kvWidth, into: output + h * hd, ldc: qWidth, m: n, n: hd, k: keyCount)
    }
}
