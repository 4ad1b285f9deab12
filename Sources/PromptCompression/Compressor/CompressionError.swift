import Foundation

/// Why a compression could not be done. Each description is one line.
public enum CompressionError: Error, Equatable, Sendable, LocalizedError {
    /// The keep-ratio is outside (0, 1].
    case invalidRatio(Double)
    /// The token target is not positive.
    case invalidTargetTokens(Int)
    /// The keep-ratio rounds to zero tokens of the input (like `--target-tokens 0`).
    case ratioKeepsNothing(ratio: Double, tokens: Int)
    /// The question is longer than `CompressionOptions.maxQuestionBytes`.
    case questionTooLong(bytes: Int)
    /// The input has no text.
    case emptyInput
    /// The input is not valid JSON (messages mode, or JSON format forced).
    case invalidJSON(offset: Int, reason: String)
    /// The JSON parsed but has no messages in a shape this library knows (OpenAI or Anthropic).
    case notAMessagesRequest(String)
    /// The model would read more tokens than `CompressionOptions.maxModelTokens` allows.
    case inputTooLong(tokens: Int, limit: Int)
    /// The model failed.
    case model(String)

    /// A one-line description.
    public var errorDescription: String? {
        switch self {
        case .invalidRatio(let r): return "ratio must be in (0, 1], got \(r)"
        case .invalidTargetTokens(let n): return "target tokens must be positive, got \(n)"
        case .ratioKeepsNothing(let r, let n):
            return "ratio \(r) of \(n) tokens keeps no token; give a larger ratio or --target-tokens"
        case .questionTooLong(let bytes):
            return "the question is \(bytes) bytes, above the \(CompressionOptions.maxQuestionBytes)-byte limit"
        case .emptyInput: return "the input is empty"
        case .invalidJSON(let offset, let reason): return "invalid JSON at byte \(offset): \(reason)"
        case .notAMessagesRequest(let why): return "not an OpenAI or Anthropic messages request: \(why)"
        case .inputTooLong(let tokens, let limit):
            return "the model would read \(tokens) tokens of this input, above the limit of \(limit): raise the limit or split the input"
        case .model(let why): return "model error: \(why)"
        }
    }
}
