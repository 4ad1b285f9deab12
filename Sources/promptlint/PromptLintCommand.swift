import ArgumentParser
import CommandLineSupport
import Foundation
import PromptLint
import SafeIO

/// The `promptlint` command line: a thin layer over the `PromptLint` library.
@main
struct PromptLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promptlint",
        abstract: "Find dynamic content that breaks provider prompt caches in prompt templates.",
        version: PromptLintVersion.current,
        subcommands: [CheckCommand.self, FilesCommand.self, RuleCommand.self, RulesCommand.self, EvalCorpusCommand.self, LayoutCommand.self,
                      ReportCommand.self],
        defaultSubcommand: CheckCommand.self)

    /// Parses and runs, mapping every usage, configuration, I/O or internal error to exit code 2 with a
    /// one-line message (ArgumentParser alone would use 64 for usage errors).
    static func main() {
        CommandLineRunner.run(Self.self, name: "promptlint")
    }
}

/// Writes a line to standard error, control characters escaped.
func printError(_ message: String) {
    StandardStreams.writeError(DisplayText.escaped(message) + "\n")
}

/// Writes to standard output.
/// - Throws: `FileAccessError` when standard output is closed or full.
func printOutput(_ text: String) throws {
    try StandardStreams.writeOutput(text)
}

/// Exit codes: 0 clean, 1 findings at or above the threshold, 2 usage or configuration error.
enum Exit {
    static let findings = ExitCode(1)
    static let usage = ExitCode(2)
}

/// Runs `body`, turning library errors into a one-line message and exit code 2.
func withUsageErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as PromptLintError {
        printError("promptlint: \(error.errorDescription ?? "\(error)")")
        throw Exit.usage
    }
}
