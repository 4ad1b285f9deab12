/// The ids of a vocabulary's special tokens; `nil` when the vocabulary has none.
public struct SpecialTokenIDs: Sendable, Hashable {
    /// Beginning of sequence (`tokenizer.ggml.bos_token_id`).
    public var bos: Int32?
    /// End of sequence (`tokenizer.ggml.eos_token_id`).
    public var eos: Int32?
    /// Unknown token (`tokenizer.ggml.unknown_token_id`).
    public var unknown: Int32?
    /// Padding (`tokenizer.ggml.padding_token_id`).
    public var padding: Int32?
    /// End of turn: from `tokenizer.ggml.eot_token_id`, else found by name (`<end_of_turn>`, `<|im_end|>`, …).
    public var endOfTurn: Int32?

    /// Creates a set of special ids.
    public init(bos: Int32? = nil, eos: Int32? = nil, unknown: Int32? = nil, padding: Int32? = nil, endOfTurn: Int32? = nil) {
        self.bos = bos
        self.eos = eos
        self.unknown = unknown
        self.padding = padding
        self.endOfTurn = endOfTurn
    }
}

/// Tokenizer flags read from `tokenizer.ggml.add_*`.
public struct SentencePieceOptions: Sendable, Hashable {
    /// Whether `encode(addBOS: true)` puts BOS first (`tokenizer.ggml.add_bos_token`, default true).
    public var addBOS: Bool
    /// Whether `encode(addBOS: true)` appends EOS (`tokenizer.ggml.add_eos_token`, default false).
    public var addEOS: Bool
    /// Whether a space is put before the text and after each special token (`tokenizer.ggml.add_space_prefix`,
    /// default true for SentencePiece; Gemma sets it false).
    public var addSpacePrefix: Bool

    /// Creates options; the defaults are llama.cpp's for a SentencePiece vocabulary.
    public init(addBOS: Bool = true, addEOS: Bool = false, addSpacePrefix: Bool = true) {
        self.addBOS = addBOS
        self.addEOS = addEOS
        self.addSpacePrefix = addSpacePrefix
    }
}
