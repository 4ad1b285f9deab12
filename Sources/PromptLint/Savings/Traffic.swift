import Foundation

/// Traffic and size assumptions behind an estimate, from the `traffic:` section of `.promptlint.yml`
/// and the command line.
///
/// ```yaml
/// traffic:
///   requests-per-day: 10000        # per template (default 1000)
///   templates: {"prompts/support/*.j2": 50000}
///   output-tokens: 300             # per request (default 0: input cost only)
///   days-per-month: 30
///   slot-tokens: {question: 120, passages: 2000}      # by variable name
///   slot-kind-tokens: {documents: 1500}               # by slot kind
/// ```
public struct TrafficAssumptions: Sendable {
    /// Requests per day for every template without its own figure.
    public var requestsPerDay: Double = 1000
    /// Requests per day by template glob (relative to the configuration's folder); the last match wins.
    public var perTemplate: [(GlobList, Double)] = []
    /// Output tokens per request (the same now and fixed, so they change cost, never savings).
    public var outputTokens: Int = 0
    /// Days in a month.
    public var daysPerMonth: Double = 30
    /// Typical tokens of a slot, by variable name (lower case).
    public var slotTokens: [String: Int] = [:]
    /// Typical tokens of a slot, by kind.
    public var kindTokens: [SlotKind: Int] = TrafficAssumptions.defaultKindTokens
    /// The folder template globs are relative to.
    public var baseDirectory: String = FileManager.default.currentDirectoryPath
    /// Where the settings came from, for reports.
    public var origin: String = "defaults"

    /// Typical slot sizes when neither the template's sample values nor the configuration give one.
    /// Kinds the cache model may add later get `fallbackKindTokens`.
    public static let defaultKindTokens: [SlotKind: Int] = {
        let byName = ["value": 16, "input": 150, "documents": 1000, "history": 800, "attachment": 1000, "time": 8,
                      "identifier": 12, "structural": 0]
        var out: [SlotKind: Int] = [:]
        for kind in SlotKind.allCases { out[kind] = byName[kind.rawValue] ?? fallbackKindTokens }
        return out
    }()

    /// Typical tokens of a slot of a kind without a default.
    public static let fallbackKindTokens = 16

    /// Creates the defaults.
    public init() {}

    /// Requests per day for a template path.
    public func requestsPerDay(for path: String) -> Double {
        let rel = PathUtil.relative(path, to: baseDirectory)
        return perTemplate.last { $0.0.matches(rel) || $0.0.matches(path) }?.1 ?? requestsPerDay
    }

    /// Parses a `traffic:` section.
    /// - Throws: `SavingsError.invalidTraffic` with the file and key.
    public static func parse(_ raw: Any, path: String, baseDirectory: String) throws(SavingsError) -> TrafficAssumptions {
        func fail(_ key: String, _ reason: String) -> SavingsError { .invalidTraffic(source: path, key: key, reason: reason) }
        guard let map = raw as? [String: Any] else { throw fail("traffic", "must be a mapping") }
        let known = ["requests-per-day", "templates", "output-tokens", "days-per-month", "slot-tokens", "slot-kind-tokens"]
        for key in map.keys.sorted() where !known.contains(key) { throw fail("traffic.\(key)", "unknown key") }
        var t = TrafficAssumptions()
        t.baseDirectory = baseDirectory
        t.origin = path
        func nonNegative(_ value: Any, _ key: String) throws(SavingsError) -> Double {
            guard !(value is Bool), let d = (value as? Int).map(Double.init) ?? (value as? Double), d.isFinite, d >= 0,
                d <= SavingsLimits.maxTrafficNumber
            else {
                throw fail(key, "must be a non-negative number at most \(Int(SavingsLimits.maxTrafficNumber)), got '\(value)'")
            }
            return d
        }
        if let v = map["requests-per-day"] { t.requestsPerDay = try nonNegative(v, "traffic.requests-per-day") }
        if let v = map["output-tokens"] { t.outputTokens = Int(try nonNegative(v, "traffic.output-tokens")) }
        if let v = map["days-per-month"] {
            t.daysPerMonth = try nonNegative(v, "traffic.days-per-month")
            if t.daysPerMonth == 0 || t.daysPerMonth > 31 { throw fail("traffic.days-per-month", "must be between 1 and 31") }
        }
        if let v = map["templates"] {
            guard let m = v as? [String: Any] else { throw fail("traffic.templates", "must map template globs to requests per day") }
            for glob in m.keys.sorted() {
                t.perTemplate.append((GlobList([glob]), try nonNegative(m[glob]!, "traffic.templates.\(glob)")))
            }
        }
        if let v = map["slot-tokens"] {
            guard let m = v as? [String: Any] else { throw fail("traffic.slot-tokens", "must map variable names to token counts") }
            for name in m.keys.sorted() {
                t.slotTokens[name.lowercased()] = Int(try nonNegative(m[name]!, "traffic.slot-tokens.\(name)"))
            }
        }
        if let v = map["slot-kind-tokens"] {
            guard let m = v as? [String: Any] else { throw fail("traffic.slot-kind-tokens", "must map slot kinds to token counts") }
            for name in m.keys.sorted() {
                guard let kind = SlotKind(rawValue: name.lowercased()) else {
                    throw fail("traffic.slot-kind-tokens.\(name)",
                               "unknown slot kind (\(SlotKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                t.kindTokens[kind] = Int(try nonNegative(m[name]!, "traffic.slot-kind-tokens.\(name)"))
            }
        }
        return t
    }
}

/// The `pricing:` and `traffic:` sections of a `.promptlint.yml`, read beside `ConfigurationLoader`
/// (which accepts the two keys and leaves them to this type).
public enum SavingsSettingsLoader {
    /// The raw `pricing:` and `traffic:` values of a configuration file, if it has them.
    /// - Throws: `SavingsError.invalidPricing` when the file does not parse.
    public static func sections(path: String) throws(SavingsError) -> (pricing: Any?, traffic: Any?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidPricing(path: path, key: "(file)", reason: "cannot read file")
        }
        let root = try PricingLoader.loadYAML(String(decoding: data, as: UTF8.self), path: path)
        guard let map = root as? [String: Any] else { return (nil, nil) }
        return (map["pricing"], map["traffic"])
    }
}
