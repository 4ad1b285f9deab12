import Foundation

/// One model's prices and caching rules, as a pricing file states them. Prices are USD per million tokens.
public struct ModelPricing: Sendable, Hashable {
    /// Provider name (`anthropic`, `openai`, `gemini`, `deepseek`, or one added in configuration).
    public var provider: String
    /// Model name used with `--model`.
    public var id: String
    /// Other accepted names.
    public var aliases: [String] = []
    /// Family tier (`haiku`, `sonnet`, `opus`, `flash`, `pro`, …).
    public var tier: String?
    /// Base input price.
    public var input: Double
    /// Output price.
    public var output: Double
    /// Price of an input token read from the cache.
    public var cachedRead: Double
    /// Price of an input token written to the cache on a miss (equal to `input` when there is no surcharge).
    public var cacheWrite: Double
    /// Write price for a 1-hour TTL, where offered (informational).
    public var cacheWrite1h: Double?
    /// Shortest prefix that is cached at all.
    public var minimumCacheableTokens: Int
    /// Cached lengths are `minimum + k * increment` (1: any length).
    public var increment: Int
    /// Minutes an unused cache entry lives; each hit refreshes it.
    public var ttlMinutes: Double
    /// Explicit cache breakpoints allowed per request (nil when caching is automatic).
    public var maxBreakpoints: Int?
    /// The tokenizer that approximates the model's own.
    public var tokenizer: TokenizerKind
    /// Counts are multiplied by this.
    public var tokenizerFactor: Double
    /// The page the numbers come from.
    public var source: String
    /// Further pages used for fields the primary source lacks.
    public var also: [String] = []
    /// When the source stated the numbers (`YYYY-MM-DD` or `YYYY-MM`).
    public var date: String
    /// The file (or configuration) that defined the entry.
    public var definedIn: String

    /// Creates an entry.
    public init(
        provider: String, id: String, aliases: [String] = [], tier: String? = nil, input: Double, output: Double,
        cachedRead: Double, cacheWrite: Double? = nil, cacheWrite1h: Double? = nil, minimumCacheableTokens: Int,
        increment: Int = 1, ttlMinutes: Double, maxBreakpoints: Int? = nil, tokenizer: TokenizerKind = .cl100k,
        tokenizerFactor: Double = 1, source: String = "", also: [String] = [], date: String = "", definedIn: String = ""
    ) {
        self.provider = provider
        self.id = id
        self.aliases = aliases
        self.tier = tier
        self.input = input
        self.output = output
        self.cachedRead = cachedRead
        self.cacheWrite = cacheWrite ?? input
        self.cacheWrite1h = cacheWrite1h
        self.minimumCacheableTokens = minimumCacheableTokens
        self.increment = increment
        self.ttlMinutes = ttlMinutes
        self.maxBreakpoints = maxBreakpoints
        self.tokenizer = tokenizer
        self.tokenizerFactor = tokenizerFactor
        self.source = source
        self.also = also
        self.date = date
        self.definedIn = definedIn
    }

    /// True when `name` is the id or an alias (case-insensitive).
    public func answers(to name: String) -> Bool {
        let n = name.lowercased()
        return id.lowercased() == n || aliases.contains { $0.lowercased() == n }
    }

    /// The `Provider` the cache model knows, if the name is one.
    public var knownProvider: Provider? { Provider(rawValue: provider.lowercased()) }

    /// True when a cache miss costs more than an uncached token (Anthropic's 1.25x write).
    public var hasWriteSurcharge: Bool { cacheWrite > input }
}

/// All models of all pricing files, with per-provider default models.
public struct PricingCatalog: Sendable {
    /// Every model, in file order.
    public var models: [ModelPricing]
    /// The model used when only the provider is given, by provider.
    public var defaultModels: [String: String]
    /// The provider used when neither is given.
    public var defaultProvider: String

    /// Creates a catalog.
    public init(models: [ModelPricing], defaultModels: [String: String] = [:], defaultProvider: String = "anthropic") {
        self.models = models
        self.defaultModels = defaultModels
        self.defaultProvider = defaultProvider
    }

    /// Provider names, sorted.
    public var providers: [String] { Array(Set(models.map(\.provider))).sorted() }

    /// The model for a provider and model name; either may be nil (provider default, catalog default).
    /// A model name alone is looked up across providers.
    /// - Throws: `SavingsError.unknownProvider` or `.unknownModel`, listing the known names.
    public func model(provider: String?, model: String?) throws(SavingsError) -> ModelPricing {
        if let provider {
            let p = provider.lowercased()
            let ofProvider = models.filter { $0.provider.lowercased() == p }
            guard !ofProvider.isEmpty else { throw .unknownProvider(provider, known: providers) }
            let wanted = model ?? defaultModels[p] ?? ofProvider[0].id
            guard let found = ofProvider.first(where: { $0.answers(to: wanted) }) else {
                throw .unknownModel(provider: p, model: wanted, known: ofProvider.map(\.id))
            }
            return found
        }
        if let model {
            guard let found = models.first(where: { $0.answers(to: model) }) else {
                throw .unknownModel(provider: "any", model: model, known: models.map(\.id))
            }
            return found
        }
        return try self.model(provider: defaultProvider, model: nil)
    }

    /// Replaces or adds entries (configuration overrides): an entry with the same provider and id replaces the old one.
    public mutating func apply(_ overrides: [ModelPricing]) {
        for entry in overrides {
            if let i = models.firstIndex(where: { $0.provider == entry.provider && $0.answers(to: entry.id) }) {
                models[i] = entry
            } else {
                models.append(entry)
            }
        }
    }
}
