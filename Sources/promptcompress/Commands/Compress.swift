import ArgumentParser
import Foundation
import SafeIO
import PromptCompression
import TinyLM

/// `promptcompress [compress]`: LLMLingua-style compression of a prompt file (the default subcommand).
struct Compress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compress a prompt: keep --ratio of its model tokens (or --target-tokens), never breaking words, placeholders, marked spans, JSON or code blocks.")

    @Argument(help: "A prompt file, or - for standard input (the default).")
    var file: String?

    @Option(help: "Fraction of the model tokens to keep, in (0, 1].")
    var ratio: Double?

    @Option(name: .customLong("target-tokens"), help: "Number of model tokens to keep (instead of --ratio).")
    var targetTokens: Int?

    @Option(help: "The question the prompt will answer: question-aware ranking and contrastive pruning.")
    var question: String?

    @Option(help: "Output format: text (the compressed prompt) or json (with counts and kept byte ranges).")
    var format: OutputFormat = .text

    @Flag(help: "The input is an OpenAI or Anthropic request (or messages array): compress only message texts.")
    var messages = false

    @Option(help: "With --messages: comma-separated roles whose text is compressed.")
    var roles = "user,system"

    @Flag(name: .customLong("compress-last-user"),
          help: "With --messages: compress the last user message too (by default it is kept verbatim and, without --question, is the question).")
    var compressLastUser = false

    @Flag(name: .customLong("keep-digits"), help: "Keep every word that contains a digit.")
    var keepDigits = false

    @Option(name: .customLong("force"), help: "A word or phrase always kept (repeatable).")
    var force: [String] = []

    @Option(name: .customLong("max-tokens"),
            help: "Refuse an input the model would read more than this many tokens of (0: no limit; default \(CompressionOptions.defaultMaxModelTokens), about two minutes with a question).")
    var maxTokens = CompressionOptions.defaultMaxModelTokens

    @Option(help: "The GGUF model file (default: $PROMPTLINT_MODEL, then the setup script's cache folder).")
    var model: String?

    /// `--exact` / `--fast`: the scoring mode (default: the library's, `CompressionOptions().scoringMode`).
    enum Scoring: String, EnumerableFlag {
        case exact, fast

        static func help(for value: Scoring) -> ArgumentHelp? {
            switch value {
            case .exact: "Score in float32 throughout (the reference)."
            case .fast:
                "Score with the int8 trunk and output head (faster; log-probabilities within 0.05 nats of exact on 99% of tokens)."
            }
        }
    }

    @Flag var scoring: Scoring?

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    struct UsageError: LocalizedError {
        let message: String
        var errorDescription: String? { message }
    }

    func validate() throws {
        switch (ratio, targetTokens) {
        case (nil, nil): throw UsageError(message: "give --ratio R (0 < R <= 1) or --target-tokens N")
        case (.some, .some): throw UsageError(message: "give either --ratio or --target-tokens, not both")
        case (let r?, nil):
            guard r > 0, r <= 1, r.isFinite else { throw CompressionError.invalidRatio(r) }
        case (nil, let n?):
            guard n > 0 else { throw CompressionError.invalidTargetTokens(n) }
        }
        guard maxTokens >= 0 else { throw UsageError(message: "--max-tokens must be 0 (no limit) or positive, got \(maxTokens)") }
        if let question, question.utf8.count > CompressionOptions.maxQuestionBytes {
            throw CompressionError.questionTooLong(bytes: question.utf8.count)
        }
    }

    func run() throws {
        let name = file.map { $0 == "-" ? "<stdin>" : $0 } ?? "<stdin>"
        let text = try TextInput.read(file)
        guard !text.allSatisfy(\.isWhitespace) else { throw UsageError(message: "\(name): the input is empty") }
        let roleSet = Set(roles.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
        if messages {
            do { try PromptCompressor.validateMessages(text) } catch let error as CompressionError {
                throw UsageError(message: "\(name): \(error.errorDescription ?? "invalid request")")
            }
        }
        PhaseTiming.report("before model load")
        var options = CompressionOptions(question: question, keepDigits: keepDigits, forceWords: force)
        if let scoring { options.scoringMode = scoring == .fast ? .fast : .exact }
        let languageModel = try PhaseTiming.measure("language model load") {
            try LanguageModel(path: try ModelLocator.locate(explicit: model), preparing: options.scoringMode)
        }
        let compressor = PromptCompressor(languageModel: languageModel)
        options.compressLastUser = compressLastUser
        options.maxModelTokens = maxTokens == 0 ? nil : maxTokens
        let progressLine = text.utf8.count > 2000 ? ProgressLine.onTerminal("compressing") : nil
        if let progressLine { options.progress = { @Sendable fraction in progressLine.draw(fraction) } }
        defer { PhaseTiming.report("end") }
        let result: CompressionResult
        do {
            switch (messages, ratio, targetTokens) {
            case (true, let r?, _): result = try compressor.compressMessages(text, ratio: r, roles: roleSet, options: options)
            case (true, nil, let n?): result = try compressor.compressMessages(text, targetTokens: n, roles: roleSet, options: options)
            case (false, let r?, _): result = try PhaseTiming.measure("compress") { try compressor.compress(text, ratio: r, options: options) }
            case (false, nil, let n?): result = try compressor.compress(text, targetTokens: n, options: options)
            default: throw UsageError(message: "give --ratio R or --target-tokens N")
            }
        } catch let error as CompressionError {
            progressLine?.clear()
            if case .inputTooLong(let tokens, let limit) = error {
                throw UsageError(message: "\(name): the model would read \(tokens) tokens of this input, above the limit of \(limit): raise it with --max-tokens (0: no limit) or split the input")
            }
            throw UsageError(message: "\(name): \(error.errorDescription ?? "\(error)")")
        }
        progressLine?.clear()
        if result.protectedExceedsBudget {
            StandardStreams.writeError("promptcompress: warning: protected content alone is \(result.protectedTokens) tokens, above the target of \(result.targetTokens); only protected content was kept\n")
        }
        if result.droppedBlocks > 0 {
            StandardStreams.writeError("promptcompress: warning: \(result.droppedBlocks) code/JSON block(s) dropped whole: the target cannot hold them\n")
        }
        var out: String
        switch format {
        case .text:
            out = result.text
            if !out.hasSuffix("\n") { out += "\n" }
        case .json:
            out = result.json
        }
        try StandardStreams.writeOutput(out)
    }
}
