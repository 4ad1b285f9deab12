import Foundation

/// SARIF 2.1.0 for GitHub code scanning: rules with help text, repository-relative URIs under
/// `%SRCROOT%`, regions, levels and `partialFingerprints`.
public enum SARIFReporter: Reporter {
    /// `sarif`.
    public static let identifier = "sarif"
    /// The SARIF schema URI.
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    /// Renders the report.
    public static func generateReport(_ report: LintReport) -> String {
        let rules = report.rules
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($0.element.id, $0.offset) })
        var occurrences: [String: Int] = [:]
        let results: [JSONValue] = report.findings.map { f in
            let base = Baseline.hash(f.ruleID + "\u{1}" + f.path + "\u{1}" + f.snippet)
            occurrences[base, default: 0] += 1
            let firstLine = f.snippet.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let width = max(1, firstLine.unicodeScalars.count)
            var result: [String: JSONValue] = [
                "ruleId": .string(f.ruleID),
                "level": .string(f.severity.sarifLevel),
                "message": .object(["text": .string(f.message)]),
                "locations": .array([.object(["physicalLocation": .object([
                    "artifactLocation": artifact(f.path, report.workingDirectory),
                    "region": .object([
                        "startLine": .int(f.line), "startColumn": .int(f.column),
                        "endLine": .int(f.line), "endColumn": .int(f.column + width),
                    ]),
                ])])]),
                "partialFingerprints": .object(["primaryLocationLineHash": .string("\(base):\(occurrences[base]!)")]),
            ]
            if !f.related.isEmpty {
                // The later values of a prefix break (SARIF `relatedLocations`, numbered from 1).
                result["relatedLocations"] = .array(f.related.enumerated().map { i, r in
                    .object([
                        "id": .int(i + 1),
                        "message": .object(["text": .string(r.snippet)]),
                        "physicalLocation": .object([
                            "artifactLocation": artifact(r.path ?? f.path, report.workingDirectory),
                            "region": .object(["startLine": .int(r.line), "startColumn": .int(r.column)]),
                        ]),
                    ])
                })
            }
            if let index = ruleIndex[f.ruleID] { result["ruleIndex"] = .int(index) }
            if let properties = report.savings?.sarifResultProperties(forPath: f.path) { result["properties"] = properties }
            return .object(result)
        }
        let root = report.workingDirectory.hasSuffix("/") ? report.workingDirectory : report.workingDirectory + "/"
        var runFields: [String: JSONValue] = [
            "tool": .object(["driver": .object([
                "name": .string("promptlint"),
                "semanticVersion": .string(Reporters.toolVersion),
                "rules": .array(rules.map(descriptor)),
            ])]),
            "originalUriBaseIds": .object(["%SRCROOT%": .object(["uri": .string(fileURI(root))])]),
            "columnKind": .string("unicodeCodePoints"),
            "results": .array(results),
        ]
        if let savings = report.savings { runFields["properties"] = savings.sarifRunProperties }
        let run: JSONValue = .object(runFields)
        return JSONValue.object([
            "$schema": .string(schema), "version": .string("2.1.0"), "runs": .array([run]),
        ]).serialized() + "\n"
    }

    static func descriptor(_ rule: RuleDefinition) -> JSONValue {
        let rationale = rule.rationale.trimmingCharacters(in: .whitespacesAndNewlines)
        let fix = rule.fix.trimmingCharacters(in: .whitespacesAndNewlines)
        let help = "\(rationale)\n\nFix: \(fix)"
        var markdown = "**\(rule.id) \(rule.name)**\n\n\(rationale)\n\n**Fix:** \(fix)"
        if let example = rule.triggeringExamples.first {
            markdown += "\n\n**Example that triggers it** (\(example.format.rawValue)):\n\n```\n\(example.text)```"
        }
        return .object([
            "id": .string(rule.id),
            "name": .string(rule.name),
            "shortDescription": .object(["text": .string(String(rule.summary.prefix(1000)))]),
            "fullDescription": .object(["text": .string(rationale)]),
            "help": .object(["text": .string(help), "markdown": .string(markdown)]),
            "defaultConfiguration": .object(["level": .string(rule.severity.sarifLevel)]),
            "properties": .object([
                "tags": .array(["prompt-caching", "promptlint"].map { .string($0) }),
                "precision": .string("medium"),
                "problem.severity": .string(rule.severity == .info ? "recommendation" : rule.severity.rawValue),
            ]),
        ])
    }

    static func artifact(_ path: String, _ root: String) -> JSONValue {
        if path.hasPrefix("/") || path.hasPrefix("<") {
            return .object(["uri": .string(path.hasPrefix("/") ? fileURI(path) : path)])
        }
        return .object(["uri": .string(percentEncode(path)), "uriBaseId": .string("%SRCROOT%")])
    }

    static func fileURI(_ path: String) -> String { "file://" + percentEncode(path) }

    static func percentEncode(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "%")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
