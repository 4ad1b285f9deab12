import XCTest

@testable import PromptLint

/// PL002 says once per prompt where its prefix stops repeating: at the first volatile literal, listing the later
/// ones in its message and its `related` locations, not a warning for each (issue 12: one finding per prefix break). Own text. Near misses: two prompts of
/// one file each keep their own finding, and a cache breakpoint after the literals is still reported, at the first one.
final class VolatileLiteralOnePerPromptTests: XCTestCase {
    private let rules = String(repeating: "Answer in two short paragraphs, cite the ticket you used, and never promise refunds.\n", count: 4)

    private func volatileLiterals(_ text: String, format: TemplateFormat = .plainText) throws -> [Finding] {
        try LintTest.linter().lint(text: text, path: "prompt.txt", format: format).findings.filter { $0.ruleID == "PL002" }
    }

    func testSeveralLiteralsInOnePromptGiveOneFindingAtTheFirst() throws {
        let text = """
            Session started 2026-02-01T09:00:00Z for trace 5b1c2d3e-9a8b-4c7d-8e6f-5a4b3c2d1e0f.
            Last refresh 2026-02-01T09:05:00Z, next refresh 2026-02-01T09:10:00Z.
            \(rules)
            """
        let found = try volatileLiterals(text)
        XCTAssertEqual(found.map(\.line), [1])
        XCTAssertEqual(found.first?.related.map(\.line), [1, 2, 2], "the later literals, each at its own line")
        XCTAssertTrue(found.first?.message.contains("(after it, too: `5b1c2d3e-9a8b-4c7d-8e6f-5a4b3c2d1e0f`, `2026-02-01T09:05:00Z`, `2026-02-01T09:10:00Z`)") == true,
                      found.first?.message ?? "no finding")
    }

    func testOneLiteralHasNoListOfOthers() throws {
        let found = try volatileLiterals("Now: 2026-02-01T09:00:00Z\n\(rules)")
        XCTAssertEqual(found.map(\.line), [1])
        XCTAssertFalse(found.first?.message.contains("after it, too") ?? true)
        XCTAssertEqual(found.first?.related, [])
    }

    func testEachPromptOfAConfigFileKeepsItsOwnFinding() throws {
        let rule = rules.replacingOccurrences(of: "\n", with: " ")
        let yaml = """
            triage:
              system_prompt: |
                Now: 2026-02-01T09:00:00Z. Then: 2026-02-01T09:05:00Z.
                \(rule)
            summary:
              system_prompt: |
                Now: 2026-02-01T10:00:00Z.
                \(rule)
            """
        let found = try LintTest.linter().lint(text: yaml, path: "agents.yaml").findings.filter { $0.ruleID == "PL002" }
        XCTAssertEqual(found.map(\.line), [3, 7])
        XCTAssertEqual(found.map { $0.message.contains("after it, too: `2026-02-01T09:05:00Z`") }, [true, false])
    }

    func testABreakpointAfterTheLiteralsNamesTheFirst() throws {
        let stamp = "2026-02-01T09:00:00Z", later = "2026-02-01T09:30:00Z"
        let body = #"{"model": "claude-sonnet-4-5", "max_tokens": 300, "system": [{"type": "text", "text": "Now: \#(stamp), again at \#(later). \#(rules.replacingOccurrences(of: "\n", with: " "))", "cache_control": {"type": "ephemeral"}}], "messages": [{"role": "user", "content": "Hello"}]}"#
        let findings = try LintTest.linter().lintRequest(Data(body.utf8), kind: .anthropic)
        XCTAssertEqual(findings.filter { $0.ruleID == "PL002" }.count, 1)
        let breakpoint = findings.first { $0.ruleID == "PL004" }
        XCTAssertNotNil(breakpoint)
        XCTAssertFalse(breakpoint?.message.contains(later) ?? true, breakpoint?.message ?? "no PL004")
    }
}
