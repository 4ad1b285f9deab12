/// How the output layer's log-normaliser is computed.
public enum ScoringMode: String, Sendable, Hashable, CaseIterable {
    /// Every logit of the vocabulary in float (the reference).
    case exact
    /// Every logit from the int8 head (`Int8OutputHead`), those near the maximum recomputed in float; the target's
    /// logit is always exact.
    case fast
}
