import ArgumentParser
import Foundation
import PromptLint

/// Options shared by `check --savings` and `report`: which model to price, at what traffic.
struct SavingsArguments: ParsableArguments {
    @Option(name: .long, help: "Provider to price: anthropic, openai, gemini, deepseek (default: .promptlint.yml pricing.provider, else anthropic).")
    var provider: String?

    @Option(name: .long, help: "Model to price, e.g. claude-sonnet-4-5, gpt-4o (default: the provider's default model).")
    var model: String?

    @Option(name: .customLong("requests-per-day"), help: "Requests per day per template (default: .promptlint.yml traffic, else 1000).")
    var requestsPerDay: Double?

    @Option(name: .customLong("output-tokens"), help: "Output tokens per request (default 0: input cost only; savings do not depend on it).")
    var outputTokens: Int?

    @Option(name: .customLong("pricing"), help: "Pricing folder whose models add to (or replace, by provider and id) the built-in pricing.")
    var pricingDirectory: String?

    @Flag(name: .customLong("tokenizer-fallback"), help: "If a tokenizer file is missing, estimate chars/4 (flagged in every report) instead of failing.")
    var tokenizerFallback = false

    var options: SavingsOptions {
        SavingsOptions(provider: provider, model: model, requestsPerDay: requestsPerDay, outputTokens: outputTokens,
                       pricingDirectory: pricingDirectory, tokenizerFallback: tokenizerFallback)
    }

    /// The model, tokenizer and traffic to estimate with; the `.promptlint.yml` of the first path supplies
    /// pricing and traffic.
    func context(loader: ConfigurationLoader, ruleDirectories: [String], paths: [String]) throws -> SavingsContext {
        let configurationPath = try loader.configuration(for: paths.first ?? ".").path
        return try SavingsContext.resolve(options: options, ruleDirectories: ruleDirectories, configurationPath: configurationPath)
    }

    /// Estimates the files of `report`.
    func estimate(_ report: LintReport, loader: ConfigurationLoader, ruleDirectories: [String], paths: [String]) throws -> SavingsReport {
        try context(loader: loader, ruleDirectories: ruleDirectories, paths: paths).estimate(report, configurations: loader)
    }
}

/// `promptlint report PATH... --html out.html`: a self-contained page of cost now vs fixed per template.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML page of per-template cost now vs with the cache layout fixed.")

    @Argument(help: "Files or directories (searched recursively).")
    var paths: [String] = ["."]

    @Option(name: .long, help: "Write the page to this file (written atomically).")
    var html: String

    @Option(name: .long, help: "Configuration file (default: nearest .promptlint.yml above each path).")
    var config: String?

    @Option(name: .long, help: "Rules folder to add to the built-in rules (a rule with a built-in id replaces it); also PROMPTLINT_RULES.")
    var rules: String?

    @OptionGroup var pricing: SavingsArguments

    func run() throws {
        let savings: SavingsReport = try withUsageErrors {
            let cwd = FileManager.default.currentDirectoryPath
            let ruleDirs = try RuleLocator.additionalDirectories(explicit: rules)
            let loader = try ConfigurationLoader(explicitPath: config, fallbackDirectory: cwd)
            let lint = try LintRunner(ruleDirectories: ruleDirs, configurations: loader, workingDirectory: cwd).run(paths)
            let savings = try pricing.estimate(lint, loader: loader, ruleDirectories: ruleDirs, paths: paths)
            var findings: [String: Int] = [:]
            for file in lint.files { findings[file.path] = file.findings.count }
            let title = "promptlint savings: \(paths.joined(separator: " ")) on \(savings.pricing.provider) \(savings.pricing.id)"
            try AtomicFile.write(Data(HTMLReport.render(savings, findings: findings, title: title).utf8), to: html)
            return savings
        }
        print("wrote \(html): \(savings.templates.count) templates, $\(String(format: "%.2f", savings.costPerMonth))/month now, "
            + "$\(String(format: "%.2f", savings.costPerMonthFixed))/month fixed, $\(String(format: "%.2f", savings.savingsPerMonth))/month saved"
            + (savings.tokenizerIsFallback ? " (WARNING: chars/4 token estimate)" : ""))
    }
}
