import XCTest

@testable import PromptLint

/// One finding per prefix break across PL001, PL005 and PL006; PL003 only where a fix exists; helpers
/// called with literal arguments are constant.
final class PrefixBreakTests: XCTestCase {
    static let policy = String(
        repeating: "Answer only from the documents, quote the passage you use and name its title. ", count: 4)

    private func ids(_ text: String, format: TemplateFormat = .jinja) throws -> [String] {
        try LintTest.linter().lint(text: text, path: "t.\(format.usualExtension)", format: format).findings
            .map(\.ruleID).sorted()
    }

    func testRetrievedContentBeforeInstructionsIsOneFinding() throws {
        // PL001 and PL005 both see the break at `documents`: PL001 speaks for it, once.
        XCTAssertEqual(try ids("{{ documents }}\n" + Self.policy + "\nQuestion: {{ question }}"), ["PL001"])
    }

    func testOneFindingPerBreakListsTheLaterValuesWithTheirLines() throws {
        // Three per-request values before the policy, on lines 1, 3 and 6 (one repeated): one finding at the
        // first, the later ones carried as related locations, each at its own line, in the JSON too.
        let text = "Repository: {{ working_dir }}\n\nTask: {{ problem_statement }}\n\n\nAgain: {{ problem_statement }}\n" + Self.policy
        let findings = try LintTest.linter().lint(text: text, path: "t.j2", format: .jinja).findings
        XCTAssertEqual(findings.map(\.ruleID), ["PL001"])
        let finding = try XCTUnwrap(findings.first)
        XCTAssertEqual(finding.line, 1)
        XCTAssertEqual(finding.related.map(\.line), [3, 6])
        XCTAssertEqual(finding.related.first?.snippet, "{{ problem_statement }}")
        let report = LintReport(files: [FileReport(path: "t.j2", format: "jinja", findings: findings)],
                                rules: try LintTest.rules().rules.map(\.definition), workingDirectory: "/")
        let data = Data(JSONReporter.generateReport(report).utf8)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let json = try XCTUnwrap(((root["files"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]])?.first)
        XCTAssertEqual((json["related"] as? [[String: Any]])?.compactMap { $0["line"] as? Int }, [3, 6])
        // A break with nothing after its first value has no `related` key.
        let single = try LintTest.linter().lint(text: "Task: {{ problem_statement }}\n" + Self.policy, path: "t.j2", format: .jinja)
        XCTAssertEqual(single.findings.first?.related, [])
    }

    func testHistoryBeforeInstructionsIsPL005Alone() throws {
        // PL001 leaves history to PL005 (history is cached turn to turn); PL005 reports it.
        XCTAssertEqual(try ids("{{ chat_history }}\n" + Self.policy + "\nQuestion: {{ question }}"), ["PL005"])
    }

    func testExamplesAfterTheInputAreOneFindingAtTheInput() throws {
        let text = "Classify the review.\nReview: {{ input }}\nExamples:\n" + Self.policy
        let findings = try LintTest.linter().lint(text: text, path: "t.j2", format: .jinja).findings
        XCTAssertEqual(findings.map(\.ruleID), ["PL001"])
        XCTAssertEqual(findings.first?.line, 2)
    }

    func testAShortTemplatePrefixIsNoCacheMinimumFinding() throws {
        // A template's short opening before a dynamic value has nothing to fix: no PL003 near miss.
        XCTAssertFalse(try ids("Summarise this in one line:\n{{ text }}\n").contains("PL003"))
        // An explicit breakpoint below the minimum still is one.
        let request = """
            {"model": "claude-sonnet-4-5", "max_tokens": 256,
             "system": [{"type": "text", "text": "You are terse.", "cache_control": {"type": "ephemeral"}}],
             "messages": [{"role": "user", "content": "Hello"}]}
            """
        XCTAssertTrue(try ids(request, format: .anthropicRequest).contains("PL003"))
    }

    func testHelperWithLiteralArgumentsIsConstant() throws {
        let classifier = SlotClassifier()
        let literal = classifier.classify(LintTest.slot(#"url "https://example.com/review-guide.html""#))
        XCTAssertEqual(literal.volatility, .constant, literal.reason)
        let variable = classifier.classify(LintTest.slot("url page"))
        XCTAssertNotEqual(variable.volatility, .constant, variable.reason)
        XCTAssertEqual(
            try ids(#"{{{ url "https://example.com/guide.html" }}}"# + "\n" + Self.policy + "\n{{{ diff }}}", format: .handlebars)
                .filter { $0 == "PL001" }.count, 0)
    }
}
