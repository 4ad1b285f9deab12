import TinyLM

/// Scores token sequences conditioned on everything fed before, with one KV cache. Unlike `ScoringSession`
/// it can feed a prefix without computing output probabilities (the output layer is most of the cost), so
/// the already-compressed text is re-fed cheaply after each segment. Every forward call reads all layer
/// weights, so tokens are fed in as few calls as possible: the BOS and prefix wait for the first call.
struct ConditionalScorer {
    let model: Gemma3Model
    /// How log-normalisers are computed.
    let mode: ScoringMode
    private(set) var cache: KVCache
    /// The final hidden state of the last token evaluated: it predicts the next token.
    private var lastHidden: [Float] = []
    /// Tokens evaluated, remembered for `replace`.
    private var fed: [Int32] = []
    /// Tokens accepted but not evaluated yet.
    private var pending: [Int32]

    /// A scorer holding BOS (plus `prefix`, if given), evaluated with the first call.
    init(model: Gemma3Model, bos: Int32, prefix: [Int32] = [], mode: ScoringMode = .exact) {
        self.model = model
        self.mode = mode
        cache = model.makeCache()
        pending = [bos] + prefix
    }

    /// Positions held.
    var count: Int { cache.count + pending.count }

    /// Feeds tokens without computing their probabilities.
    mutating func feed(_ ids: [Int32]) throws {
        let all = pending + ids
        pending = []
        guard !all.isEmpty else { return }
        let hidden = try model.forward(all, cache: &cache, trunk: mode)
        fed += all
        let d = model.configuration.embeddingLength
        lastHidden = Array(hidden[(hidden.count - d)...])
    }

    /// Feeds tokens and returns log p of each given everything before it.
    mutating func score(_ ids: [Int32]) throws -> [Float] {
        guard !ids.isEmpty else { return [] }
        let d = model.configuration.embeddingLength
        let all = pending + ids
        let waiting = pending.count
        pending = []
        let hidden = try model.forward(all, cache: &cache, trunk: mode)
        fed += all
        var predictors: [Float] = []
        predictors.reserveCapacity(ids.count * d)
        if waiting > 0 {
            predictors += hidden[((waiting - 1) * d)..<((all.count - 1) * d)]
        } else {
            predictors += lastHidden
            predictors += hidden[0..<((ids.count - 1) * d)]
        }
        lastHidden = Array(hidden[(hidden.count - d)...])
        switch mode {
        case .exact:
            return model.outputStatistics(hidden: predictors, targets: ids).logProbabilities
        case .fast:
            return model.quantizedOutputStatistics(
                hidden: predictors, targets: ids, head: Int8OutputHead.shared(for: model)).logProbabilities
        }
    }

    /// Forgets every position from `position` on and puts `ids` there instead; they are evaluated (without
    /// probabilities) with the next call.
    mutating func replace(from position: Int, with ids: [Int32]) {
        precondition(pending.isEmpty && position >= 1 && position <= cache.count)
        if position < cache.count {
            // The state predicting `position` is that of the token before it: evaluate that token again.
            let last = position - 1
            let token = fed[last]
            cache.truncate(to: last)
            fed.removeSubrange(last...)
            pending = [token] + ids
        } else {
            pending = ids
        }
    }
}
