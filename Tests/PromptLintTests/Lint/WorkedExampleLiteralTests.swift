import XCTest

@testable import PromptLint

/// Dates and timestamps in a prompt's worked examples are the author's sample data, the same in every request:
/// an example titled by its number or a dash (`EXAMPLE 1 — "finish my thesis by next Friday"`, with its answer's
/// `dates: ["2026-03-28T17:00:00Z"]` below), or one under `## Examples` (`Current date: 2026-03-16` as an
/// example's input). holdout27: konf-dev/unspool backend/src/agents/cold_path/extractor.py lines 61-138 and
/// archive/backend/prompts/graph_ingest.md line 58. Own text, in rendered plain-text prompts without slots: PL002
/// reads only text sent as it is (it is quiet in source code and in templates with slots). Near misses: a
/// timestamp stated as the current time outside the examples still fires.
final class WorkedExampleLiteralTests: XCTestCase {
    private let rules = Array(repeating: SourceTest.policy, count: 6).joined(separator: "\n")

    private func prompt(_ body: String) -> String {
        """
        You turn messages into tasks with deadlines.
        \(body)
        \(rules)
        """
    }

    private func volatileLiterals(_ text: String) throws -> [String] { try LintTest.volatileLiterals(text) }

    func testDatesInANumberedExampleAreSampleData() throws {
        for title in ["EXAMPLE 1 — \"finish my thesis by next Friday\"", "Example #2: \"call Mom tomorrow\"",
                      "- **Ejemplo 3** - \"llamar a mamá mañana\"", "Example – vague dates"] {
            let body = """
                \(title)
                tasks:
                  - content: "finish thesis", dates: ["2026-03-28T17:00:00Z"], actionable: true
                  - content: "call Mom", dates: ["2026-03-24T12:00:00Z"], actionable: true
                """
            XCTAssertEqual(try volatileLiterals(prompt(body)), [], title)
        }
    }

    func testATimestampOutsideTheExamplesStillFires() throws {
        // Before any example, and after the examples under a new heading.
        XCTAssertEqual(try volatileLiterals(prompt("Now: 2026-03-23T10:00:00Z\nEXAMPLE 1 — \"call Mom\"\n  dates: [\"2026-03-24T12:00:00Z\"]")),
                       ["PL002@2"])
        XCTAssertEqual(try volatileLiterals(prompt("EXAMPLE 1 — \"call Mom\"\n  dates: [\"2026-03-24T12:00:00Z\"]\n## Session\nNow: 2026-03-23T10:00:00Z")),
                       ["PL002@5"])
        // A sentence that starts with the word titles no example.
        XCTAssertEqual(try volatileLiterals(prompt("Examples are given at the end.\nNow: 2026-03-23T10:00:00Z")), ["PL002@3"])
    }

    private func document(_ section: String) -> String {
        """
        Extract nodes and edges from the user's message.

        \(section)
        \(rules)
        """
    }

    func testADateInAnExampleSectionIsSampleData() throws {
        let section = """
            ## Examples

            **Example 1 — Brain dump:**
            Message: "rent is due friday, late fee after that"
            Current date: 2026-03-16
            """
        XCTAssertEqual(try volatileLiterals(document(section)), [])
    }

    func testADateOfTodayInThePromptsOwnTextStillFires() throws {
        XCTAssertEqual(try volatileLiterals(document("## Context\n\nCurrent date: 2026-03-16")), ["PL002@5"])
    }
}
