/// A token's type as a GGUF file stores it in `tokenizer.ggml.token_type` (llama.cpp's `llama_token_type`).
public enum SentencePieceTokenType: Int64, Sendable, CaseIterable {
    /// No type given.
    case undefined = 0
    /// An ordinary piece that the merge step may produce.
    case normal = 1
    /// The unknown-token placeholder.
    case unknown = 2
    /// A control token (`<bos>`, `<start_of_turn>`): only recognised in text when parsing specials.
    case control = 3
    /// A user-defined token: always split out of the text before merging (runs of spaces, HTML tags, …).
    case userDefined = 4
    /// A reserved, unused slot.
    case unused = 5
    /// A byte-fallback token `<0xXX>`.
    case byte = 6
}

/// llama.cpp's token attribute bits (`llama_token_attr`), derived from the type and then adjusted by name.
struct TokenAttributes: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let normal = TokenAttributes(rawValue: 1 << 0)
    static let unknown = TokenAttributes(rawValue: 1 << 1)
    static let control = TokenAttributes(rawValue: 1 << 2)
    static let userDefined = TokenAttributes(rawValue: 1 << 3)
    static let unused = TokenAttributes(rawValue: 1 << 4)
    static let byte = TokenAttributes(rawValue: 1 << 5)

    /// The attributes llama.cpp starts from for a stored type code (unknown codes get none, i.e. "undefined").
    init(typeCode: Int64) {
        switch SentencePieceTokenType(rawValue: typeCode) {
        case .normal: self = .normal
        case .unknown: self = .unknown
        case .control: self = .control
        case .userDefined: self = .userDefined
        case .unused: self = .unused
        case .byte: self = .byte
        case .undefined, nil: self = []
        }
    }

    init(rawValue: UInt8) { self.rawValue = rawValue }
}
