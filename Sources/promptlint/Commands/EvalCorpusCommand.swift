import ArgumentParser
import Foundation
import PromptLint

/// `promptlint eval-corpus [DIR]`: PL001 precision and recall against the labelled corpus.
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

    func run() throws {
        let evaluation: CorpusEvaluation = try withUsageErrors {
            let dir = directory ?? defaultCorpus()
            let linter = PromptLinter(rules: try RuleLoader.load(directories: try RuleLocator.additionalDirectories(explicit: rules)))
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
