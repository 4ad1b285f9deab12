// The tied output layer reduced to what scoring needs: for each row, the log-normaliser log Σ exp(logits) and
// the logit of one target token. The vocabulary is walked in tiles (dequantize a tile of the embedding, one
// sgemm, fold each row's tile into a running max and sum), so tokens × vocabulary logits never exist at once.
import Foundation
import GGUF

/// Per-row results of the output layer.
public struct OutputStatistics: Sendable {
    /// log Σ_v exp(logit_v) per row.
    public var logNormalizer: [Float]
    /// The target token's logit per row (0 where no target was given).
    public var targetLogit: [Float]

    /// log p(target) per row.
    public var logProbabilities: [Float] { zip(targetLogit, logNormalizer).map { $0 - $1 } }
}

extension Gemma3Model {
    /// Rows of the vocabulary per tile.
    static let vocabularyTile = 2048

    /// Computes exact log-normalisers and target logits for `rows` hidden states (each `embeddingLength` wide,
    /// already through the output norm).
    /// - Parameters:
    ///   - hidden: `rows × embeddingLength` floats.
    ///   - targets: one token id per row, or -1 for none.
    public func outputStatistics(hidden: [Float], targets: [Int32]) -> OutputStatistics {
        PhaseTiming.measure("output layer (exact)") { exactOutputStatistics(hidden: hidden, targets: targets) }
    }

    private func exactOutputStatistics(hidden: [Float], targets: [Int32]) -> OutputStatistics {
        let d = configuration.embeddingLength, vocabulary = configuration.vocabularySize
        let rows = targets.count
        precondition(hidden.count == rows * d, "hidden size mismatch")
        if rows == 0 { return OutputStatistics(logNormalizer: [], targetLogit: []) }
        // The vocabulary is split into one contiguous range per worker; each folds its range into its own running
        // (max, sum) per row, and the partial results are merged at the end.
        let parts = Parallel.split(vocabulary, parts: Parallel.workers, multiple: 64)
        let partials = UnsafeMutablePointer<Float>.allocate(capacity: parts.count * rows * 3)
        defer { partials.deallocate() }
        hidden.withUnsafeBufferPointer { h in
            targets.withUnsafeBufferPointer { t in
                Parallel.forEach(parts.count) { p in
                    let base = partials + p * rows * 3
                    foldVocabulary(
                        parts[p], hidden: h.baseAddress!, rows: rows, targets: t.baseAddress!,
                        runningMax: base, runningSum: base + rows, targetLogit: base + 2 * rows)
                }
            }
        }
        var logNormalizer = [Float](repeating: 0, count: rows)
        var targetLogit = [Float](repeating: 0, count: rows)
        for r in 0..<rows {
            logNormalizer[r] = LogSumExpMerge.logNormalizer(partials, parts: parts.count, stride: rows * 3, rows: rows, row: r)
            for p in parts.indices where parts[p].contains(Int(targets[r])) {
                targetLogit[r] = partials[p * rows * 3 + 2 * rows + r]
            }
        }
        return OutputStatistics(logNormalizer: logNormalizer, targetLogit: targetLogit)
    }

    /// Folds vocabulary rows `range` into per-row running max and Σ exp(logit - max), and records the target's
    /// logit where it falls in `range`. Single-threaded (OpenBLAS runs single-threaded inside a worker).
    func foldVocabulary(
        _ range: Range<Int>, hidden: UnsafePointer<Float>, rows: Int, targets: UnsafePointer<Int32>,
        runningMax: UnsafeMutablePointer<Float>, runningSum: UnsafeMutablePointer<Float>,
        targetLogit: UnsafeMutablePointer<Float>
    ) {
        let d = configuration.embeddingLength
        runningMax.update(repeating: -.infinity, count: rows)
        runningSum.update(repeating: 0, count: rows)
        targetLogit.update(repeating: 0, count: rows)
        let tile = Self.vocabularyTile
        let weights = UnsafeMutablePointer<Float>.allocate(capacity: tile * d)
        let logits = UnsafeMutablePointer<Float>.allocate(capacity: rows * tile)
        defer {
            weights.deallocate()
            logits.deallocate()
        }
        let embedding = self.weights.tokenEmbedding
        var v0 = range.lowerBound
        while v0 < range.upperBound {
            let width = min(tile, range.upperBound - v0)
            embedding.dequantizeRows(v0..<v0 + width, into: weights)
            Matrix.multiplyTransposed(hidden, lda: d, weights, ldb: d, into: logits, ldc: width, m: rows, n: width, k: d)
            for r in 0..<rows {
                let row = logits + r * width
                let (m, s) = FastExp.maxAndSumExp(row, count: width)
                let newMax = max(runningMax[r], m)
                runningSum[r] = runningSum[r] * FastExp.scalar(runningMax[r] - newMax) + s * FastExp.scalar(m - newMax)
                runningMax[r] = newMax
                let t = Int(targets[r])
                if t >= v0 && t < v0 + width { targetLogit[r] = row[t - v0] }
            }
            v0 += width
        }
    }
}
