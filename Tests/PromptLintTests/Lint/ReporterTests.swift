import Foundation
import XCTest
#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import PromptLint

/// Reporter outputs are compared with golden files (re-record with `RECORD_GOLDEN=1`).
final class ReporterTests: XCTestCase {
    static func sampleReport() -> LintReport {
        let rules = [
            RuleDefinition(id: "PL001", name: "dynamic-content-in-cached-prefix", severity: .warning, message: "m",
                           summary: "A dynamic value sits before cacheable static content.", rationale: "Caches match prefixes.",
                           fix: "Move the value after the static content.", check: "dynamic-prefix",
                           triggeringExamples: [RuleExample(format: .jinja, text: "Today is {{ today }}. Rules...\n")]),
            RuleDefinition(id: "PL003", name: "prefix-below-cache-minimum", severity: .info, message: "m",
                           summary: "The prefix is too short to cache.", rationale: "Providers have minimums.",
                           fix: "Add static content.", check: "cache-minimum"),
            RuleDefinition(id: "PL008", name: "template-parse-error", severity: .error, message: "m",
                           summary: "The template does not parse.", rationale: "Broken templates.", fix: "Fix the syntax.",
                           check: "parse-error"),
        ]
        let findings = [
            Finding(ruleID: "PL001", ruleName: "dynamic-content-in-cached-prefix", severity: .warning,
                    message: "{{ user.name }} is per-user, and ~120 tokens follow: \"quoted\" <tag> & 100%, done.",
                    fix: "Move the value after the static content.", path: "prompts/chat.j2", line: 3, column: 12,
                    snippet: "{{ user.name }}"),
            Finding(ruleID: "PL008", ruleName: "template-parse-error", severity: .error,
                    message: "The template does not parse: `{% for x in y %}` is never closed.", fix: "Fix the syntax.",
                    path: "prompts/broken.j2", line: 7, column: 1, snippet: "{% for x in y %}"),
            Finding(ruleID: "PL003", ruleName: "prefix-below-cache-minimum", severity: .info,
                    message: "The static prefix is ~600 tokens, below the 1024-token minimum of openai: nothing is cached.",
                    fix: "Add static content.", path: "prompts/chat.j2", line: 1, column: 1, snippet: "prefix:1024"),
        ]
        let files = [
            FileReport(path: "prompts/chat.j2", format: "jinja", findings: findings.filter { $0.path == "prompts/chat.j2" }),
            FileReport(path: "prompts/broken.j2", format: "jinja", findings: findings.filter { $0.path == "prompts/broken.j2" }),
            FileReport(path: "prompts/clean.prompty", format: "prompty", findings: []),
        ]
        return LintReport(files: files, rules: rules, workingDirectory: "/repo")
    }

    func testGoldenOutputs() throws {
        let report = Self.sampleReport()
        for reporter in Reporters.all {
            let ext = ["text": "txt", "json": "json", "sarif": "sarif", "github": "txt", "junit": "xml", "checkstyle": "xml"]
            let output = reporter.generateReport(report)
            XCTAssertEqual(output, reporter.generateReport(report), "\(reporter.identifier) is not deterministic")
            try LintTest.assertGolden(output, "report.\(reporter.identifier).\(ext[reporter.identifier] ?? "txt")")
        }
    }

    func testJSONShape() throws {
        let data = Data(JSONReporter.generateReport(Self.sampleReport()).utf8)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let files = try XCTUnwrap(root["files"] as? [[String: Any]])
        XCTAssertEqual(files.map { $0["path"] as? String }, ["prompts/broken.j2", "prompts/chat.j2", "prompts/clean.prompty"])
        let finding = try XCTUnwrap((files[1]["findings"] as? [[String: Any]])?.first)
        for key in ["rule_id", "name", "severity", "line", "column", "message"] { XCTAssertNotNil(finding[key], key) }
        let summary = try XCTUnwrap(root["summary"] as? [String: Any])
        XCTAssertEqual(summary["findings"] as? Int, 3)
        XCTAssertEqual(summary["errors"] as? Int, 1)
    }

    func testGitHubEscaping() {
        let out = GitHubReporter.generateReport(Self.sampleReport())
        XCTAssertTrue(out.contains("::error file=prompts/broken.j2,line=7,col=1,title=PL008 template-parse-error::"))
        XCTAssertTrue(out.contains("::notice file=prompts/chat.j2,line=1,col=1"))
        XCTAssertTrue(out.contains("100%25"))
    }

    func testGitHubReporterKeepsControlCharactersOutOfTheWorkflowLog() throws {
        // A hostile file name and a message quoting hostile template text: ESC (a colour sequence), BEL, a C1
        // CSI, DEL, and a line that would start a workflow command of its own.
        let hostile = "evil\u{1B}[31m\u{07}\u{9B}2J\u{7F}"
        let finding = Finding(
            ruleID: "PL001", ruleName: "dynamic-content-in-cached-prefix", severity: .warning,
            message: "value \(hostile) is per-request\n::error::forged", fix: "f", path: "prompts/\(hostile).j2",
            line: 2, column: 3, snippet: hostile)
        let report = LintReport(
            files: [FileReport(path: finding.path, format: "jinja", findings: [finding])],
            rules: Self.sampleReport().rules, workingDirectory: "/repo")
        let out = GitHubReporter.generateReport(report)
        let controls = out.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) }
        XCTAssertEqual(controls.count, 0, "control characters in \(out.debugDescription)")
        XCTAssertEqual(out.split(separator: "\n").count, 1, "one workflow command per finding")
        XCTAssertTrue(out.contains("file=prompts/evil\\u{1B}[31m\\u{7}\\u{9B}2J\\u{7F}.j2,line=2,col=3"), out)
        XCTAssertTrue(out.hasSuffix("::value evil\\u{1B}[31m\\u{7}\\u{9B}2J\\u{7F} is per-request%0A::error::forged\n"), out)
    }

    func testXMLIsWellFormed() throws {
        for reporter in [JUnitReporter.self, CheckstyleReporter.self] as [any Reporter.Type] {
            let xml = reporter.generateReport(Self.sampleReport())
            let parser = XMLParser(data: Data(xml.utf8))
            XCTAssertTrue(parser.parse(), "\(reporter.identifier): \(parser.parserError.map { "\($0)" } ?? "")")
        }
    }

    func testUnknownReporterIsTypedError() {
        XCTAssertThrowsError(try Reporters.named("yaml")) { XCTAssertEqual($0 as? PromptLintError, .unknownReporter("yaml")) }
        XCTAssertEqual(try Reporters.named("SARIF").identifier, "sarif")
    }
}
