/// A provider whose prompt cache promptlint models.
public enum Provider: String, Sendable, Codable, CaseIterable {
    /// Anthropic Messages API: explicit `cache_control` breakpoints (at most 4), tools → system → messages.
    case anthropic
    /// OpenAI: automatic prefix caching from 1,024 tokens, 128-token increments.
    case openai
    /// Google Gemini implicit caching.
    case gemini
    /// DeepSeek context caching on disk (64-token units).
    case deepseek
    /// AWS Bedrock cache checkpoints.
    case bedrock

    /// The smallest prefix the provider caches, for its common current models (tokens).
    /// Rules take their numbers from YAML; this is the fallback.
    public var defaultMinimumCacheableTokens: Int {
        switch self {
        case .anthropic: return 1024
        case .openai: return 1024
        case .gemini: return 1024
        case .deepseek: return 64
        case .bedrock: return 1024
        }
    }

    /// The most explicit cache breakpoints a request may carry, if the provider has them.
    public var maximumBreakpoints: Int? {
        switch self {
        case .anthropic, .bedrock: return 4
        case .openai: return 4
        case .gemini, .deepseek: return nil
        }
    }
}
