import PromptLintVersion

/// Turns a lint report into text. Reporters are stateless: one static function each.
public protocol Reporter {
    /// The `--format` name.
    static var identifier: String { get }
    /// The whole report as text (ends with a newline).
    static func generateReport(_ report: LintReport) -> String
}

/// The reporters, by identifier.
public enum Reporters {
    /// All reporters in listing order.
    public static var all: [any Reporter.Type] {
        [
            TextReporter.self, JSONReporter.self, SARIFReporter.self, GitHubReporter.self, JUnitReporter.self,
            CheckstyleReporter.self,
        ]
    }

    /// The reporter named `identifier`.
    /// - Throws: `PromptLintError.unknownReporter`.
    public static func named(_ identifier: String) throws -> any Reporter.Type {
        guard let r = all.first(where: { $0.identifier == identifier.lowercased() }) else {
            throw PromptLintError.unknownReporter(identifier)
        }
        return r
    }

    /// The tool version written into machine reports (`PromptLintVersion.current`).
    public static let toolVersion = PromptLintVersion.current
}

/// Summary counts shared by reporters.
struct ReportCounts {
    var errors = 0
    var warnings = 0
    var infos = 0
    var byRule: [String: Int] = [:]

    init(_ findings: [Finding]) {
        for f in findings {
            switch f.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
            byRule[f.ruleID, default: 0] += 1
        }
    }
}
