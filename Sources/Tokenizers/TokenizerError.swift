import Foundation

/// Why a tokenizer could not be built.
public enum TokenizerError: Error, LocalizedError, Equatable {
    /// A required GGUF metadata key is absent.
    case missingMetadata(key: String)
    /// A GGUF metadata key holds a value of the wrong type.
    case wrongMetadataType(key: String, expected: String)
    /// `tokenizer.ggml.model` names a tokenizer this type does not implement.
    case unsupportedModel(String)
    /// A per-token array is shorter than the token list.
    case lengthMismatch(key: String, expected: Int, actual: Int)
    /// Two vocabulary entries have the same text.
    case duplicateToken(text: String, firstID: Int, secondID: Int)
    /// A special token id (BOS, EOS, …) lies outside the vocabulary.
    case invalidSpecialID(name: String, id: Int, vocabularySize: Int)
    /// The vocabulary has no tokens.
    case emptyVocabulary
    /// The vocabulary has more tokens (or token bytes) than the tables can index.
    case vocabularyTooLarge(count: Int)
    /// A rank file could not be read.
    case unreadableRankFile(path: String, reason: String)
    /// A rank file line is not `base64 rank`.
    case malformedRankFile(path: String, line: Int, reason: String)
    /// No rank file was found in any of the searched places.
    case rankFileNotFound(searched: [String])

    /// A one-line description naming the problem.
    public var errorDescription: String? {
        switch self {
        case .missingMetadata(let key):
            return "GGUF metadata key '\(key)' is missing"
        case .wrongMetadataType(let key, let expected):
            return "GGUF metadata key '\(key)' is not \(expected)"
        case .unsupportedModel(let model):
            return "tokenizer model '\(model)' is not supported (expected 'llama', i.e. SentencePiece)"
        case .lengthMismatch(let key, let expected, let actual):
            return "'\(key)' has \(actual) entries, expected \(expected)"
        case .duplicateToken(let text, let first, let second):
            return "duplicate token \(text.debugDescription) at ids \(first) and \(second)"
        case .invalidSpecialID(let name, let id, let size):
            return "\(name) token id \(id) is outside the vocabulary of \(size) tokens"
        case .emptyVocabulary:
            return "the vocabulary has no tokens"
        case .vocabularyTooLarge(let count):
            return "the vocabulary of \(count) tokens is too large"
        case .unreadableRankFile(let path, let reason):
            return "cannot read rank file \(path): \(reason)"
        case .malformedRankFile(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        case .rankFileNotFound(let searched):
            return "no cl100k_base rank file found (looked at: \(searched.joined(separator: ", "))); run Scripts/fetch-tokenizers.sh"
        }
    }
}
