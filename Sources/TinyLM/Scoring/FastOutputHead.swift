// The fast output layer: per hidden state, score the vocabulary clusters by their estimated share of the
// normaliser (two small sgemms for a whole batch), compute exact logits only for the clusters carrying the mass
// (straight from the Q8_0 rows, no dequantization pass), and add the estimate for the rest. The target's logit is
// always exact, so the only error is the normaliser's tail estimate.
import Foundation
import GGUF

/// How the output layer's log-normaliser is computed.
public enum ScoringMode: String, Sendable, Hashable, CaseIterable {
    /// Every logit of the vocabulary (the reference).
    case exact
    /// Exact logits for the vocabulary clusters that carry the mass, an estimate for the rest.
    case fast
}

/// Knobs of the fast log-normaliser.
public struct FastHeadParameters: Sendable, Hashable {
    /// Stop adding exact clusters once the estimated remaining mass is at most this fraction of the total.
    public var tailFraction: Float
    /// Clusters always computed exactly.
    public var minimumClusters: Int
    /// Clusters computed exactly at most.
    public var maximumClusters: Int
    /// Weight λ of the variance term in a cluster's estimate n·exp(μ·h + λ·½Σσ²h²): 1 is the Gaussian moment
    /// generating function (overestimates heavy clusters), 0 the centroid alone (underestimates).
    public var spreadWeight: Float
    /// The same weight for the estimate of the clusters not walked (added to the normaliser).
    public var tailSpreadWeight: Float

    /// - Parameters: see the properties.
    public init(
        tailFraction: Float = 0.01, minimumClusters: Int = 4, maximumClusters: Int = 128, spreadWeight: Float = 1,
        tailSpreadWeight: Float = 0.5
    ) {
        self.tailSpreadWeight = tailSpreadWeight
        self.tailFraction = tailFraction
        self.spreadWeight = spreadWeight
        self.minimumClusters = minimumClusters
        self.maximumClusters = maximumClusters
    }

    /// The default, chosen on the first 1,200 bytes of bench_1k.txt (error there: 67% of tokens within 0.05 nats,
    /// mean 0.08, max 2.7): far from the 99% target; see `FastScoringTests` for the bound held out.
    public static let standard = FastHeadParameters()
}

extension Gemma3Model {
    /// Approximate log-normalisers and exact target logits for `rows` hidden states.
    ///
    /// 1. Two sgemms give every (row, cluster) pair a log-mass estimate log n + μ·h + λ·½σ²·h².
    /// 2. Each row takes clusters in decreasing estimate until the estimated rest is below `tailFraction`.
    /// 3. Each selected cluster is dequantized once for the whole batch and multiplied (one sgemm) by the hidden
    ///    states of the rows that selected it; each (row, cluster) yields an exact (max, Σexp).
    /// 4. Each row adds the estimate of its unselected clusters (with the variance weight `tailSpreadWeight`).
    /// - Parameters:
    ///   - hidden: `rows × embeddingLength` floats, through the output norm.
    ///   - targets: one token id per row (must be valid ids).
    ///   - clusters: `VocabularyClusters` of this model's embedding.
    ///   - parameters: the selection knobs.
    public func approximateOutputStatistics(
        hidden: [Float], targets: [Int32], clusters: VocabularyClusters, parameters: FastHeadParameters = .standard
    ) -> OutputStatistics {
        let d = configuration.embeddingLength, rows = targets.count, c = clusters.count
        precondition(hidden.count == rows * d && clusters.width == d, "hidden size mismatch")
        if rows == 0 { return OutputStatistics(logNormalizer: [], targetLogit: []) }
        // centroid[r, k] = μ_k·h_r; spread[r, k] = ½σ²_k·h_r².
        var centroidTerm = [Float](repeating: 0, count: rows * c)
        var spreadTerm = [Float](repeating: 0, count: rows * c)
        let squares = hidden.map { $0 * $0 }
        clusters.centroids.withUnsafeBufferPointer { mu in
            clusters.spreads.withUnsafeBufferPointer { spread in
                hidden.withUnsafeBufferPointer { h in
                    squares.withUnsafeBufferPointer { h2 in
                        centroidTerm.withUnsafeMutableBufferPointer { out in
                            Matrix.multiplyTransposed(h.baseAddress!, lda: d, mu.baseAddress!, ldb: d, into: out.baseAddress!, ldc: c, m: rows, n: c, k: d)
                        }
                        spreadTerm.withUnsafeMutableBufferPointer { out in
                            Matrix.multiplyTransposed(h2.baseAddress!, lda: d, spread.baseAddress!, ldb: d, into: out.baseAddress!, ldc: c, m: rows, n: c, k: d)
                        }
                    }
                }
            }
        }
        // Selection per row, and the estimated log mass of the unselected clusters.
        var selected = [[Int32]](repeating: [], count: rows)
        var tailLog = [Float](repeating: -.infinity, count: rows)
        let lambda = parameters.spreadWeight
        for r in 0..<rows {
            let a = (0..<c).map { clusters.logSizes[$0] + centroidTerm[r * c + $0] + lambda * spreadTerm[r * c + $0] }
            let reference = a.max() ?? 0
            let weights = a.map { FastExp.scalar($0 - reference) }
            let total = weights.reduce(0, +)
            let order = (0..<c).sorted { a[$0] > a[$1] }
            var remaining = total
            var taken = 0
            while taken < min(c, parameters.maximumClusters) {
                if taken >= parameters.minimumClusters && remaining <= parameters.tailFraction * total { break }
                remaining -= weights[order[taken]]
                taken += 1
            }
            selected[r] = order[0..<taken].map(Int32.init)
            // The unselected clusters' mass, estimated from the centroid alone.
            var tailMax = -Float.infinity
            let mu = parameters.tailSpreadWeight
            func tailTerm(_ k: Int) -> Float { clusters.logSizes[k] + centroidTerm[r * c + k] + mu * spreadTerm[r * c + k] }
            for i in taken..<c { tailMax = max(tailMax, tailTerm(order[i])) }
            if tailMax > -.infinity {
                var sum: Float = 0
                for i in taken..<c { sum += FastExp.scalar(tailTerm(order[i]) - tailMax) }
                tailLog[r] = tailMax + log(sum)
            }
        }
        // Invert: which rows selected each cluster, and in which slot of the row's list.
        var users = [[SIMD2<Int32>]](repeating: [], count: c)
        for r in 0..<rows { for (slot, k) in selected[r].enumerated() { users[Int(k)].append(SIMD2(Int32(r), Int32(slot))) } }
        let active = (0..<c).filter { !users[$0].isEmpty }
        let maxSlots = selected.map(\.count).max() ?? 0
        // partial[(r · maxSlots + slot) · 2 + 0/1] = (max, Σexp) of row r over its slot-th cluster.
        let partial = UnsafeMutablePointer<Float>.allocate(capacity: max(1, rows * maxSlots * 2))
        defer { partial.deallocate() }
        let embedding = weights.tokenEmbedding
        let largest = (0..<c).map { Int(clusters.offsets[$0 + 1] - clusters.offsets[$0]) }.max() ?? 0
        let parts = Parallel.split(active.count, parts: min(max(1, active.count), Parallel.workers))
        hidden.withUnsafeBufferPointer { h in
            Parallel.forEach(parts.count) { part in
                let block = UnsafeMutablePointer<Float>.allocate(capacity: max(1, largest * d))
                let gathered = UnsafeMutablePointer<Float>.allocate(capacity: rows * d)
                let logits = UnsafeMutablePointer<Float>.allocate(capacity: max(1, rows * largest))
                defer {
                    block.deallocate()
                    gathered.deallocate()
                    logits.deallocate()
                }
                for index in parts[part] {
                    let k = active[index]
                    let lo = Int(clusters.offsets[k]), n = Int(clusters.offsets[k + 1]) - lo
                    for i in 0..<n {
                        let v = Int(clusters.members[lo + i])
                        embedding.dequantizeRows(v..<v + 1, into: block + i * d)
                    }
                    let who = users[k]
                    for (j, user) in who.enumerated() {
                        (gathered + j * d).update(from: h.baseAddress! + Int(user[0]) * d, count: d)
                    }
                    Matrix.multiplyTransposed(gathered, lda: d, block, ldb: d, into: logits, ldc: n, m: who.count, n: n, k: d)
                    for (j, user) in who.enumerated() {
                        let (m, s) = FastExp.maxAndSumExp(logits + j * n, count: n)
                        let at = (Int(user[0]) * maxSlots + Int(user[1])) * 2
                        partial[at] = m
                        partial[at + 1] = s
                    }
                }
            }
        }
        var logNormalizer = [Float](repeating: 0, count: rows)
        var targetLogit = [Float](repeating: 0, count: rows)
        var row = [Float](repeating: 0, count: d)
        let clusterOf = clusters.clusterOf
        for r in 0..<rows {
            var top = tailLog[r]
            for slot in 0..<selected[r].count { top = max(top, partial[(r * maxSlots + slot) * 2]) }
            var sum: Float = tailLog[r] > -.infinity ? FastExp.scalar(tailLog[r] - top) : 0
            for slot in 0..<selected[r].count {
                let at = (r * maxSlots + slot) * 2
                sum += partial[at + 1] * FastExp.scalar(partial[at] - top)
            }
            let t = Int(targets[r])
            row.withUnsafeMutableBufferPointer { embedding.dequantizeRows(t..<t + 1, into: $0.baseAddress!) }
            var dot: Float = 0
            for j in 0..<d { dot += row[j] * hidden[r * d + j] }
            targetLogit[r] = dot
            // The target's own term is known exactly: when its cluster was not walked, add it (so log p ≤ 0, and a
            // confidently predicted token whose cluster the estimates missed is not scored as impossible).
            if !selected[r].contains(clusterOf[t]) {
                let newTop = max(top, dot)
                sum = sum * FastExp.scalar(top - newTop) + FastExp.scalar(dot - newTop)
                top = newTop
            }
            logNormalizer[r] = top + log(sum)
        }
        return OutputStatistics(logNormalizer: logNormalizer, targetLogit: targetLogit)
    }
}

/// Clusters loaded once per model file and shared by every session in the process.
final class ClusterStore: @unchecked Sendable {
    static let shared = ClusterStore()
    private let lock = NSLock()
    private var loaded: [String: VocabularyClusters] = [:]

    func clusters(for model: Gemma3Model) -> VocabularyClusters {
        lock.lock()
        defer { lock.unlock() }
        if let hit = loaded[model.file.path] { return hit }
        let clusters = VocabularyClusters.load(for: model)
        loaded[model.file.path] = clusters
        return clusters
    }
}

extension VocabularyClusters {
    /// The clusters for `model`, loaded (or built and cached on disk) on first use and kept for the process.
    public static func shared(for model: Gemma3Model) -> VocabularyClusters {
        ClusterStore.shared.clusters(for: model)
    }
}
