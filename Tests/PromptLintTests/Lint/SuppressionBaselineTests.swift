import XCTest

@testable import PromptLint

final class SuppressionBaselineTests: XCTestCase {
    let tail = """
        You are a support agent for Acme Cloud. Answer in a friendly, concise tone, never reveal internal
        ticket numbers, always cite the knowledge-base article you used, and escalate billing disputes.
        """

    func testJinjaNextLineSuppression() throws {
        let text = "{# promptlint-disable-next-line PL001 -- rendered once per deployment #}\nToday is {{ today }}.\n" + tail
        let ids = try LintTest.ruleIDs(text, format: .jinja)
        XCTAssertFalse(ids.contains("PL001"))
        XCTAssertFalse(ids.contains("PL010"))
        XCTAssertFalse(ids.contains("PL011"))
    }

    func testSuppressionWithoutReasonStillSuppressesButIsReported() throws {
        let text = "{# promptlint-disable-next-line PL001 #}\nToday is {{ today }}.\n" + tail
        let ids = try LintTest.ruleIDs(text, format: .jinja)
        XCTAssertFalse(ids.contains("PL001"))
        XCTAssertTrue(ids.contains("PL011"))
    }

    func testUnusedAndWrongLineSuppressions() throws {
        let text = "{# promptlint-disable-next-line PL001 -- why #}\n\nToday is {{ today }}.\n" + tail
        let findings = try LintTest.linter().lint(text: text, path: "p.j2", format: .jinja).findings
        XCTAssertTrue(findings.contains { $0.ruleID == "PL001" })
        let unused = try XCTUnwrap(findings.first { $0.ruleID == "PL010" })
        XCTAssertEqual(unused.line, 1)
        let unknown = "{# promptlint-disable-line PL999 -- typo #}\n" + tail
        XCTAssertTrue(try LintTest.linter().lint(text: unknown, path: "p.j2", format: .jinja).findings
            .contains { $0.ruleID == "PL010" && $0.message.contains("unknown rule PL999") })
    }

    func testCommentSyntaxPerFormat() {
        let hbs = SuppressionParser.parse("{{! promptlint-disable-next-line PL001 -- ok }}\n{{user}}", format: .handlebars)
        XCTAssertEqual(hbs.first?.rules, ["PL001"])
        XCTAssertEqual(hbs.first?.reason, "ok")
        let hbsLong = SuppressionParser.parse("{{!-- promptlint-disable-file -- generated --}}", format: .dotprompt)
        XCTAssertEqual(hbsLong.first?.scope, .file)
        let md = SuppressionParser.parse("<!-- promptlint-disable-line PL002, PL001 -- fixed -->", format: .markdown)
        XCTAssertEqual(md.first?.rules, ["PL002", "PL001"])
        let yaml = SuppressionParser.parse("  # promptlint-disable-next-line PL001 -- constant\n  x: 1", format: .semanticKernelYAML)
        XCTAssertEqual(yaml.first?.endLine, 1)
        XCTAssertTrue(SuppressionParser.parse("{# promptlint-disable-file #}", format: .markdown).isEmpty,
                      "Jinja comments are not comments in Markdown")
        XCTAssertTrue(SuppressionParser.parse("{# not a directive #}", format: .jinja).isEmpty)
    }

    func testFileSuppressionAndNames() throws {
        let text = "{# promptlint-disable-file dynamic-content-in-cached-prefix -- demo file #}\nHi {{ user.name }}.\n" + tail
        XCTAssertFalse(try LintTest.ruleIDs(text, format: .jinja).contains("PL001"))
    }

    func testBaselineIgnoresLineMovesButNotNewProblems() throws {
        let linter = try LintTest.linter()
        let v1 = "Hi {{ user.name }}.\n" + tail
        let before = linter.lint(text: v1, path: "p.j2", format: .jinja).findings
        XCTAssertFalse(before.isEmpty)
        let baseline = Baseline(findings: before)
        let v2 = "\n\n\nHi {{ user.name }}.\n" + tail
        let moved = linter.lint(text: v2, path: "p.j2", format: .jinja).findings
        XCTAssertNotEqual(moved.first?.line, before.first?.line)
        XCTAssertTrue(baseline.filter(moved).isEmpty)
        // The prefix now breaks earlier, at a new value: a new finding (one per prefix break, so the old one goes).
        let v3 = "It is {{ now() }}.\n" + tail + "\nHi {{ user.name }}.\n" + tail
        let grown = baseline.filter(linter.lint(text: v3, path: "p.j2", format: .jinja).findings)
        XCTAssertTrue(grown.contains { $0.snippet.contains("now") })
        XCTAssertFalse(grown.contains { $0.snippet.contains("user.name") })
    }

    func testBaselineRoundTripsAtomically() throws {
        let dir = try LintTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let f = Finding(ruleID: "PL001", ruleName: "x", severity: .warning, message: "m", path: "a.j2", line: 3, column: 1,
                        snippet: "{{ user }}")
        let path = dir + "/baseline.json"
        try Baseline(findings: [f, f]).write(to: path)
        let loaded = try Baseline.load(path: path)
        XCTAssertEqual(loaded.entries.first?.count, 2)
        XCTAssertEqual(loaded.filter([f, f, f]).count, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["baseline.json"], "no temp file left")
        try LintTest.write("{\"nope\": 1}", "bad.json", in: dir)
        XCTAssertThrowsError(try Baseline.load(path: dir + "/bad.json"))
        XCTAssertEqual(Baseline.hash("a  b\n c"), Baseline.hash("a b c"))
    }
}
