/// One path met while discovering prompt files: a file that will be read (with the evidence that it
/// is a prompt), a candidate that was skipped (with the reason), or a path that could not be walked.
public enum DiscoveryEntry: Sendable, Hashable {
    /// A file to read.
    case read(DiscoveredFile)
    /// A candidate file or a folder that was not read.
    case skipped(SkippedPath)
    /// A problem with a path (symlink loop, unreadable directory, broken link).
    case problem(display: String, message: String)

    /// The path as shown (relative to the walk's working directory where possible).
    public var display: String {
        switch self {
        case .read(let file): return file.display
        case .skipped(let skipped): return skipped.display
        case .problem(let display, _): return display
        }
    }
}

/// A file discovery decided to read.
public struct DiscoveredFile: Sendable, Hashable {
    /// Absolute path.
    public var absolute: String
    /// The path as given or found.
    public var display: String
    /// Size in bytes.
    public var size: Int
    /// Why the file is read (`named on the command line`, `in a prompts folder (prompts/)`, ...).
    public var evidence: String

    /// Creates an entry.
    public init(absolute: String, display: String, size: Int, evidence: String) {
        self.absolute = absolute
        self.display = display
        self.size = size
        self.evidence = evidence
    }
}

/// A candidate discovery did not read, and why.
public struct SkippedPath: Sendable, Hashable {
    /// The path as found (folders end with `/`).
    public var display: String
    /// Why it was skipped (`documentation file (README)`, `ignored by .gitignore (build/)`, ...).
    public var reason: String
    /// True for a folder that was not entered.
    public var isDirectory: Bool

    /// Creates an entry.
    public init(display: String, reason: String, isDirectory: Bool) {
        self.display = display
        self.reason = reason
        self.isDirectory = isDirectory
    }
}
