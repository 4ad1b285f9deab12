/// PL008: the template does not parse; the reader reported where.
public struct ParseErrorCheck: RuleCheck {
    /// `parse-error`.
    public static let identifier = "parse-error"

    /// Creates the check.
    public init(parameters: RuleParameters) throws {}

    /// One hit per reader issue that is not about unreadable bytes.
    public func run(_ context: CheckContext) -> [CheckHit] {
        context.template.issues.filter { !UnreadableFileCheck.isUnreadable($0) }.map {
            CheckHit(position: $0.position, snippet: $0.message, values: ["problem": $0.message])
        }
    }
}

/// PL009: a file that cannot be linted: binary, invalid UTF-8, unreadable, too large, a symlink loop.
/// Reader issues about bytes come through `run`; the file walker's problems through the engine.
public struct UnreadableFileCheck: RuleCheck {
    /// `unreadable-file`.
    public static let identifier = "unreadable-file"
    /// The largest file read, in bytes (configurable with `max_file_bytes`).
    public let maxFileBytes: Int

    /// Creates the check.
    public init(parameters: RuleParameters) throws {
        maxFileBytes = parameters.int("max_file_bytes", default: 16 * 1024 * 1024)
    }

    /// One hit per reader issue about unreadable bytes.
    public func run(_ context: CheckContext) -> [CheckHit] {
        context.template.issues.filter(Self.isUnreadable).map {
            CheckHit(position: $0.position, snippet: $0.message, values: ["problem": $0.message])
        }
    }

    /// True for reader issues that mean the bytes are not text.
    static func isUnreadable(_ issue: ParseIssue) -> Bool {
        let m = issue.message.lowercased()
        return m.hasPrefix("binary") || m.hasPrefix("invalid utf-8") || m.contains("not valid utf-8")
    }
}

/// PL010: a suppression comment that suppressed nothing (produced by the engine).
public struct UnusedSuppressionCheck: EngineCheck {
    /// `unused-suppression`.
    public static let identifier = "unused-suppression"
    /// Creates the check.
    public init(parameters: RuleParameters) throws {}
}

/// PL011: a suppression comment without a `-- reason` (produced by the engine).
public struct SuppressionReasonCheck: EngineCheck {
    /// `suppression-reason`.
    public static let identifier = "suppression-reason"
    /// Creates the check.
    public init(parameters: RuleParameters) throws {}
}
