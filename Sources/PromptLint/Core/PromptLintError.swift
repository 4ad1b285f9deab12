import Foundation

/// Errors the library throws. Lint problems are findings, never errors: these are for
/// usage and configuration problems the caller must fix.
public enum PromptLintError: LocalizedError, Sendable, Equatable {
    /// A configuration file could not be read or parsed.
    case invalidConfiguration(path: String, reason: String)
    /// A rule file could not be read, parsed or validated.
    case invalidRule(path: String, reason: String)
    /// Two rules share an id or a name.
    case duplicateRule(id: String)
    /// A rule names a check that no Swift type implements.
    case unknownCheck(rule: String, check: String)
    /// No rules folder could be found.
    case rulesNotFound(searched: [String])
    /// A rule id or name that is not loaded.
    case unknownRule(String)
    /// A reporter identifier that does not exist.
    case unknownReporter(String)
    /// A path given on the command line does not exist.
    case pathNotFound(String)
    /// A baseline file could not be read or parsed.
    case invalidBaseline(path: String, reason: String)
    /// An input file named on the command line could not be read (missing, not a regular file, too large).
    case unreadableFile(path: String, reason: String)
    /// Writing an output file failed.
    case writeFailed(path: String, reason: String)
    /// The evaluation corpus is missing or malformed.
    case corpusNotFound(path: String)

    /// A one-line description.
    public var errorDescription: String? {
        switch self {
        case .invalidConfiguration(let path, let reason): return "invalid configuration \(path): \(reason)"
        case .invalidRule(let path, let reason): return "invalid rule file \(path): \(reason)"
        case .duplicateRule(let id): return "duplicate rule id or name: \(id)"
        case .unknownCheck(let rule, let check): return "rule \(rule) uses unknown check '\(check)'"
        case .rulesNotFound(let searched):
            return "rules folder not found: \(searched.joined(separator: ", ")) (from --rules or PROMPTLINT_RULES)"
        case .unknownRule(let id): return "unknown rule: \(id)"
        case .unknownReporter(let id): return "unknown report format: \(id)"
        case .pathNotFound(let path): return "no such file or directory: \(path)"
        case .invalidBaseline(let path, let reason): return "invalid baseline \(path): \(reason)"
        case .unreadableFile(let path, let reason): return "cannot read \(path): \(reason)"
        case .writeFailed(let path, let reason): return "cannot write \(path): \(reason)"
        case .corpusNotFound(let path): return "corpus not found at \(path) (expected MANIFEST.tsv and files/)"
        }
    }
}
