import ArgumentParser
import CommandLineSupport

/// `promptbench`: benchmarks and evaluations of the model runtime, the compressor and the linter.
@main
struct PromptBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promptbench",
        abstract: "Benchmarks and evaluations: scoring speed, compression retention, few-shot coverage, linting real repositories.",
        subcommands: [ScoreBench.self, FewShotEval.self, CompressionEval.self, LintEval.self],
        defaultSubcommand: ScoreBench.self)

    /// Runs the command; every failure becomes one line on stderr and exit status 2.
    static func main() {
        CommandLineRunner.run(Self.self, name: "promptbench")
    }
}
