import Foundation
import GGUF

/// Failures of the model runtime: each names what and where in one line.
public enum TinyLMError: Error, Equatable, Sendable, LocalizedError {
    /// No model file was found at any of the places looked at.
    case modelNotFound(searched: [String])
    /// The file is a GGUF, but not of an architecture this runtime runs.
    case unsupportedArchitecture(path: String, architecture: String)
    /// The file's hyperparameters do not describe a model this runtime can run.
    case invalidConfiguration(path: String, what: String)
    /// The file itself is malformed.
    case file(GGUFError)
    /// A token id outside the vocabulary was given.
    case tokenOutOfRange(id: Int32, vocabularySize: Int)
    /// The tokenizer could not be built from the file.
    case tokenizer(path: String, reason: String)
    /// More positions than the model's context window were fed to one cache.
    case contextExceeded(tokens: Int, context: Int)

    /// A one-line description.
    public var errorDescription: String? {
        switch self {
        case .modelNotFound(let searched):
            return "model not found (looked at \(searched.joined(separator: ", "))); run `bash Scripts/setup.sh` to fetch it"
        case .unsupportedArchitecture(let path, let arch):
            return "\(path): unsupported model architecture '\(arch)' (expected gemma3)"
        case .invalidConfiguration(let path, let what): return "\(path): invalid model configuration: \(what)"
        case .file(let error): return error.errorDescription
        case .tokenOutOfRange(let id, let n): return "token id \(id) is outside the vocabulary of \(n)"
        case .tokenizer(let path, let reason): return "\(path): cannot build tokenizer: \(reason)"
        case .contextExceeded(let tokens, let context):
            return "\(tokens) positions in one pass, above the model's context of \(context) tokens"
        }
    }
}
