import Foundation

/// The provider arithmetic behind an estimate: what gets cached, how often the cache is warm, and what
/// one request costs. All prices are USD per million tokens.
public enum CacheArithmetic {
    /// Tokens a provider caches of a static prefix of `prefix` tokens: none below `minimum`, otherwise
    /// `minimum + k * increment` for the largest `k` that fits (OpenAI: 1024, 1152, …; DeepSeek: 64-token units).
    public static func cachedTokens(prefix: Int, minimum: Int, increment: Int) -> Int {
        guard prefix > 0, prefix >= minimum else { return 0 }
        let step = max(1, increment)
        return minimum + ((prefix - minimum) / step) * step
    }

    /// Requests per minute for a daily volume.
    public static func ratePerMinute(requestsPerDay: Double) -> Double { max(0, requestsPerDay) / 1440 }

    /// The chance a request finds the cache warm, with requests arriving at random (Poisson) at `L` per
    /// minute and an entry living `T` minutes after its last use: the previous request came less than `T`
    /// minutes ago, `1 - exp(-L*T)`.
    public static func warmProbability(requestsPerDay: Double, ttlMinutes: Double) -> Double {
        let l = ratePerMinute(requestsPerDay: requestsPerDay)
        guard l > 0, ttlMinutes > 0 else { return 0 }
        return 1 - exp(-l * ttlMinutes)
    }

    /// The expected cost of one request in USD.
    ///
    /// `cached` tokens are read at the cached price when warm (probability `warm`) and written at the
    /// cache-write price when cold; the other `input - cached` tokens pay the input price; `output`
    /// tokens pay the output price.
    public static func costPerRequest(
        inputTokens: Int, cachedTokens: Int, outputTokens: Int, warm: Double, pricing: ModelPricing
    ) -> Double {
        let cached = Double(min(cachedTokens, inputTokens))
        let uncached = Double(inputTokens) - cached
        let cachedPrice = warm * pricing.cachedRead + (1 - warm) * pricing.cacheWrite
        return (cached * cachedPrice + uncached * pricing.input + Double(outputTokens) * pricing.output) / 1_000_000
    }

    /// The break-even warm probability for explicit caching with a write surcharge: caching pays when
    /// `p * read + (1 - p) * write < input`. Nil when there is no surcharge (caching never costs more).
    public static func breakEvenWarmProbability(_ pricing: ModelPricing) -> Double? {
        guard pricing.cacheWrite > pricing.input else { return nil }
        return (pricing.cacheWrite - pricing.input) / (pricing.cacheWrite - pricing.cachedRead)
    }
}
