import SafeIO

/// Human-readable output: `path:line:column: severity PL001 [name] message`, then the fix, then a summary.
/// Paths, messages and fixes quote the linted files, so their control characters are escaped
/// (`SafeIO.DisplayText`): a repository's file cannot move the cursor or recolour the user's terminal.
public enum TextReporter: Reporter {
    /// `text`.
    public static let identifier = "text"

    /// Renders the report.
    public static func generateReport(_ report: LintReport) -> String {
        var out = ""
        let findings = report.findings
        for f in findings {
            out += "\(DisplayText.escaped(f.path)):\(f.line):\(f.column): \(f.severity.rawValue) \(f.ruleID) [\(f.ruleName)] "
                + DisplayText.escaped(f.message) + "\n"
            if !f.fix.isEmpty {
                out += "    fix: \(DisplayText.escaped(TextMatch.short(f.fix, limit: 400)))\n"
            }
        }
        let counts = ReportCounts(findings)
        let fileCount = report.files.count
        let withFindings = Set(findings.map(\.path)).count
        if findings.isEmpty {
            out += "No findings in \(fileCount) file\(fileCount == 1 ? "" : "s").\n"
        } else {
            out += "\(findings.count) finding\(findings.count == 1 ? "" : "s") (\(counts.errors) error\(counts.errors == 1 ? "" : "s"), "
                + "\(counts.warnings) warning\(counts.warnings == 1 ? "" : "s"), \(counts.infos) info) "
                + "in \(withFindings) of \(fileCount) file\(fileCount == 1 ? "" : "s").\n"
        }
        if let unread = report.unreadSources.summary { out += DisplayText.escaped(unread) + "\n" }
        if let savings = report.savings { out += savings.renderText() }
        return out
    }
}
