import ArgumentParser
import Foundation
import PromptCompression
import SafeIO
import TinyLM

/// `promptcompress score`: every token of a text with its log-probability under the model.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print each token of the text (BOS first) with log p(token | tokens before it).")

    @Argument(help: "A text file, or - for standard input (the default).")
    var file: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "The GGUF model file (default: $PROMPTLINT_MODEL, then the setup script's cache folder).")
    var model: String?

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        let text = try TextInput.read(file)
        let languageModel = try LanguageModel(path: try ModelLocator.locate(explicit: model))
        let tokens = try languageModel.score(text)
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
