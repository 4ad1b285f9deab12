import ArgumentParser
import Foundation
import SafeIO
import PromptCompression
import TinyLM

/// `promptcompress fewshot`: keep a small, diverse, representative set of few-shot examples.
struct FewShot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fewshot",
        abstract: "Prune few-shot examples for coverage (JSON list, JSONL, or a plain prompt split by --split).",
        discussion: """
            Examples are embedded with the local model and chosen to cover the whole set (facility location, or \
            MMR with --query); when they carry a "label", every label is kept first. Kept examples stay in input \
            order. Plain output is the pruned input in its own form; --format json prints {"selected", \
            "examples", "scores", "tokens_before", "tokens_after", "coverage"}.
            """)

    @Argument(help: "A JSON list, a JSONL file or a plain prompt; - for standard input (the default).")
    var file: String?

    @Option(help: "Keep this many examples.")
    var keep: Int?

    @Option(help: "Keep examples totalling at most this many tokens.")
    var budget: Int?

    @Option(help: "Favour examples relevant to this text (MMR).")
    var query: String?

    @Option(help: "Output format: text (the input's own form) or json.")
    var format: OutputFormat = .text

    @Option(name: .customLong("input-format"), help: "How to read the input: auto, json, jsonl or plain.")
    var inputFormat: InputFormat = .auto

    @Option(help: "Plain prompts: regular expression matching the delimiter between examples (default: blank lines before a Question:/Q:/Input:/Problem:/Example: header).")
    var split: String?

    @Option(help: "Coverage objective: facility or kcenter.")
    var objective: FewShotObjective = .facilityLocation

    @Option(help: "MMR weight of relevance against redundancy (0-1), with --query or --last-is-query.")
    var lambda: Float = 0.5

    @Flag(name: .customLong("last-is-query"), help: "The last block is the live question: always kept, and the MMR query unless --query is given.")
    var lastIsQuery = false

    @Flag(name: .customLong("no-stratify"), help: "Ignore labels.")
    var noStratify = false

    @Flag(help: "Embed with the int8 trunk (faster, the same selections on the measured pools; default: float32).")
    var fast = false

    @Option(help: "The GGUF model file (default: $PROMPTLINT_MODEL, then the setup script's cache folder).")
    var model: String?

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }
    enum InputFormat: String, ExpressibleByArgument, CaseIterable { case auto, json, jsonl, plain }

    func validate() throws {
        if (keep == nil) == (budget == nil) { throw ValidationError("give exactly one of --keep K and --budget TOKENS") }
        if let keep, keep < 1 { throw ValidationError("--keep must be at least 1 (got \(keep))") }
        if let budget, budget < 1 { throw ValidationError("--budget must be at least 1 token (got \(budget))") }
        if !(0...1).contains(lambda) { throw ValidationError("--lambda must be between 0 and 1") }
    }

    func run() throws {
        let name = file ?? "-"
        let text = try TextInput.read(file)
        do {
            let document = try FewShotDocument.parse(
                text, format: inputFormat == .auto ? nil : FewShotDocument.Format(rawValue: inputFormat.rawValue),
                splitPattern: split)
            let limit: FewShotLimit = keep.map { .count($0) } ?? .budget(budget!)
            var options = FewShotPruner.Options()
            options.objective = objective
            options.lambda = lambda
            options.stratifyByLabel = !noStratify
            options.trunk = fast ? .fast : .exact
            let languageModel = try LanguageModel(path: try ModelLocator.locate(explicit: model))
            var pruner = FewShotPruner(languageModel: languageModel, options: options)
            let progressLine = document.examples.count > 20 ? ProgressLine.onTerminal("embedding examples") : nil
            if let progressLine { pruner.progress = { @Sendable fraction in progressLine.draw(fraction) } }
            let pruned: FewShotPrunedText
            do {
                pruned = try pruner.prune(document: document, limit: limit, query: query, lastIsQuery: lastIsQuery)
            } catch {
                progressLine?.clear()
                throw error
            }
            progressLine?.clear()
            for warning in document.warnings + pruned.result.warnings {
                StandardStreams.writeError("promptcompress: warning: \(DisplayText.escaped(warning.description))\n")
            }
            let out = format == .json ? pruned.result.json : pruned.text
            try StandardStreams.writeOutput(out)
        } catch let error as FewShotError {
            throw FileError(message: "\(name == "-" ? "<stdin>" : name): \(error.errorDescription ?? "\(error)")")
        }
    }

    struct FileError: LocalizedError {
        let message: String
        var errorDescription: String? { message }
    }
}

extension FewShotObjective: ExpressibleByArgument {}
