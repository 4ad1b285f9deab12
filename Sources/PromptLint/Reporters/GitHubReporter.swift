import SafeIO

/// GitHub Actions workflow commands: `::warning file=…,line=…,col=…,title=…::message`.
public enum GitHubReporter: Reporter {
    /// `github`.
    public static let identifier = "github"

    /// Renders the report.
    public static func generateReport(_ report: LintReport) -> String {
        report.findings.map { f in
            let command = f.severity == .error ? "error" : (f.severity == .warning ? "warning" : "notice")
            let properties = "file=\(property(f.path)),line=\(f.line),col=\(f.column),title=\(property("\(f.ruleID) \(f.ruleName)"))"
            return "::\(command) \(properties)::\(data(f.message))\n"
        }.joined()
    }

    /// Message text: `%`, CR, LF percent-encoded, other control characters (ESC …) escaped as the text reporter
    /// does (`TextEscaping.workflowCommandData`).
    static func data(_ s: String) -> String { TextEscaping.workflowCommandData(s) }

    /// A property value: as `data`, with `:` and `,` encoded too.
    static func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
