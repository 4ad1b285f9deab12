// The fast output layer: every logit from the int8 head (one int8 product per 16-row panel, blocked over all
// tokens), then the logits within `exactMargin` nats of the row's running maximum recomputed exactly in float —
// those carry nearly all of the normaliser's mass, so the int8 error is left only on the small, many-token tail,
// where it averages out. The target's logit is always exact.
import CKernels
import Foundation
import GGUF

extension Gemma3Model {
    /// Vocabulary rows per tile of the fast output layer (16 panels): a tile's logits for 512 rows stay in L2.
    static let quantizedTile = 256

    /// Default margin (nats below the running maximum) within which logits are recomputed exactly.
    public static let defaultExactMargin: Float = 6

    /// Approximate log-normalisers and exact target logits for `rows` hidden states, from the int8 head.
    /// - Parameters:
    ///   - hidden: `rows × embeddingLength` floats, through the output norm.
    ///   - targets: one token id per row, or -1 for none.
    ///   - head: this model's `Int8OutputHead`.
    ///   - exactMargin: logits above (running maximum - exactMargin) are recomputed in float.
    public func quantizedOutputStatistics(
        hidden: [Float], targets: [Int32], head: Int8OutputHead, exactMargin: Float = defaultExactMargin
    ) -> OutputStatistics {
        PhaseTiming.measure("output layer (fast)") {
            fastOutputStatistics(hidden: hidden, targets: targets, head: head, exactMargin: exactMargin)
        }
    }

    private func fastOutputStatistics(
        hidden: [Float], targets: [Int32], head: Int8OutputHead, exactMargin: Float
    ) -> OutputStatistics {
        let d = configuration.embeddingLength, rows = targets.count
        precondition(hidden.count == rows * d && head.width == d, "hidden size mismatch")
        if rows == 0 { return OutputStatistics(logNormalizer: [], targetLogit: []) }
        let activations = hidden.withUnsafeBufferPointer { QuantizedActivations($0.baseAddress!, rows: rows, width: d) }
        let parts = Parallel.split(head.panelCount, parts: Parallel.workers)
        let partials = UnsafeMutablePointer<Float>.allocate(capacity: parts.count * rows * 2)
        defer { partials.deallocate() }
        hidden.withUnsafeBufferPointer { h in
            Parallel.forEach(parts.count) { p in
                let base = partials + p * rows * 2
                foldQuantized(
                    panels: parts[p], head: head, activations: activations, hidden: h.baseAddress!, margin: exactMargin,
                    runningMax: base, runningSum: base + rows)
            }
        }
        var logNormalizer = [Float](repeating: 0, count: rows)
        var targetLogit = [Float](repeating: 0, count: rows)
        var row = [Float](repeating: 0, count: d)
        for r in 0..<rows {
            logNormalizer[r] = LogSumExpMerge.logNormalizer(partials, parts: parts.count, stride: rows * 2, rows: rows, row: r)
            let t = Int(targets[r])
            if t >= 0 && t < configuration.vocabularySize {
                targetLogit[r] = row.withUnsafeMutableBufferPointer { buffer in
                    hidden.withUnsafeBufferPointer { exactLogit(t, hidden: $0.baseAddress! + r * d, scratch: buffer.baseAddress!) }
                }
            }
        }
        return OutputStatistics(logNormalizer: logNormalizer, targetLogit: targetLogit)
    }

    /// Folds the vocabulary rows of `panels` into per-row running max and Σ exp(logit - max).
    func foldQuantized(
        panels: Range<Int>, head: Int8OutputHead, activations: QuantizedActivations, hidden: UnsafePointer<Float>,
        margin: Float, runningMax: UnsafeMutablePointer<Float>, runningSum: UnsafeMutablePointer<Float>
    ) {
        let d = configuration.embeddingLength, vocabulary = configuration.vocabularySize, rows = activations.rows
        runningMax.update(repeating: -.infinity, count: rows)
        runningSum.update(repeating: 0, count: rows)
        let tile = Self.quantizedTile, panelRows = tile / 16
        let logits = UnsafeMutablePointer<Float>.allocate(capacity: rows * tile)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: d)
        let indices = UnsafeMutablePointer<Int32>.allocate(capacity: tile)
        defer {
            logits.deallocate()
            scratch.deallocate()
            indices.deallocate()
        }
        var p0 = panels.lowerBound
        while p0 < panels.upperBound {
            let p1 = min(panels.upperBound, p0 + panelRows)
            let v0 = p0 * 16, width = min(vocabulary, p1 * 16) - v0
            head.logits(activations, panels: p0..<p1, into: logits, ldo: tile)
            for r in 0..<rows {
                let row = logits + r * tile
                let threshold = max(runningMax[r], ck_max(row, Int32(width))) - margin
                let hits = Int(ck_indices_above(row, Int32(width), threshold, indices))
                for i in 0..<hits {
                    let j = Int(indices[i])
                    row[j] = exactLogit(v0 + j, hidden: hidden + r * d, scratch: scratch)
                }
                ck_fold_exp(row, Int32(width), runningMax + r, runningSum + r)
            }
            p0 = p1
        }
    }

    /// The float logit of vocabulary row `v` for one hidden state (`scratch` holds `embeddingLength` floats).
    @inline(__always)
    func exactLogit(_ v: Int, hidden: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>) -> Float {
        let d = configuration.embeddingLength
        weights.tokenEmbedding.dequantizeRows(v..<v + 1, into: scratch)
        var acc = SIMD8<Float>(repeating: 0)
        let blocks = d / 8
        let a = UnsafeRawPointer(scratch), b = UnsafeRawPointer(hidden)
        for i in 0..<blocks {
            acc += a.loadUnaligned(fromByteOffset: i * 32, as: SIMD8<Float>.self)
                * b.loadUnaligned(fromByteOffset: i * 32, as: SIMD8<Float>.self)
        }
        var dot = acc.sum()
        for i in (blocks * 8)..<d { dot += scratch[i] * hidden[i] }
        return dot
    }
}
