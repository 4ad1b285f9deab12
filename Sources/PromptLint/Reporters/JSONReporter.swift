/// Machine-readable JSON: `{"files": [{"path", "format", "findings": [...]}], "summary": {...}, "version": 1}`.
/// A finding that concerns later places too (the values after a prefix break) lists them in `related`.
public enum JSONReporter: Reporter {
    /// `json`.
    public static let identifier = "json"

    /// Renders the report.
    public static func generateReport(_ report: LintReport) -> String {
        let files: [JSONValue] = report.files.map { file in
            var fields: [String: JSONValue] = [
                "path": .string(file.path),
                "format": .string(file.format),
                "findings": .array(file.findings.map { f in
                    var finding: [String: JSONValue] = [
                        "rule_id": .string(f.ruleID), "name": .string(f.ruleName), "severity": .string(f.severity.rawValue),
                        "line": .int(f.line), "column": .int(f.column), "message": .string(f.message),
                        "fix": .string(f.fix),
                    ]
                    // The later values of a prefix break, each at its own line (present only when there are some).
                    if !f.related.isEmpty {
                        finding["related"] = .array(f.related.map { r in
                            var site: [String: JSONValue] = [
                                "line": .int(r.line), "column": .int(r.column), "snippet": .string(r.snippet),
                            ]
                            // Present only for a place in another file (the prompt a call here fills).
                            if let path = r.path { site["path"] = .string(path) }
                            return .object(site)
                        })
                    }
                    return .object(finding)
                }),
            ]
            if let extra = report.savings?.jsonFields(forPath: file.path) { fields.merge(extra) { a, _ in a } }
            return .object(fields)
        }
        let findings = report.findings
        let counts = ReportCounts(findings)
        var summaryFields: [String: JSONValue] = [
            "files": .int(report.files.count),
            "files_with_findings": .int(Set(findings.map(\.path)).count),
            "findings": .int(findings.count),
            "errors": .int(counts.errors), "warnings": .int(counts.warnings), "infos": .int(counts.infos),
            "by_rule": .object(counts.byRule.mapValues { .int($0) }),
        ]
        if let extra = report.savings?.jsonSummary { summaryFields.merge(extra) { a, _ in a } }
        let summary: JSONValue = .object(summaryFields)
        return JSONValue.object(["version": .int(1), "files": .array(files), "summary": summary]).serialized() + "\n"
    }
}
