import Foundation
import Yams

/// Reads the built-in pricing (compiled in from `Rules/pricing/*.yml`), pricing folders added with `--pricing`, and the `pricing:` section of `.promptlint.yml` into a `PricingCatalog`.
///
/// A file holds `provider:`, optional `default-model:`, optional `defaults:` (keys applied to every model)
/// and `models:`, a list of entries. Entries in pricing files must carry `source:` (an http(s) URL) and
/// `date:`. Every problem is a `SavingsError.invalidPricing` naming the file and the key.
public enum PricingLoader {
    /// Keys a model entry may have.
    public static let modelKeys: Set<String> = [
        "id", "aliases", "tier", "input", "output", "cached-read", "cache-write", "cache-write-1h",
        "min-cacheable-tokens", "increment", "ttl-minutes", "max-breakpoints", "tokenizer", "tokenizer-factor",
        "source", "also", "date", "provider",
    ]

    /// The built-in catalog (compiled in from `Rules/pricing`) with `directories` loaded on top: a model with the
    /// provider and id of a loaded one replaces it, others are added; a file's `default-model:` wins.
    /// - Throws: `SavingsError.pricingNotFound` for a folder that does not exist or holds no `.yml` file,
    ///   `SavingsError.invalidPricing` for the first bad file or key.
    public static func load(addingDirectories directories: [String]) throws(SavingsError) -> PricingCatalog {
        var catalog = try BuiltInRules.pricing()
        for directory in directories {
            let added = try load(directory: directory)
            catalog.models.removeAll { m in added.models.contains { $0.provider == m.provider && $0.id == m.id } }
            catalog.models += added.models
            catalog.defaultModels.merge(added.defaultModels) { $1 }
        }
        return catalog
    }

    /// Loads every `.yml`/`.yaml` file of `directory`, in name order (this folder alone, without the built-in data).
    /// - Throws: `SavingsError.invalidPricing` for the first bad file or key.
    public static func load(directory: String) throws(SavingsError) -> PricingCatalog {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
        guard !names.isEmpty else { throw .pricingNotFound(searched: [directory]) }
        var files: [(path: String, text: String)] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .invalidPricing(path: path, key: "(file)", reason: "cannot read file")
            }
            files.append((path, String(decoding: data, as: UTF8.self)))
        }
        return try load(files: files)
    }

    /// Loads pricing files given as (path, text) pairs, in order; a model defined twice is an error.
    /// - Throws: `SavingsError.invalidPricing` for the first bad file or key.
    public static func load(files: [(path: String, text: String)]) throws(SavingsError) -> PricingCatalog {
        var catalog = PricingCatalog(models: [])
        for (path, text) in files {
            let file = try parseFile(text, path: path)
            for m in file.models {
                if catalog.models.contains(where: { $0.provider == m.provider && $0.id == m.id }) {
                    throw .invalidPricing(path: path, key: "models.\(m.id)", reason: "model defined twice for \(m.provider)")
                }
            }
            catalog.models += file.models
            if let d = file.defaultModel { catalog.defaultModels[file.provider] = d }
        }
        return catalog
    }

    /// One parsed pricing file.
    public struct File: Sendable {
        /// The provider it describes.
        public var provider: String
        /// Its `default-model:`.
        public var defaultModel: String?
        /// Its models.
        public var models: [ModelPricing]
    }

    /// Parses one pricing file's YAML.
    /// - Throws: `SavingsError.invalidPricing`.
    public static func parseFile(_ yaml: String, path: String) throws(SavingsError) -> File {
        let root = try loadYAML(yaml, path: path)
        guard let map = root as? [String: Any] else {
            throw .invalidPricing(path: path, key: "(top level)", reason: "expected a mapping with provider: and models:")
        }
        for key in map.keys.sorted() where !["provider", "default-model", "defaults", "models"].contains(key) {
            throw .invalidPricing(path: path, key: key, reason: "unknown key")
        }
        guard let provider = (map["provider"] as? String)?.lowercased(), !provider.isEmpty else {
            throw .invalidPricing(path: path, key: "provider", reason: "missing or not a string")
        }
        var defaults: [String: Any] = [:]
        if let raw = map["defaults"] {
            guard let d = raw as? [String: Any] else {
                throw .invalidPricing(path: path, key: "defaults", reason: "must be a mapping")
            }
            for key in d.keys.sorted() where !modelKeys.contains(key) || ["id", "aliases", "source", "also", "date"].contains(key) {
                throw .invalidPricing(path: path, key: "defaults.\(key)", reason: "unknown or per-model key")
            }
            defaults = d
        }
        guard let list = map["models"] as? [Any], !list.isEmpty else {
            throw .invalidPricing(path: path, key: "models", reason: "must be a non-empty list")
        }
        var models: [ModelPricing] = []
        for (i, raw) in list.enumerated() {
            guard let entry = raw as? [String: Any] else {
                throw .invalidPricing(path: path, key: "models[\(i)]", reason: "must be a mapping")
            }
            let m = try parseModel(entry, defaults: defaults, base: nil, provider: provider, path: path,
                                   key: "models[\(i)]", requireSource: true)
            models.append(m)
        }
        let defaultModel = map["default-model"].map { "\($0)" }
        if let d = defaultModel, !models.contains(where: { $0.answers(to: d) }) {
            throw .invalidPricing(path: path, key: "default-model", reason: "'\(d)' is not one of the models")
        }
        return File(provider: provider, defaultModel: defaultModel, models: models)
    }

    /// The settings of a `pricing:` section in `.promptlint.yml`.
    public struct Overrides: Sendable {
        /// Provider to use when the command line names none.
        public var provider: String?
        /// Model to use when the command line names none.
        public var model: String?
        /// Entries that replace or add models.
        public var models: [ModelPricing] = []
    }

    /// Parses a `pricing:` section against `catalog`: entries naming an existing provider and model start
    /// from its values; new ones need every price and caching field (`source`/`date` optional).
    /// - Throws: `SavingsError.invalidPricing` with the configuration path and key.
    public static func parseOverrides(_ raw: Any, catalog: PricingCatalog, path: String) throws(SavingsError) -> Overrides {
        guard let map = raw as? [String: Any] else {
            throw .invalidPricing(path: path, key: "pricing", reason: "must be a mapping (provider:, model:, models:)")
        }
        for key in map.keys.sorted() where !["provider", "model", "models"].contains(key) {
            throw .invalidPricing(path: path, key: "pricing.\(key)", reason: "unknown key")
        }
        var out = Overrides()
        out.provider = map["provider"].map { "\($0)".lowercased() }
        out.model = map["model"].map { "\($0)" }
        if let rawList = map["models"] {
            guard let list = rawList as? [Any] else {
                throw .invalidPricing(path: path, key: "pricing.models", reason: "must be a list")
            }
            for (i, item) in list.enumerated() {
                let key = "pricing.models[\(i)]"
                guard let entry = item as? [String: Any] else { throw .invalidPricing(path: path, key: key, reason: "must be a mapping") }
                guard let provider = (entry["provider"] as? String)?.lowercased(), !provider.isEmpty else {
                    throw .invalidPricing(path: path, key: key + ".provider", reason: "missing or not a string")
                }
                guard let id = entry["id"].map({ "\($0)" }) else {
                    throw .invalidPricing(path: path, key: key + ".id", reason: "missing")
                }
                let base = catalog.models.first { $0.provider == provider && $0.answers(to: id) }
                var m = try parseModel(entry, defaults: [:], base: base, provider: provider, path: path, key: key,
                                       requireSource: false)
                if base != nil, let b = base {
                    m.id = b.id
                    if m.aliases.isEmpty { m.aliases = b.aliases }
                }
                out.models.append(m)
            }
        }
        return out
    }

    // MARK: - Fields

    static func loadYAML(_ yaml: String, path: String) throws(SavingsError) -> Any? {
        do {
            return try SafeYAML.load(yaml: yaml)
        } catch {
            let text = "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "\(error)"
            throw .invalidPricing(path: path, key: "(yaml)", reason: "does not parse: \(text)")
        }
    }

    static func parseModel(
        _ entry: [String: Any], defaults: [String: Any], base: ModelPricing?, provider: String, path: String, key: String,
        requireSource: Bool
    ) throws(SavingsError) -> ModelPricing {
        for k in entry.keys.sorted() where !modelKeys.contains(k) {
            throw .invalidPricing(path: path, key: "\(key).\(k)", reason: "unknown key")
        }
        func value(_ k: String) -> Any? { entry[k] ?? defaults[k] }
        func fail(_ k: String, _ reason: String) -> SavingsError { .invalidPricing(path: path, key: "\(key).\(k)", reason: reason) }
        func price(_ k: String, _ fallback: Double?) throws(SavingsError) -> Double {
            guard let raw = value(k) else {
                if let fallback { return fallback }
                throw fail(k, "missing (USD per million tokens)")
            }
            guard let d = number(raw), d.isFinite, d >= 0, d <= SavingsLimits.maxPricePerMillion else {
                throw fail(k, "must be a non-negative number at most \(Int(SavingsLimits.maxPricePerMillion)) (USD per million tokens), got '\(raw)'")
            }
            return d
        }
        func integer(_ k: String, _ fallback: Int?, minimum: Int) throws(SavingsError) -> Int {
            guard let raw = value(k) else {
                if let fallback { return fallback }
                throw fail(k, "missing")
            }
            guard let d = number(raw), d == d.rounded(), d >= Double(minimum), d < 1e9 else {
                throw fail(k, "must be an integer >= \(minimum), got '\(raw)'")
            }
            return Int(d)
        }
        guard let idRaw = entry["id"] ?? base.map({ $0.id as Any }) else { throw fail("id", "missing") }
        let id = "\(idRaw)"
        let aliases: [String]
        if let raw = entry["aliases"] {
            guard let list = raw as? [Any] else { throw fail("aliases", "must be a list of names") }
            aliases = list.map { "\($0)" }
        } else {
            aliases = base?.aliases ?? []
        }
        let input = try price("input", base?.input)
        let output = try price("output", base?.output)
        let cachedRead = try price("cached-read", base?.cachedRead)
        let cacheWrite = try price("cache-write", base?.cacheWrite ?? input)
        var cacheWrite1h: Double? = base?.cacheWrite1h
        if value("cache-write-1h") != nil { cacheWrite1h = try price("cache-write-1h", nil) }
        if cachedRead > input { throw fail("cached-read", "is above the input price \(input)") }
        let minimum = try integer("min-cacheable-tokens", base?.minimumCacheableTokens, minimum: 0)
        let increment = try integer("increment", base?.increment ?? 1, minimum: 1)
        let ttl: Double
        if let raw = value("ttl-minutes") {
            guard let d = number(raw), d.isFinite, d > 0 else { throw fail("ttl-minutes", "must be a positive number, got '\(raw)'") }
            ttl = d
        } else if let b = base?.ttlMinutes {
            ttl = b
        } else {
            throw fail("ttl-minutes", "missing")
        }
        var maxBreakpoints = base?.maxBreakpoints
        if value("max-breakpoints") != nil { maxBreakpoints = try integer("max-breakpoints", nil, minimum: 1) }
        var tokenizer = base?.tokenizer ?? .cl100k
        if let raw = value("tokenizer") {
            guard let t = TokenizerKind(rawValue: "\(raw)".lowercased()) else {
                throw fail("tokenizer", "must be one of \(TokenizerKind.allCases.map(\.rawValue).joined(separator: ", ")), got '\(raw)'")
            }
            tokenizer = t
        }
        var factor = base?.tokenizerFactor ?? 1
        if let raw = value("tokenizer-factor") {
            guard let d = number(raw), d.isFinite, d > 0, d < 10 else {
                throw fail("tokenizer-factor", "must be a positive number below 10, got '\(raw)'")
            }
            factor = d
        }
        let source = entry["source"].map { "\($0)" } ?? base?.source ?? ""
        if requireSource && !(source.hasPrefix("https://") || source.hasPrefix("http://")) {
            throw fail("source", source.isEmpty ? "missing (an http(s) URL for the prices)" : "must be an http(s) URL, got '\(source)'")
        }
        var also = base?.also ?? []
        if let raw = entry["also"] {
            guard let list = raw as? [Any] else { throw fail("also", "must be a list of URLs") }
            also = list.map { "\($0)" }
        }
        var date = base?.date ?? ""
        if let raw = entry["date"] { date = dateString(raw) }
        if requireSource && date.range(of: #"^\d{4}-\d{2}(-\d{2})?$"#, options: .regularExpression) == nil {
            throw fail("date", date.isEmpty ? "missing (YYYY-MM-DD or YYYY-MM)" : "must be YYYY-MM-DD or YYYY-MM, got '\(date)'")
        }
        return ModelPricing(
            provider: provider, id: id, aliases: aliases, tier: entry["tier"].map { "\($0)" } ?? base?.tier, input: input,
            output: output, cachedRead: cachedRead, cacheWrite: cacheWrite, cacheWrite1h: cacheWrite1h,
            minimumCacheableTokens: minimum, increment: increment, ttlMinutes: ttl, maxBreakpoints: maxBreakpoints,
            tokenizer: tokenizer, tokenizerFactor: factor, source: source.isEmpty && !requireSource ? path : source,
            also: also, date: date, definedIn: path)
    }

    static func number(_ raw: Any) -> Double? {
        if raw is Bool { return nil }
        if let i = raw as? Int { return Double(i) }
        if let d = raw as? Double { return d }
        return nil
    }

    static func dateString(_ raw: Any) -> String {
        if let date = raw as? Date {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyy-MM-dd"
            return f.string(from: date)
        }
        return "\(raw)"
    }
}
