import XCTest

@testable import PromptLint

final class ReaderPlainTextTests: XCTestCase {
    func testPlainTextIsOneStaticMessage() {
        let t = ReaderTest.read("You are a helpful assistant.\nBe brief.\n", path: "system.txt")
        XCTAssertEqual(t.format, .plainText)
        XCTAssertEqual(t.messages.count, 1)
        XCTAssertEqual(t.messages[0].role, .unknown)
        XCTAssertEqual(t.slots, [])
        XCTAssertEqual(ReaderTest.text(t.messages[0]), "You are a helpful assistant.\nBe brief.\n")
        XCTAssertEqual(t.source, "You are a helpful assistant.\nBe brief.\n")
    }

    func testMarkdownKeepsJSONBracesAndFindsPlaceholders() {
        let text = "# Rules\nExample: {{\"a\": 1}}\nToday is {{ CURRENT_DATE }}."
        let t = ReaderTest.read(text, path: "rules.md", format: .markdown)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.slots.map(\.expression), ["CURRENT_DATE"])
        XCTAssertEqual(at(t.slots[0].position), "3:10@37")
        XCTAssertEqual(ReaderTest.text(t.messages[0]), "# Rules\nExample: {{\"a\": 1}}\nToday is .")
        XCTAssertEqual(ReaderTest.read("# Title\n\nText.", path: "a.md").format, .markdown)
    }

    /// A coding agent's command file that sets its shell variables (`OWNER=acme`) before the commands using
    /// them (holdout30's `.codex/prompts/automated-review-cycle.md`): `$OWNER` reads that value, a constant with
    /// the line as evidence. A marker nothing in the file sets, and assignments of another variable, a
    /// placeholder or a comparison, stay unknown.
    func testShellVariableSetInTheFileIsConstant() {
        let text = """
            Set up:
            - `OWNER=acme`
            - `export REPO="web app"`
            - `PR=$NUMBER`, `MODE==x`, `TAG={tag}`
            Run `gh api repos/$OWNER/${REPO}/pulls/$PR` for $QUERY and $MODE and $TAG.
            """
        let t = ReaderTest.read(text, path: ".codex/prompts/review.md", format: .markdown)
        let byName = Dictionary(t.slots.map { ($0.expression, $0.provenance) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(byName["OWNER"]??.volatility, .constant)
        XCTAssertEqual(byName["OWNER"]??.reason, "the shell variable `OWNER` is set to `acme` in this file (line 2)")
        XCTAssertEqual(byName["REPO"]??.reason, "the shell variable `REPO` is set to `web app` in this file (line 3)")
        for unset in ["PR", "QUERY", "MODE", "TAG"] {
            XCTAssertNotNil(byName[unset], unset)
            XCTAssertNil(byName[unset] ?? nil, unset)
        }
    }

    func testEmptyFileHasNoMessagesAndNoIssues() {
        let t = ReaderTest.read("", path: "empty.txt")
        XCTAssertEqual(t.messages, [])
        XCTAssertEqual(t.issues, [])
    }
}
