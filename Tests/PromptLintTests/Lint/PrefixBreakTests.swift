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
