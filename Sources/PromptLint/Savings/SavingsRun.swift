import Foundation

/// What `--savings` was asked for on the command line.
public struct SavingsOptions: Sendable {
    /// `--provider`.
    public var provider: String?
    /// `--model`.
    public var model: String?
    /// `--requests-per-day`: applies to every template, over the configuration.
    public var requestsPerDay: Double?
    /// `--output-tokens`.
    public var outputTokens: Int?
    /// `--pricing DIR`: a pricing folder whose models add to (or replace, by provider and id) the built-in ones.
    public var pricingDirectory: String?
    /// `--tokenizer-fallback`: chars/4 when the tokenizer file is missing, with a warning in every report.
    public var tokenizerFallback: Bool

    /// Creates options.
    public init(provider: String? = nil, model: String? = nil, requestsPerDay: Double? = nil, outputTokens: Int? = nil,
                pricingDirectory: String? = nil, tokenizerFallback: Bool = false) {
        self.provider = provider
        self.model = model
        self.requestsPerDay = requestsPerDay
        self.outputTokens = outputTokens
        self.pricingDirectory = pricingDirectory
        self.tokenizerFallback = tokenizerFallback
    }
}

/// Everything an estimate needs before reading templates: the model, the tokenizer and the traffic.
public struct SavingsContext: Sendable {
    /// The model priced.
    public var pricing: ModelPricing
    /// The tokenizer.
    public var tokens: LoadedTokenCounter
    /// Traffic assumptions (configuration, then command line).
    public var traffic: TrafficAssumptions

    /// Resolves pricing data, `.promptlint.yml` sections and options, and loads the tokenizer.
    /// - Parameters:
    ///   - options: command-line choices.
    ///   - ruleDirectories: rule folders added to the built-in rules; the `pricing/` folder of each adds to the
    ///     built-in pricing.
    ///   - configurationPath: the `.promptlint.yml` that applies, if any.
    ///   - environment: for tokenizer lookup.
    /// - Throws: `SavingsError` (one line naming the file and key, or the setup script).
    public static func resolve(
        options: SavingsOptions, ruleDirectories: [String] = [], configurationPath: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SavingsError) -> SavingsContext {
        if let n = options.requestsPerDay, !(n.isFinite && n >= 0 && n <= SavingsLimits.maxTrafficNumber) {
            throw .invalidTraffic(source: "command line", key: "--requests-per-day",
                                  reason: "must be a non-negative number at most \(Int(SavingsLimits.maxTrafficNumber)), got \(n)")
        }
        if let n = options.outputTokens, n < 0 {
            throw .invalidTraffic(source: "command line", key: "--output-tokens", reason: "must be a non-negative integer, got \(n)")
        }
        var catalog = try PricingLoader.load(addingDirectories: pricingDirectories(options: options, ruleDirectories: ruleDirectories))
        var traffic = TrafficAssumptions()
        var provider = options.provider
        var model = options.model
        if let configurationPath {
            let sections = try SavingsSettingsLoader.sections(path: configurationPath)
            if let raw = sections.pricing {
                let overrides = try PricingLoader.parseOverrides(raw, catalog: catalog, path: configurationPath)
                catalog.apply(overrides.models)
                if provider == nil && model == nil {
                    provider = overrides.provider
                    model = overrides.model
                }
            }
            if let raw = sections.traffic {
                traffic = try TrafficAssumptions.parse(raw, path: configurationPath,
                                                       baseDirectory: (configurationPath as NSString).deletingLastPathComponent)
            }
        }
        if let n = options.requestsPerDay {
            traffic.requestsPerDay = n
            traffic.perTemplate = []
        }
        if let n = options.outputTokens { traffic.outputTokens = n }
        let pricing = try catalog.model(provider: provider, model: model)
        let tokens = try TokenCounterLoader.load(pricing.tokenizer, factor: pricing.tokenizerFactor,
                                                 allowFallback: options.tokenizerFallback, environment: environment)
        return SavingsContext(pricing: pricing, tokens: tokens, traffic: traffic)
    }

    /// The pricing folders that add to the built-in data: `pricing/` of each added rule folder that has one, then
    /// `--pricing DIR` (which must exist).
    static func pricingDirectories(options: SavingsOptions, ruleDirectories: [String]) -> [String] {
        var folders = ruleDirectories.map { ($0 as NSString).appendingPathComponent("pricing") }.filter {
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && isDir.boolValue
        }
        if let explicit = options.pricingDirectory { folders.append(explicit) }
        return folders
    }

    /// Estimates every readable file of a lint report (files are read again from disk).
    /// - Throws: `PromptLintError` when a file's configuration is invalid.
    public func estimate(_ report: LintReport, configurations: ConfigurationLoader) throws -> SavingsReport {
        let estimator = SavingsEstimator(pricing: pricing, counter: tokens.counter, traffic: traffic)
        var templates: [TemplateSavings] = []
        for file in report.files where file.format != "unknown" {
            let abs = PathUtil.absolute(file.path, cwd: report.workingDirectory)
            guard let data = FileManager.default.contents(atPath: abs) else { continue }
            let configuration = try configurations.configuration(for: abs)
            let template = TemplateReading.read(path: file.path, data: data, format: configuration.format(for: abs))
            templates += estimator.estimate(template, classifier: configuration.classifier,
                                            requestsPerDay: traffic.requestsPerDay(for: abs))
        }
        return SavingsReport(pricing: pricing, tokenizer: tokens.summary, tokenizerIsFallback: tokens.isFallback,
                             traffic: traffic, templates: templates)
    }
}
