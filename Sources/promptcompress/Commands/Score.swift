import ArgumentParser
import Foundation
import PromptCompression
import SafeIO
import TinyLM

/// `promptcompress score`: every token of a text with its log-probability under the model.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print each token of the text (BOS first) with log p(token | tokens before it).",
        discussion: """
            Texts longer than \(LanguageModel.scoringWindow) tokens are scored in windows of that many positions \
            (BOS, the \(LanguageModel.scoringOverlap) tokens before the window as context, then the window's tokens), \
            so memory stays flat in the text's length. A progress line is drawn on standard error when it is a terminal.
            """)

    @Argument(help: "A text file, or - for standard input (the default).")
    var file: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "The GGUF model file (default: $PROMPTLINT_MODEL, then the setup script's cache folder).")
    var model: String?

    @Flag(help: "Score with the int8 trunk and output head (faster; log-probabilities approximate those of exact mode).")
    var fast = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        let text = try TextInput.read(file)
        let languageModel = try LanguageModel(path: try ModelLocator.locate(explicit: model), preparing: fast ? .fast : nil)
        let progressLine = text.utf8.count > 2000 ? ProgressLine.onTerminal("scoring") : nil
        let tokens: [ScoredToken]
        do {
            tokens = try languageModel.score(text, mode: fast ? .fast : .exact, progress: progressLine.map { line in { line.draw($0) } })
        } catch {
            progressLine?.clear()
            throw error
        }
        progressLine?.clear()
        var out = ""
        switch format {
        case .json:
            out = TokenScoreReport.json(model: languageModel.name, tokens: tokens)
        case .text:
            for t in tokens {
                out += "\(t.id)\t\(JSONText.number(t.logProbability))\t\(JSONText.string(t.text))\n"
            }
        }
        try StandardStreams.writeOutput(out)
    }
}
