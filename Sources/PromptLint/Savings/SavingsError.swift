import Foundation

/// Why a savings estimate cannot be made. Every case reads as one line naming the file, key or
/// setting at fault; the command line prints it and exits with status 2.
public enum SavingsError: LocalizedError, Sendable, Equatable {
    /// A tokenizer file (cl100k rank file or Gemma GGUF) is not where it is looked for.
    case tokenizerMissing(tokenizer: String, searched: [String])
    /// A tokenizer file exists but cannot be read.
    case tokenizerUnreadable(path: String, reason: String)
    /// A pricing file or a `pricing:` section does not parse or has an invalid value.
    case invalidPricing(path: String, key: String, reason: String)
    /// No pricing folder was found.
    case pricingNotFound(searched: [String])
    /// A provider name that no pricing file defines.
    case unknownProvider(String, known: [String])
    /// A model name the provider's pricing data does not list.
    case unknownModel(provider: String, model: String, known: [String])
    /// A traffic setting (requests per day, output tokens, slot sizes) is invalid.
    case invalidTraffic(source: String, key: String, reason: String)
    /// Writing a report failed.
    case writeFailed(path: String, reason: String)

    /// A one-line description.
    public var errorDescription: String? {
        switch self {
        case .tokenizerMissing(let tokenizer, let searched):
            return "\(tokenizer) tokenizer file not found (looked at: \(searched.joined(separator: ", "))); "
                + "run `bash Scripts/setup.sh` (or Scripts/fetch-tokenizers.sh for cl100k), or pass --tokenizer-fallback for a rough chars/4 estimate"
        case .tokenizerUnreadable(let path, let reason):
            return "cannot read tokenizer \(path): \(reason)"
        case .invalidPricing(let path, let key, let reason):
            return "invalid pricing \(path): \(key): \(reason)"
        case .pricingNotFound(let searched):
            return "pricing folder not found or without .yml files: \(searched.joined(separator: ", "))"
        case .unknownProvider(let name, let known):
            return "unknown provider '\(name)' (known: \(known.joined(separator: ", ")))"
        case .unknownModel(let provider, let model, let known):
            return "unknown model '\(model)' for provider \(provider) (known: \(known.joined(separator: ", ")))"
        case .invalidTraffic(let source, let key, let reason):
            return "invalid traffic setting \(source): \(key): \(reason)"
        case .writeFailed(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
