/// How serious a finding is. Maps to SARIF `error|warning|note`, GitHub `::error|::warning|::notice`
/// and Checkstyle `error|warning|info`.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    /// Informational: never fails a run unless `--fail-on info`.
    case info
    /// A problem worth fixing; fails a run by default.
    case warning
    /// A serious problem.
    case error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    /// Orders from least to most serious.
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// The SARIF `level` for this severity.
    public var sarifLevel: String {
        switch self {
        case .info: return "note"
        case .warning: return "warning"
        case .error: return "error"
        }
    }
}
