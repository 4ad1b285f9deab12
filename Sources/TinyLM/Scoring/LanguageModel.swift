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
    /// - Throws: `TinyLMError` naming the file and the problem.
    public init(path: String) throws {
        let gguf: GGUFFile
        do { gguf = try GGUFFile(path: path) } catch let error as GGUFError { throw TinyLMError.file(error) }
        model = try Gemma3Model(gguf: gguf)
        do {
            tokenizer = try SentencePieceTokenizer(gguf: gguf)
        } catch {
            throw TinyLMError.tokenizer(path: path, reason: "\(error)")
        }
        guard tokenizer.vocabularySize == model.configuration.vocabularySize else {
            throw TinyLMError.invalidConfiguration(path: path, what: "vocabulary and embedding sizes differ")
        }
    }

    /// Tokens fed to the model per forward pass by `score`: the activations of one chunk, not of the whole text,
    /// are held at once (the key/value cache still grows with the text, up to the context).
    public static let scoringChunk = 512

    /// Tokenizes `text` with BOS prepended and returns every token with its log-probability given those before it.
    /// - Parameter mode: `.exact`, or `.fast` for the int8 output head (log-probabilities within 0.05 nats of exact).
    /// - Throws: `TinyLMError.contextExceeded` for a text longer than the model's context; errors of the forward pass.
    public func score(_ text: String, mode: ScoringMode = .exact) throws -> [ScoredToken] {
        let spans = tokenizer.encodeWithOffsets(text, addBOS: true)
        guard spans.count <= model.configuration.contextLength else {
            throw TinyLMError.contextExceeded(tokens: spans.count, context: model.configuration.contextLength)
        }
        var session = ScoringSession(model: model, mode: mode)
        var logProbabilities: [Float?] = []
        logProbabilities.reserveCapacity(spans.count)
        var start = 0
        while start < spans.count {
            let end = min(spans.count, start + Self.scoringChunk)
            logProbabilities += try session.append(spans[start..<end].map(\.id))
            start = end
        }
        return zip(spans, logProbabilities).map { span, lp in
            ScoredToken(
                id: span.id, text: tokenizer.tokenText(span.id), byteRange: span.byteRange, logProbability: lp)
        }
    }
}
