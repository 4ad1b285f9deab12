/// Machine-readable JSON: `{"files": [{"path", "format", "findings": [...]}], "summary": {...}, "version": 1}`.
public enum JSONReporter: Reporter {
    /// `json`.
    public static let identifier = "json"

    /// Renders the report.
    public static func generateReport(_ report: LintReport) -> String {
        let files: [JSONValue] = report.files.map { file in
            .object([
                "path": .string(file.path),
                "format": .string(file.format),
                "findings": .array(file.findings.map { f in
                    .object([
                        "rule_id": .string(f.ruleID), "name": .string(f.ruleName), "severity": .string(f.severity.rawValue),
                        "line": .int(f.line), "column": .int(f.column), "message": .string(f.message),
                        "fix": .string(f.fix),
                    ])
                }),
            ])
        }
        let findings = report.findings
        let counts = ReportCounts(findings)
        let summary: JSONValue = .object([
            "files": .int(report.files.count),
            "files_with_findings": .int(Set(findings.map(\.path)).count),
            "findings": .int(findings.count),
            "errors": .int(counts.errors), "warnings": .int(counts.warnings), "infos": .int(counts.infos),
            "by_rule": .object(counts.byRule.mapValues { .int($0) }),
        ])
        return JSONValue.object(["version": .int(1), "files": .array(files), "summary": summary]).serialized() + "\n"
    }
}
