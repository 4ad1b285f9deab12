import TinyLM

/// Scores token sequences conditioned on everything fed before, with one KV cache. Unlike `ScoringSession`
/// it can feed a prefix without computing output probabilities (the output layer is most of the cost), so
/// the already-compressed text is re-fed cheaply after each segment.
struct ConditionalScorer {
    let model: Gemma3Model
    private(set) var cache: KVCache
    /// The final hidden state of the last token fed: it predicts the next token.
    private var lastHidden: [Float] = []
    /// Tokens fed, remembered for `replace`.
    private var fed: [Int32] = []

    /// A scorer holding only BOS (plus `prefix`, if given).
    init(model: Gemma3Model, bos: Int32, prefix: [Int32] = []) throws {
        self.model = model
        cache = model.makeCache()
        try feed([bos] + prefix)
    }

    /// Positions held.
    var count: Int { cache.count }

    /// Feeds tokens without computing their probabilities.
    mutating func feed(_ ids: [Int32]) throws {
        guard !ids.isEmpty else { return }
        let hidden = try model.forward(ids, cache: &cache)
        fed += ids
        let d = model.configuration.embeddingLength
        lastHidden = Array(hidden[(hidden.count - d)...])
    }

    /// Feeds tokens and returns log p of each given everything before it.
    mutating func score(_ ids: [Int32]) throws -> [Float] {
        guard !ids.isEmpty else { return [] }
        let d = model.configuration.embeddingLength
        let hidden = try model.forward(ids, cache: &cache)
        fed += ids
        var predictors = lastHidden
        predictors.reserveCapacity(ids.count * d)
        predictors += hidden[0..<((ids.count - 1) * d)]
        lastHidden = Array(hidden[(hidden.count - d)...])
        return model.outputStatistics(hidden: predictors, targets: ids).logProbabilities
    }

    /// Forgets every position from `position` on and feeds `ids` there instead (no probabilities computed).
    mutating func replace(from position: Int, with ids: [Int32]) throws {
        precondition(position >= 1 && position <= cache.count)
        if position < cache.count {
            let last = position - 1
            // The state predicting `position` is that of the token before it: keep its hidden state by re-feeding it.
            let token = fed[last]
            cache.truncate(to: last)
            fed.removeSubrange(last...)
            try feed([token] + ids)
        } else {
            try feed(ids)
        }
    }
}
