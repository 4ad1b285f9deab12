import XCTest

@testable import PromptLint

/// `promptlint check Samples/` shows real findings on the problem templates and none on the clean ones.
final class SamplesTests: XCTestCase {
    func testSamplesFindings() throws {
        let root = LintTest.packageRoot
        let runner = LintRunner(ruleDirectories: [],
                                configurations: try ConfigurationLoader(fallbackDirectory: root), workingDirectory: root)
        let report = try runner.run(["Samples/templates"])
        func ids(_ name: String) -> Set<String> {
            Set(report.files.first { $0.path == "Samples/templates/" + name }?.findings.map(\.ruleID) ?? [])
        }
        XCTAssertEqual(ids("support_agent.j2"), ["PL001"])
        XCTAssertEqual(ids("support_agent_fixed.j2"), [])
        // One finding per prefix break: PL001 speaks for a break that PL005 or PL006 also sees.
        XCTAssertEqual(ids("rag_answer.prompty"), ["PL001"])
        XCTAssertEqual(ids("ticket_triage.prompt"), [])
        XCTAssertEqual(ids("product_qa.mustache"), ["PL001"])
        XCTAssertEqual(ids("release_notes/skprompt.txt"), ["PL001"])
        XCTAssertEqual(ids("anthropic_request.json"), ["PL002", "PL003", "PL004"])
        XCTAssertEqual(ids("openai_request.json"), [])
        // A loop over a dict's items keeps insertion order (stable); iterating a set does not.
        XCTAssertEqual(ids("ops_tools.j2"), [])
        XCTAssertEqual(ids("ops_tools.py"), ["PL007"])
        let formats = Set(report.files.map(\.format))
        XCTAssertTrue(formats.isSuperset(of: ["jinja", "prompty", "dotprompt", "mustache", "semantic-kernel",
                                              "anthropic-request", "openai-request"]), "\(formats)")
    }

    func testUserRuleFolderFromConfiguration() throws {
        let dir = try LintTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try LintTest.write("rules-dirs: [lint-rules]\n", ".promptlint.yml", in: dir)
        try LintTest.write("""
            id: TEAM001
            name: no-internal-hostnames
            severity: warning
            check: regex
            message: "Internal hostname `{match}` in a prompt."
            rationale: Hostnames leak infrastructure details.
            fix: Remove it.
            parameters: {pattern: '\\b[a-z0-9-]+\\.corp\\.internal\\b', scope: static}
            examples:
              triggering: [{format: text, text: "Call build-01.corp.internal first."}]
              non_triggering: [{format: text, text: "Call the build server first."}]
            """, "lint-rules/team.yml", in: dir)
        try LintTest.write("Call build-01.corp.internal first.", "p.txt", in: dir)
        let runner = LintRunner(ruleDirectories: [],
                                configurations: try ConfigurationLoader(fallbackDirectory: dir), workingDirectory: dir)
        let report = try runner.run(["p.txt"])
        XCTAssertEqual(report.findings.map(\.ruleID), ["TEAM001"])
        XCTAssertTrue(report.rules.contains { $0.id == "TEAM001" })
    }
}
