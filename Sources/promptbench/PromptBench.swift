import ArgumentParser

/// `promptbench`: benchmarks and evaluations of the model runtime and the compressor.
@main
struct PromptBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promptbench",
        abstract: "Benchmarks and evaluations: scoring speed, compression retention, few-shot coverage.",
        subcommands: [ScoreBench.self, FewShotEval.self, CompressionEval.self, LintEval.self],
        defaultSubcommand: ScoreBench.self)
}
