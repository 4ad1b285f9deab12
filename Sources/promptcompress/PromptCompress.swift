import ArgumentParser
import CommandLineSupport
import Foundation

/// `promptcompress`: shorten prompts with a local language model before they are sent.
@main
struct PromptCompress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promptcompress",
        abstract: "Compress prompts with a local Gemma 3 270M model, score tokens, prune few-shot examples.",
        subcommands: [Compress.self, Score.self, FewShot.self],
        defaultSubcommand: Compress.self
    )

    /// Runs the command; every failure becomes one line on stderr and exit status 2.
    static func main() {
        CommandLineRunner.run(Self.self, name: "promptcompress")
    }
}
