// Clusters of the tied output embedding, for the fast approximate log-normaliser.
//
// The 262,144 output rows are grouped by k-means (Euclidean, on the dequantized rows). For a hidden state h a
// cluster's share of Σ_v exp(e_v·h) is estimated as n_c · exp(μ_c·h + ½ Σ_j σ²_cj h_j²) (the moment generating
// function of a diagonal Gaussian fitted to the cluster), which costs two dot products per cluster. Built once per
// model file (a few CPU-seconds) and cached on disk.
import Foundation
import GGUF

/// K-means clusters of a model's output embedding rows, with per-cluster mean, diagonal variance and members.
public struct VocabularyClusters: Sendable {
    /// Number of clusters.
    public let count: Int
    /// Width of an embedding row.
    public let width: Int
    /// `count × width` cluster means.
    let centroids: [Float]
    /// `count × width` halves of the per-dimension variances (½σ²), so the estimate is μ·h + spread·h².
    let spreads: [Float]
    /// log(members) per cluster (-inf for an empty cluster).
    let logSizes: [Float]
    /// Cluster c's members are `members[offsets[c] ..< offsets[c + 1]]`.
    let offsets: [Int32]
    /// Vocabulary ids sorted by cluster.
    let members: [Int32]

    /// The cluster of each vocabulary id.
    var clusterOf: [Int32] {
        var result = [Int32](repeating: 0, count: members.count)
        for k in 0..<count {
            for i in Int(offsets[k])..<Int(offsets[k + 1]) { result[Int(members[i])] = Int32(k) }
        }
        return result
    }

    /// Default cluster count: 1,024 clusters of 256 rows on average for Gemma 3's vocabulary.
    public static let defaultCount = 1024

    /// Loads the clusters for `model` from the cache folder, or builds and caches them.
    /// - Parameter directory: where cluster files live (default `${XDG_CACHE_HOME:-~/.cache}/promptlint`).
    public static func load(for model: Gemma3Model, count: Int = defaultCount, directory: String? = nil) -> VocabularyClusters {
        let folder = directory ?? ModelLocator.cacheDirectory()
        let path = folder + "/" + cacheFileName(for: model, count: count)
        if let cached = read(path: path, width: model.configuration.embeddingLength, vocabulary: model.configuration.vocabularySize, count: count) {
            return cached
        }
        let built = build(embedding: model.weights.tokenEmbedding, count: count)
        built.write(path: path)
        return built
    }

    /// The cache file's name: the model file's size and a hash of the embedding's first and last megabyte.
    static func cacheFileName(for model: Gemma3Model, count: Int) -> String {
        let embedding = model.weights.tokenEmbedding
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: model.file.path)[.size] as? Int) ?? 0
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let chunk = min(1 << 20, embedding.byteCount)
        let bytes = embedding.rawPointer.assumingMemoryBound(to: UInt8.self)
        for start in [0, embedding.byteCount - chunk] {
            for i in stride(from: start, to: start + chunk, by: 8) {
                hash = (hash ^ UInt64(UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self))) &* 0x0100_0000_01b3
            }
        }
        return "clusters-v1-\(fileSize)-\(String(hash, radix: 16))-\(embedding.rowCount)x\(embedding.rowLength)-c\(count).bin"
    }

    // MARK: Building

    /// Runs k-means: `iterations` Lloyd steps on a `sample`-row subsample, then one assignment of every row and
    /// the final means and variances. Deterministic (fixed seed).
    static func build(embedding: GGUFTensor, count c: Int, iterations: Int = 6, sample: Int = 65_536) -> VocabularyClusters {
        let v = embedding.rowCount, d = embedding.rowLength
        var generator = SplitMix(seed: 0x5eed)
        var order = Array(0..<v)
        for i in stride(from: v - 1, to: 0, by: -1) { order.swapAt(i, Int(generator.next() % UInt64(i + 1))) }
        let sampleRows = Array(order.prefix(min(sample, v))).map(Int32.init)
        var centroids = [Float](repeating: 0, count: c * d)
        centroids.withUnsafeMutableBufferPointer { buffer in
            for k in 0..<c { embedding.dequantizeRows(Int(sampleRows[k % sampleRows.count])..<Int(sampleRows[k % sampleRows.count]) + 1, into: buffer.baseAddress! + k * d) }
        }
        for _ in 0..<iterations {
            let assignment = assign(embedding: embedding, rows: sampleRows, centroids: centroids, count: c)
            let (means, sizes, _) = moments(embedding: embedding, rows: sampleRows, assignment: assignment, count: c, variances: false)
            for k in 0..<c {
                if sizes[k] > 0 {
                    for j in 0..<d { centroids[k * d + j] = Float(means[k * d + j]) }
                } else {
                    // Reseed an empty cluster with a random sampled row.
                    let row = Int(sampleRows[Int(generator.next() % UInt64(sampleRows.count))])
                    centroids.withUnsafeMutableBufferPointer { embedding.dequantizeRows(row..<row + 1, into: $0.baseAddress! + k * d) }
                }
            }
        }
        let all = (0..<Int32(v)).map { $0 }
        let assignment = assign(embedding: embedding, rows: all, centroids: centroids, count: c)
        let (means, sizes, variances) = moments(embedding: embedding, rows: all, assignment: assignment, count: c, variances: true)
        var offsets = [Int32](repeating: 0, count: c + 1)
        for k in 0..<c { offsets[k + 1] = offsets[k] + Int32(sizes[k]) }
        var cursor = Array(offsets.dropLast())
        var members = [Int32](repeating: 0, count: v)
        for row in 0..<v {
            let k = Int(assignment[row])
            members[Int(cursor[k])] = Int32(row)
            cursor[k] += 1
        }
        return VocabularyClusters(
            count: c, width: d, centroids: means.map { Float($0) }, spreads: variances.map { Float($0 / 2) },
            logSizes: sizes.map { $0 > 0 ? Float(log(Double($0))) : -.infinity }, offsets: offsets, members: members)
    }

    /// The nearest centroid of each row in `rows`.
    private static func assign(embedding: GGUFTensor, rows: [Int32], centroids: [Float], count c: Int) -> [Int32] {
        let d = embedding.rowLength, tile = 2048
        var halfNorms = [Float](repeating: 0, count: c)
        for k in 0..<c {
            var s: Float = 0
            for j in 0..<d { s += centroids[k * d + j] * centroids[k * d + j] }
            halfNorms[k] = s / 2
        }
        var result = [Int32](repeating: 0, count: rows.count)
        let tiles = (rows.count + tile - 1) / tile
        result.withUnsafeMutableBufferPointer { out in
            centroids.withUnsafeBufferPointer { mu in
                let out = out.baseAddress!, mu = mu.baseAddress!
                Parallel.forEach(tiles) { t in
                    let lo = t * tile, n = min(tile, rows.count - lo)
                    let x = UnsafeMutablePointer<Float>.allocate(capacity: n * d)
                    let scores = UnsafeMutablePointer<Float>.allocate(capacity: n * c)
                    defer {
                        x.deallocate()
                        scores.deallocate()
                    }
                    for i in 0..<n { embedding.dequantizeRows(Int(rows[lo + i])..<Int(rows[lo + i]) + 1, into: x + i * d) }
                    Matrix.multiplyTransposed(x, lda: d, mu, ldb: d, into: scores, ldc: c, m: n, n: c, k: d)
                    for i in 0..<n {
                        var best = 0
                        var bestScore = -Float.infinity
                        for k in 0..<c {
                            let s = scores[i * c + k] - halfNorms[k]
                            if s > bestScore { bestScore = s; best = k }
                        }
                        out[lo + i] = Int32(best)
                    }
                }
            }
        }
        return result
    }

    /// Per-cluster means (and variances) of the rows assigned to each cluster, in double precision.
    private static func moments(
        embedding: GGUFTensor, rows: [Int32], assignment: [Int32], count c: Int, variances wantVariances: Bool
    ) -> (means: [Double], sizes: [Int], variances: [Double]) {
        let d = embedding.rowLength
        var sums = [Double](repeating: 0, count: c * d)
        var squares = [Double](repeating: 0, count: wantVariances ? c * d : 0)
        var sizes = [Int](repeating: 0, count: c)
        var x = [Float](repeating: 0, count: d)
        for (i, row) in rows.enumerated() {
            x.withUnsafeMutableBufferPointer { embedding.dequantizeRows(Int(row)..<Int(row) + 1, into: $0.baseAddress!) }
            let k = Int(assignment[i])
            sizes[k] += 1
            for j in 0..<d { sums[k * d + j] += Double(x[j]) }
            if wantVariances { for j in 0..<d { squares[k * d + j] += Double(x[j]) * Double(x[j]) } }
        }
        var variances = [Double](repeating: 0, count: wantVariances ? c * d : 0)
        for k in 0..<c where sizes[k] > 0 {
            let n = Double(sizes[k])
            for j in 0..<d {
                let mean = sums[k * d + j] / n
                sums[k * d + j] = mean
                if wantVariances { variances[k * d + j] = max(0, squares[k * d + j] / n - mean * mean) }
            }
        }
        return (sums, sizes, variances)
    }

    // MARK: Cache file

    private static let magic: UInt64 = 0x3176_6c63_6c70  // "plclv1"

    private func write(path: String) {
        var data = Data()
        func append<T>(_ values: [T]) { values.withUnsafeBytes { data.append(contentsOf: $0) } }
        append([Self.magic, UInt64(count), UInt64(width), UInt64(members.count)])
        append(centroids)
        append(spreads)
        append(logSizes)
        append(offsets)
        append(members)
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Atomic: write a temporary file in the same folder, then rename over the final name.
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }

    private static func read(path: String, width d: Int, vocabulary v: Int, count c: Int) -> VocabularyClusters? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let expected = 32 + 4 * (2 * c * d + c + (c + 1) + v)
        guard data.count == expected else { return nil }
        return data.withUnsafeBytes { raw -> VocabularyClusters? in
            let header = (0..<4).map { raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self) }
            guard header == [magic, UInt64(c), UInt64(d), UInt64(v)] else { return nil }
            var offset = 32
            func take<T>(_ n: Int, _: T.Type) -> [T] {
                let values = (0..<n).map { raw.loadUnaligned(fromByteOffset: offset + $0 * MemoryLayout<T>.stride, as: T.self) }
                offset += n * MemoryLayout<T>.stride
                return values
            }
            let centroids = take(c * d, Float.self), spreads = take(c * d, Float.self), logSizes = take(c, Float.self)
            let offsets = take(c + 1, Int32.self), members = take(v, Int32.self)
            guard offsets.first == 0, offsets.last == Int32(v) else { return nil }
            return VocabularyClusters(
                count: c, width: d, centroids: centroids, spreads: spreads, logSizes: logSizes, offsets: offsets, members: members)
        }
    }
}

/// SplitMix64: a small deterministic generator for the k-means sample and seeds.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
