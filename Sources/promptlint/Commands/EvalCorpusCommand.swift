import ArgumentParser
import Foundation
import PromptLint

/// `promptlint eval-corpus [DIR]`: PL001 precision and recall against the labelled corpus. The corpus is
/// labelled for layout hygiene (any dynamic value before the last static block), so it runs under
/// `profile: strict` unless `--profile` says otherwise.
struct EvalCorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval-corpus", abstract: "Measure PL001 against the labelled corpus (MANIFEST.tsv).")

    @Argument(help: "Corpus folder (default: ../shared/corpus next to the package root).")
    var directory: String?

    @Option(name: .long, help: "Rules folder.")
    var rules: String?

    @Option(name: .long, help: "Rule to evaluate.")
    var rule: String = "PL001"

    @Flag(name: .long, help: "List every file, not only disagreements.")
    var all = false

    @Option(name: .long, help: "Profile the rules run under: strict (default here: the corpus labels hygiene) or cost.")
    var profile: String = LintProfile.strict.rawValue

    func run() throws {
        let evaluation: CorpusEvaluation = try withUsageErrors {
            let dir = directory ?? defaultCorpus()
            guard let chosen = LintProfile(rawValue: profile) else {
                let names = LintProfile.allCases.map(\.rawValue).joined(separator: ", ")
                throw PromptLintError.invalidConfiguration(path: "--profile", reason: "must be one of \(names)")
            }
            var configuration = Configuration()
            configuration.profile = chosen
            let linter = PromptLinter(
                rules: try RuleLoader.load(directories: try RuleLocator.additionalDirectories(explicit: rules)),
                configuration: configuration)
            return try CorpusEvaluation.run(directory: dir, linter: linter, ruleID: rule)
        }
        try printOutput(EvaluationTable.render(evaluation, all: all))
    }

    func defaultCorpus() -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let root = RuleLocator.packageRoot(from: cwd) ?? cwd
        return ((root as NSString).appendingPathComponent("../shared/corpus") as NSString).standardizingPath
    }
}
