import GGUF
import Tokenizers

/// One token of a scored text.
public struct ScoredToken: Sendable, Hashable {
    /// The token id.
    public var id: Int32
    /// The token's text (special tokens rendered as written, e.g. `<bos>`).
    public var text: String
    /// The UTF-8 bytes of the input this token covers (empty for BOS).
    public var byteRange: Range<Int>
    /// log p(token | all tokens before it), nil for the first token.
    public var logProbability: Float?
}

/// The model and its tokenizer, loaded once and shared: scoring is safe from concurrent tasks.
public struct LanguageModel: Sendable {
    /// The transformer.
    public let model: Gemma3Model
    /// The SentencePiece tokenizer read from the same file.
    public let tokenizer: SentencePieceTokenizer
    /// The model file's path.
    public var path: String { model.file.path }
    /// A short name for reports: the GGUF's `general.name`, else the file name.
    public var name: String {
        model.file.metadata["general.name"]?.stringValue ?? String(path.split(separator: "/").last ?? "")
    }

    /// Maps and validates the model file at `path` and reads its vocabulary.
    /// - Parameter preparing: `.fast` maps (or builds) the fast mode's packed weights (`Int8Trunk`, `Int8OutputHead`)
    ///   on a background thread while the vocabulary is read, so that a process that will score in fast mode does
    ///   not wait for them after loading; the first fast pass waits for that thread if it has not finished.
    ///   `nil` or `.exact` (the default): nothing is prepared ahead.
    /// - Throws: `TinyLMError` naming the file and the problem.
    public init(path: String, preparing: ScoringMode? = nil) throws {
        let gguf: GGUFFile
        do { gguf = try PhaseTiming.measure("model map") { try GGUFFile(path: path) } } catch let error as GGUFError { throw TinyLMError.file(error) }
        model = try PhaseTiming.measure("model weights") { try Gemma3Model(gguf: gguf) }
        if preparing == .fast { model.prepareFastWeightsInBackground() }
        do {
            tokenizer = try PhaseTiming.measure("tokenizer load") { try SentencePieceTokenizer(gguf: gguf) }
        } catch {
            throw TinyLMError.tokenizer(path: path, reason: "\(error)")
        }
        guard tokenizer.vocabularySize == model.configuration.vocabularySize else {
            throw TinyLMError.invalidConfiguration(path: path, what: "vocabulary and embedding sizes differ")
        }
    }

    /// Tokens fed to the model per forward pass by `score`: the activations of one chunk, not of the whole text,
    /// are held at once.
    public static let scoringChunk = 512

    /// Positions one scoring window holds (BOS included): the key/value cache of `score` never holds more, so
    /// peak memory does not grow with the text beyond this many tokens. About 150 MB of keys and values for
    /// Gemma 3 270M. Texts up to this length are scored in one pass, as before windows existed.
    public static let scoringWindow = 4096
    /// Tokens before each later window fed again as its context (the first window has the text from BOS).
    public static let scoringOverlap = 1024

    /// Tokenizes `text` with BOS prepended and returns every token with its log-probability given those before it.
    ///
    /// A text longer than `windows.size` tokens is scored window by window (`ScoringWindows`): a token after the
    /// first window is conditioned on BOS and the `windows.overlap` tokens before its window, not on the whole
    /// text, and memory stays flat in the text's length. No window goes past the model's context.
    /// - Parameters:
    ///   - mode: `.exact`, or `.fast` for the int8 output head (log-probabilities within 0.05 nats of exact).
    ///   - windows: the split of long texts (default `scoringWindow` / `scoringOverlap`, cut to the context).
    ///   - progress: called with the fraction of tokens scored after each forward chunk.
    /// - Throws: errors of the forward pass.
    public func score(
        _ text: String, mode: ScoringMode = .exact, windows: ScoringWindows? = nil,
        progress: ((Double) -> Void)? = nil
    ) throws -> [ScoredToken] {
        let spans = tokenizer.encodeWithOffsets(text, addBOS: true)
        let ids = spans.map(\.id)
        let plan = windows ?? ScoringWindows(
            size: min(Self.scoringWindow, model.configuration.contextLength), overlap: Self.scoringOverlap)
        var logProbabilities: [Float?] = []
        logProbabilities.reserveCapacity(spans.count)
        for window in plan.plan(count: ids.count) {
            var session = ScoringSession(model: model, mode: mode)
            if window.scored.lowerBound > 0 {
                try session.feed([ids[0]] + ids[window.context])
            }
            var start = window.scored.lowerBound
            while start < window.scored.upperBound {
                let end = min(window.scored.upperBound, start + Self.scoringChunk)
                logProbabilities += try session.append(Array(ids[start..<end]))
                start = end
                progress?(Double(end) / Double(ids.count))
            }
        }
        return zip(spans, logProbabilities).map { span, lp in
            ScoredToken(
                id: span.id, text: tokenizer.tokenText(span.id), byteRange: span.byteRange, logProbability: lp)
        }
    }
}
