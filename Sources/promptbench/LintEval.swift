import ArgumentParser
import Foundation
import SafeIO

/// `promptbench lint-eval`: runs the `promptlint` binary on every pinned repository of the development
/// set, as a new user would (`promptlint check --format json .` at the root, no configuration), and
/// scores the findings against the hand labels.
struct LintEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint-eval",
        abstract: "Lint the real-repository development set and score it against the labels (Eval/repos/README.md).")

    @Option(help: "Folder holding the checkouts (bash Scripts/eval-repos.sh checkout MIRRORS DEST).")
    var repos: String

    @Option(help: "The labels TSV.")
    var labels = "Eval/repos/labels.tsv"

    @Option(help: "The pinned repository list.")
    var list = "Eval/repos/repos.tsv"

    @Option(help: "The promptlint binary (default: the one built beside this promptbench).")
    var promptlint: String?

    @Flag(help: "Also list every labelled problem no finding matched.")
    var showMisses = false

    func run() throws {
        do {
            try evaluate()
        } catch let error as LintEvalError {
            StandardStreams.writeError("lint-eval: \(error)\n")
            throw ExitCode(2)
        }
    }

    func evaluate() throws {
        let labelSet = try LintEvalLabels(path: labels)
        let pinned = try PinnedRepository.list(path: list)
        let binary = try locateBinary()
        var rows: [(PinnedRepository, LintRun, LintEvalScore)] = []
        var missing: [String] = []
        for repo in pinned {
            let directory = (repos as NSString).appendingPathComponent(repo.folder)
            try Self.checkCommit(repo, directory: directory)
            missing += labelSet.labelledPaths(of: repo.name)
                .filter { !FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent($0)) }
                .map { "\(repo.name)\t\($0)" }
            let run = try LintRun.run(binary: binary, directory: directory, repo: repo.name)
            rows.append((repo, run, LintEvalScore(repo: repo.name, run: run, labels: labelSet)))
        }
        LintEvalTable.print(rows, showMisses: showMisses)
        if !missing.isEmpty {
            print("\nlabelled paths missing from the checkouts (stale labels):")
            missing.forEach { print("missing-file\t\($0)") }
        }
    }

    /// The `promptlint` binary to run.
    func locateBinary() throws -> String {
        let path = promptlint ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("promptlint").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw LintEvalError.binaryNotFound(path) }
        return path
    }

    /// Fails unless `directory` is a checkout of the pinned commit (detached HEAD, as the script leaves it).
    static func checkCommit(_ repo: PinnedRepository, directory: String) throws {
        let head = (directory as NSString).appendingPathComponent(".git/HEAD")
        guard let data = FileManager.default.contents(atPath: head) else {
            throw LintEvalError.missingCheckout(repo: repo.name, directory: directory)
        }
        let found = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard found == repo.commit else { throw LintEvalError.wrongCommit(repo: repo.name, expected: repo.commit, found: found) }
    }
}
