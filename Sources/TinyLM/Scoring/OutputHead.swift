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
    static let vocabularyTile = 4096

    /// Computes exact log-normalisers and target logits for `rows` hidden states (each `embeddingLength` wide,
    /// already through the output norm).
    /// - Parameters:
    ///   - hidden: `rows × embeddingLength` floats.
    ///   - targets: one token id per row, or -1 for none.
    public func outputStatistics(hidden: [Float], targets: [Int32]) -> OutputStatistics {
        let d = configuration.embeddingLength, vocabulary = configuration.vocabularySize
        let rows = targets.count
        precondition(hidden.count == rows * d, "hidden size mismatch")
        var runningMax = [Float](repeating: -.infinity, count: rows)
        var runningSum = [Float](repeating: 0, count: rows)
        var targetLogit = [Float](repeating: 0, count: rows)
        if rows == 0 { return OutputStatistics(logNormalizer: [], targetLogit: []) }
        let tile = Self.vocabularyTile
        let weights = UnsafeMutablePointer<Float>.allocate(capacity: tile * d)
        let logits = UnsafeMutablePointer<Float>.allocate(capacity: rows * tile)
        defer {
            weights.deallocate()
            logits.deallocate()
        }
        let embedding = self.weights.tokenEmbedding
        hidden.withUnsafeBufferPointer { h in
            var v0 = 0
            while v0 < vocabulary {
                let width = min(tile, vocabulary - v0)
                embedding.dequantizeRows(v0..<v0 + width, into: weights)
                Matrix.multiplyTransposed(h.baseAddress!, lda: d, weights, ldb: d, into: logits, ldc: width, m: rows, n: width, k: d)
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
        let logNormalizer = (0..<rows).map { runningMax[$0] + log(runningSum[$0]) }
        return OutputStatistics(logNormalizer: logNormalizer, targetLogit: targetLogit)
    }

}
