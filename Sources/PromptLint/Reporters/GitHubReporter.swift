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

    static func data(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
