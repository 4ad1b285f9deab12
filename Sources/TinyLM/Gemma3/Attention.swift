// Causal grouped-query attention over the KV cache, with Gemma 3's sliding window on local layers
// (a query at position p sees keys at p - window < k <= p, as llama.cpp's standard SWA mask).
// Queries go in chunks of `attentionChunk` rows; each chunk multiplies only the keys some row of it can see (from
// the first row's window start to the last row's position), so the causal triangle and the keys behind the
// sliding window are not computed and then zeroed: about half the attention products at 1,000 tokens.

/// Query rows per attention chunk: one score product per (head, chunk), spread over the workers.
let attentionChunk = 64

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
    let qWidth = heads * hd, kvWidth = kvHeads * hd
    let group = heads / kvHeads
    let chunks = (n + attentionChunk - 1) / attentionChunk
    // (head, chunk) pairs are independent: each writes its own rows of its own head's columns, with its own scores.
    Parallel.forEach(heads * chunks) { job in
        let h = job / chunks, first = (job % chunks) * attentionChunk
        let rows = min(attentionChunk, n - first)
        // Visible keys of a query at `position`: [lo(position), position] in cache positions.
        func lo(_ position: Int) -> Int { window.map { max(0, position - $0 + 1) } ?? 0 }
        let spanStart = lo(start + first), spanEnd = start + first + rows  // keys spanStart ..< spanEnd
        let span = spanEnd - spanStart
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: rows * span)
        defer { scores.deallocate() }
        let kvHead = h / group
        let k = keys + spanStart * kvWidth + kvHead * hd
        let v = values + spanStart * kvWidth + kvHead * hd
        Matrix.multiplyTransposed(
            queries + first * qWidth + h * hd, lda: qWidth, k, ldb: kvWidth, into: scores, ldc: span, m: rows, n: span,
            k: hd)
        for i in 0..<rows {
            let row = scores + i * span
            let position = start + first + i
            let begin = lo(position) - spanStart, end = position - spanStart + 1
            for j in 0..<begin { row[j] = 0 }
            for j in end..<span { row[j] = 0 }
            FastExp.softmaxInPlace(row + begin, count: end - begin)
        }
        Matrix.multiply(
            scores, lda: span, v, ldb: kvWidth, into: output + first * qWidth + h * hd, ldc: qWidth, m: rows, n: hd,
            k: span)
    }
}
