import ArgumentParser
import Foundation
import PromptLint

/// `promptlint check PATH...`
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Lint template files and directories.")

    @Argument(help: "Files or directories to lint (directories are searched recursively).")
    var paths: [String] = ["."]

    @Option(name: .long, help: "Report format: text, json, sarif, github, junit, checkstyle. Repeatable; pair each with --output.")
    var format: [String] = []

    @Option(name: [.short, .long], help: "Write the report to FILE (pairs with the --format at the same position).")
    var output: [String] = []

    @Option(name: .long, help: "Extra report as FORMAT:FILE (repeatable), e.g. sarif:promptlint.sarif.")
    var report: [String] = []

    @Option(name: .customLong("fail-on"), help: "Lowest severity that fails the run: error, warning, info.")
    var failOn: String = "warning"

    @Option(name: .long, help: "Configuration file (default: nearest .promptlint.yml above each path).")
    var config: String?

    @Option(name: .long, help: "Rules folder to add to the built-in rules (a rule with a built-in id replaces it); also PROMPTLINT_RULES.")
    var rules: String?

    @Option(name: .long, help: "Hide findings recorded in this baseline file.")
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: "Record all current findings in this baseline file.")
    var writeBaseline: String?

    @Flag(name: .long, help: "Add cost per request and per month, now and with the cache layout fixed, to every report format.")
    var savings = false

    @OptionGroup var savingsArguments: SavingsArguments

    func validate() throws {
        guard Severity(rawValue: failOn) != nil else {
            throw ValidationError("--fail-on must be error, warning or info")
        }
        if output.count > max(format.count, 1) {
            throw ValidationError("each --output needs a --format before it")
        }
        for f in format + report.map({ String($0.split(separator: ":").first ?? "") }) {
            guard Reporters.all.contains(where: { $0.identifier == f.lowercased() }) else {
                throw ValidationError("unknown format '\(f)' (text, json, sarif, github, junit, checkstyle)")
            }
        }
        for r in report where !r.contains(":") || r.hasSuffix(":") {
            throw ValidationError("--report takes FORMAT:FILE, got '\(r)'")
        }
    }

    func run() throws {
        let outputs = try plannedOutputs()
        let result: LintReport = try withUsageErrors {
            let cwd = FileManager.default.currentDirectoryPath
            let ruleDirs = try RuleLocator.additionalDirectories(explicit: rules)
            let loader = try ConfigurationLoader(explicitPath: config, fallbackDirectory: cwd)
            // With --savings, the rules count tokens with the priced model's tokenizer, so PL001, PL003 and
            // the savings table give the same counts.
            let savingsContext = savings
                ? try savingsArguments.context(loader: loader, ruleDirectories: ruleDirs, paths: paths) : nil
            let runner = LintRunner(ruleDirectories: ruleDirs, configurations: loader, workingDirectory: cwd,
                                    tokenCounter: savingsContext?.tokens.counter ?? EstimatedTokenCounter())
            var report = try runner.run(paths)
            if let writeBaseline {
                try Baseline(findings: report.findings).write(to: writeBaseline)
            }
            if let baseline {
                report = report.filtered(by: try Baseline.load(path: baseline))
            }
            if let savingsContext {
                report.savings = try savingsContext.estimate(report, configurations: loader)
            }
            for (reporter, file) in outputs {
                let text = reporter.generateReport(report)
                if let file {
                    try AtomicFile.write(Data(text.utf8), to: file)
                } else {
                    try printOutput(text)
                }
            }
            return report
        }
        // Writing a baseline records the findings; it is not a failed check.
        if writeBaseline != nil { return }
        let threshold = Severity(rawValue: failOn) ?? .warning
        if let worst = result.maxSeverity, worst >= threshold { throw Exit.findings }
    }

    /// (reporter, file or nil for stdout) pairs.
    func plannedOutputs() throws -> [(any Reporter.Type, String?)] {
        var planned: [(any Reporter.Type, String?)] = []
        let formats = format.isEmpty && !output.isEmpty ? ["text"] : format
        for (i, name) in formats.enumerated() {
            planned.append((try Reporters.named(name), i < output.count ? output[i] : nil))
        }
        for r in report {
            let parts = r.split(separator: ":", maxSplits: 1).map(String.init)
            planned.append((try Reporters.named(parts[0]), parts[1]))
        }
        if !planned.contains(where: { $0.1 == nil }) && planned.allSatisfy({ $0.1 != nil }) && formats.isEmpty {
            planned.insert((TextReporter.self, nil), at: 0)
        }
        return planned
    }
}
