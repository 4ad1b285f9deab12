import TinyLM

/// Sentence vectors from the local model: the final normalized hidden states of a text, mean-pooled over its
/// tokens (the BOS state, identical for every text, left out).
public struct FewShotEmbedder: Sendable {
    /// How token states become one vector.
    public enum Pooling: String, Sendable, CaseIterable {
        /// The mean over all tokens after BOS.
        case mean
        /// The last token's state.
        case last
    }

    /// How a set of vectors is adjusted before cosines are taken.
    public enum Normalization: String, Sendable, CaseIterable {
        /// Cosines of the raw pooled vectors (all high: hidden states share a large common direction).
        case none
        /// Subtract the set's mean vector first, so cosines measure how examples differ from each other.
        case center
        /// Subtract the set's mean and divide each dimension by its standard deviation over the set.
        case standardize
    }

    /// One embedded text.
    public struct Embedding: Sendable {
        /// The vector pooled the embedder's way.
        public var vector: [Float]
        /// The mean over tokens after BOS.
        public var mean: [Float]
        /// The last token's state.
        public var last: [Float]
        /// Tokens of the text (without BOS).
        public var tokenCount: Int
        /// Mean log-probability of the text's tokens given those before it; nil unless asked for.
        public var meanLogProbability: Float?
    }

    /// The model and tokenizer.
    public let languageModel: LanguageModel
    /// The pooling used.
    public var pooling: Pooling
    /// How the trunk multiplies: `.exact` (float32, the default) or `.fast` (block int8, `Int8Trunk`).
    public var trunk: ScoringMode = .exact

    /// An embedder over `languageModel`.
    public init(languageModel: LanguageModel, pooling: Pooling = .mean) {
        self.languageModel = languageModel
        self.pooling = pooling
    }

    /// Embeds `text`; with `withLogProbability`, also scores it (one extra pass through the output layer).
    /// - Throws: `FewShotError.model` when the forward pass fails.
    public func embed(_ text: String, withLogProbability: Bool = false) throws(FewShotError) -> Embedding {
        let model = languageModel.model
        let d = model.configuration.embeddingLength
        let ids = languageModel.tokenizer.encode(text, addBOS: true)
        var cache = model.makeCache()
        let hidden: [Float]
        do {
            hidden = try model.forward(ids, cache: &cache, trunk: trunk)
        } catch {
            throw .model(String(describing: error))
        }
        let rows = ids.count
        var embedding = pooled(hidden, rows: rows, width: d)
        if withLogProbability, rows > 1 {
            let stats = model.outputStatistics(hidden: Array(hidden[0..<((rows - 1) * d)]), targets: Array(ids.dropFirst()))
            let lps = stats.logProbabilities
            embedding.meanLogProbability = lps.reduce(0, +) / Float(lps.count)
        }
        return embedding
    }

    /// Embeds every text, as `embed` does one (same states, no log-probability), in shared forward calls: a
    /// pool of short examples costs about its total tokens, not one weight pass per example.
    /// - Parameter progress: called with the fraction of texts embedded after each forward call.
    /// - Throws: `FewShotError.model` when the forward pass fails.
    public func embedAll(_ texts: [String], progress: ((Double) -> Void)? = nil) throws(FewShotError) -> [Embedding] {
        let model = languageModel.model
        let ids = texts.map { languageModel.tokenizer.encode($0, addBOS: true) }
        let hidden: [[Float]]
        do {
            hidden = try model.forwardIndependent(ids, trunk: trunk) { done in progress?(Double(done) / Double(max(1, texts.count))) }
        } catch {
            throw .model(String(describing: error))
        }
        let d = model.configuration.embeddingLength
        return zip(hidden, ids).map { pooled($0, rows: $1.count, width: d) }
    }

    /// The pooled vectors of one text's final states (`rows × width`, BOS first).
    private func pooled(_ hidden: [Float], rows: Int, width d: Int) -> Embedding {
        let first = rows > 1 ? 1 : 0
        var mean = [Float](repeating: 0, count: d)
        for r in first..<rows {
            for c in 0..<d { mean[c] += hidden[r * d + c] }
        }
        let scale = 1 / Float(rows - first)
        for c in 0..<d { mean[c] *= scale }
        let last = Array(hidden[((rows - 1) * d)..<(rows * d)])
        return Embedding(
            vector: pooling == .mean ? mean : last, mean: mean, last: last, tokenCount: max(0, rows - 1),
            meanLogProbability: nil)
    }

    /// Tokens of `text` without BOS.
    public func tokenCount(_ text: String) -> Int {
        languageModel.tokenizer.encode(text, addBOS: false).count
    }

    /// Unit vectors for `vectors` after `normalization` fitted on the first `fitCount` of them (default all);
    /// the rest (e.g. a query) are transformed with the same statistics.
    public static func normalize(_ vectors: [[Float]], _ normalization: Normalization, fitCount: Int? = nil) -> [[Float]] {
        guard let d = vectors.first?.count else { return [] }
        let fit = vectors.prefix(fitCount ?? vectors.count)
        var mean = [Float](repeating: 0, count: d)
        var scale = [Float](repeating: 1, count: d)
        if normalization != .none, fit.count > 0 {
            for v in fit { for c in 0..<d { mean[c] += v[c] } }
            for c in 0..<d { mean[c] /= Float(fit.count) }
            if normalization == .standardize {
                var variance = [Float](repeating: 0, count: d)
                for v in fit { for c in 0..<d { variance[c] += (v[c] - mean[c]) * (v[c] - mean[c]) } }
                for c in 0..<d {
                    let sd = (variance[c] / Float(fit.count)).squareRoot()
                    scale[c] = sd > 1e-6 ? 1 / sd : 0
                }
            }
        }
        return vectors.map { v in
            var out = (0..<d).map { (v[$0] - mean[$0]) * scale[$0] }
            let norm = out.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 0 { for c in 0..<d { out[c] /= norm } }
            return out
        }
    }

    /// The `n × n` cosine matrix of unit vectors (row-major), with exactly 1 on the diagonal.
    public static func cosineMatrix(_ unit: [[Float]]) -> [Float] {
        let n = unit.count
        var m = [Float](repeating: 0, count: n * n)
        for i in 0..<n {
            m[i * n + i] = 1
            for j in (i + 1)..<max(i + 1, n) {
                let s = dot(unit[i], unit[j])
                m[i * n + j] = s
                m[j * n + i] = s
            }
        }
        return m
    }

    /// The dot product (accumulated in Double so results do not depend on summation order tricks).
    public static func dot(_ a: [Float], _ b: [Float]) -> Float {
        var s = 0.0
        for c in 0..<min(a.count, b.count) { s += Double(a[c]) * Double(b[c]) }
        return Float(s)
    }
}
