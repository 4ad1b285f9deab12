/// Incremental scoring: feed tokens in pieces and get log p(token | everything fed before it) for each,
/// reusing the KV cache so no prefix is evaluated twice.
public struct ScoringSession: Sendable {
    /// The model scored with.
    public let model: Gemma3Model
    /// Keys and values of the tokens fed so far.
    public private(set) var cache: KVCache
    /// The final hidden state of the last token fed: it predicts the next token.
    private var lastHidden: [Float]?
    /// The token ids fed so far.
    public private(set) var tokens: [Int32] = []

    /// How log-normalisers are computed: `.exact` (every logit in float) or `.fast` (int8 head).
    public let mode: ScoringMode
    /// How the trunk multiplies: `.fast` (block int8, `Int8Trunk`) or `.exact` (float32). Follows `mode` unless set.
    public var trunk: ScoringMode
    /// The fast mode's margin: logits within this many nats of the running maximum are recomputed in float.
    public var exactMargin: Float = Gemma3Model.defaultExactMargin

    /// A session with nothing fed yet.
    /// - Parameter mode: `.fast` builds the model's int8 head on first use in the process (`Int8OutputHead.shared`).
    public init(model: Gemma3Model, mode: ScoringMode = .exact) {
        self.model = model
        self.cache = model.makeCache()
        self.mode = mode
        self.trunk = mode
    }

    /// Tokens fed so far.
    public var count: Int { cache.count }

    /// Feeds `tokens` and returns each one's log-probability given all tokens before it (nil for the very first
    /// token of the session, which has no context).
    /// - Throws: `TinyLMError.tokenOutOfRange`, `.contextExceeded`.
    public mutating func append(_ tokens: [Int32]) throws -> [Float?] {
        guard !tokens.isEmpty else { return [] }
        let d = model.configuration.embeddingLength
        let hidden = try model.forward(tokens, cache: &cache, trunk: trunk)
        self.tokens += tokens
        // Row i of `predictors` predicts tokens[i]: the previous call's last state, then this call's states.
        var predictors: [Float] = lastHidden ?? []
        let hasPrevious = lastHidden != nil
        predictors += hidden[0..<((tokens.count - 1) * d)]
        let targets = hasPrevious ? tokens : Array(tokens.dropFirst())
        lastHidden = Array(hidden[((tokens.count - 1) * d)...])
        let stats: OutputStatistics
        switch mode {
        case .exact:
            stats = model.outputStatistics(hidden: predictors, targets: targets)
        case .fast:
            stats = model.quantizedOutputStatistics(
                hidden: predictors, targets: targets, head: Int8OutputHead.shared(for: model), exactMargin: exactMargin)
        }
        let logProbabilities = stats.logProbabilities.map { Optional($0) }
        return hasPrevious ? logProbabilities : [nil] + logProbabilities
    }

    /// Feeds `tokens` as context only: their keys and values are kept, no output probability is computed (the
    /// output layer is most of the cost). The next `append` predicts its first token from the last one fed here.
    /// - Throws: `TinyLMError.tokenOutOfRange`, `.contextExceeded`.
    public mutating func feed(_ tokens: [Int32]) throws {
        guard !tokens.isEmpty else { return }
        let d = model.configuration.embeddingLength
        let hidden = try model.forward(tokens, cache: &cache, trunk: trunk)
        self.tokens += tokens
        lastHidden = Array(hidden[((tokens.count - 1) * d)...])
    }

    /// Forgets every token from position `count` on, so another continuation can be scored from there.
    /// - Throws: `TinyLMError` from re-evaluating the token before the cut.
    public mutating func rewind(to count: Int) throws {
        precondition(count >= 1 && count <= cache.count, "rewind outside the session")
        guard count < cache.count else { return }
        // The state that predicts position `count` is token count-1's: evaluate that token again.
        let last = tokens[count - 1]
        cache.truncate(to: count - 1)
        tokens.removeSubrange((count - 1)...)
        let hidden = try model.forward([last], cache: &cache, trunk: trunk)
        tokens.append(last)
        lastHidden = hidden
    }
}
