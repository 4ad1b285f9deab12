import GGUF

extension SentencePieceTokenizer {
    /// Reads the vocabulary of a GGUF file whose `tokenizer.ggml.model` is "llama" (SentencePiece).
    ///
    /// Only metadata is read (tokens, scores, token types, special ids and `add_*` flags); tensor data is not
    /// touched.
    /// - Throws: `TokenizerError` when keys are missing or malformed, or the model is not SentencePiece.
    public init(gguf: GGUFFile) throws {
        let meta = gguf.metadata
        let model = meta["tokenizer.ggml.model"]?.stringValue
        guard let model else { throw TokenizerError.missingMetadata(key: "tokenizer.ggml.model") }
        guard model == "llama" else { throw TokenizerError.unsupportedModel(model) }

        guard let tokenValue = meta["tokenizer.ggml.tokens"] else {
            throw TokenizerError.missingMetadata(key: "tokenizer.ggml.tokens")
        }
        guard case .strings(let tokens) = tokenValue else {
            throw TokenizerError.wrongMetadataType(key: "tokenizer.ggml.tokens", expected: "an array of strings")
        }
        var scores: [Float]?
        switch meta["tokenizer.ggml.scores"] {
        case nil: scores = nil
        case .floats(let values)?: scores = values
        case .ints(let values)?: scores = values.map { Float($0) }
        default: throw TokenizerError.wrongMetadataType(key: "tokenizer.ggml.scores", expected: "an array of numbers")
        }
        var types: [Int64]?
        switch meta["tokenizer.ggml.token_type"] {
        case nil: types = nil
        case .ints(let values)?: types = values
        default: throw TokenizerError.wrongMetadataType(key: "tokenizer.ggml.token_type", expected: "an array of integers")
        }

        // llama.cpp's SentencePiece defaults, then the file's values where they are in range.
        let n = tokens.count
        func id(_ key: String, default fallback: Int32?) -> Int32? {
            guard let value = meta["tokenizer.ggml.\(key)"]?.intValue else { return fallback.flatMap { Int($0) < n ? $0 : nil } }
            return value < n ? Int32(value) : fallback
        }
        let special = SpecialTokenIDs(
            bos: id("bos_token_id", default: 1), eos: id("eos_token_id", default: 2),
            unknown: id("unknown_token_id", default: 0), padding: id("padding_token_id", default: nil),
            endOfTurn: id("eot_token_id", default: nil))
        func flag(_ key: String, default fallback: Bool) -> Bool {
            meta["tokenizer.ggml.\(key)"]?.boolValue ?? fallback
        }
        let options = SentencePieceOptions(
            addBOS: flag("add_bos_token", default: true), addEOS: flag("add_eos_token", default: false),
            addSpacePrefix: flag("add_space_prefix", default: true))
        try self.init(tokens: tokens, scores: scores, typeCodes: types, special: special, options: options)
    }
}
