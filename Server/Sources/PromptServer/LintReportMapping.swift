import PromptLint

extension Components.Schemas.LintReport {
    /// The `promptlint check --format json` report of one linted request, built field by field rather than written
    /// as JSON and decoded again (the round trip was ~15% of a lint request's CPU). The same fields and values as
    /// `JSONReporter` (checked against it in `ServerEndpointTests`).
    init(_ file: FileReport) {
        let findings = file.findings.map { f in
            Components.Schemas.LintFinding(
                ruleId: f.ruleID, name: f.ruleName, severity: f.severity.rawValue, line: f.line, column: f.column,
                message: f.message, fix: f.fix,
                related: f.related.isEmpty
                    ? nil
                    : f.related.map { .init(line: $0.line, column: $0.column, snippet: $0.snippet, path: $0.path) })
        }
        var errors = 0, warnings = 0, infos = 0
        var byRule: [String: Int] = [:]
        for f in file.findings {
            switch f.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
            byRule[f.ruleID, default: 0] += 1
        }
        self.init(
            version: 1,
            files: [.init(path: file.path, format: file.format, findings: findings)],
            summary: .init(
                files: 1, filesWithFindings: Set(file.findings.map(\.path)).count, findings: file.findings.count,
                errors: errors, warnings: warnings, infos: infos, byRule: .init(additionalProperties: byRule)))
    }
}
