import Foundation
import XCTest

@testable import PromptLint

/// Dialect by content: which reader a `.prompt` or `.txt` file gets, and when a parse problem is an error.
final class DialectTests: XCTestCase {
    private func read(_ text: String, _ path: String) -> PromptTemplate {
        TemplateReading.read(path: path, data: Data(text.utf8))
    }

    private func parseFindings(_ text: String, _ path: String, format: TemplateFormat? = nil) throws -> [Finding] {
        try LintTest.linter().lint(text: text, path: path, format: format).findings.filter { $0.ruleID == "PL008" }
    }

    func testPromptWithFrontMatterIsCertainDotprompt() throws {
        let t = read("---\nmodel: x\n---\n{{role \"system\"}}Hi {{name}}", "a.prompt")
        XCTAssertEqual(t.format, .dotprompt)
        XCTAssertNil(t.formatGuess)
        let broken = try parseFindings("---\nmodel: x\n---\nHi {{#if a}} never closed", "b.prompt")
        XCTAssertFalse(broken.isEmpty)
        XCTAssertTrue(broken.allSatisfy { $0.severity == .error })
    }

    func testPromptWithJinjaIsReadAsJinja() {
        let t = read("You are {{ persona | trim }}.\n{% for x in items %}- {{ x }}\n{% endfor %}", "a.prompt")
        XCTAssertEqual(t.format, .jinja)
        XCTAssertEqual(t.issues, [])
        XCTAssertNotNil(t.formatGuess)
    }

    func testPromptWithStrFormatFieldsIsReadAsFString() {
        let t = read("Answer about {topic} for {user_name}. Literal {{braces}}.", "a.prompt")
        XCTAssertEqual(t.format, .fstring)
        XCTAssertEqual(t.slots.map(\.expression), ["topic", "user_name"])
    }

    func testPromptWithoutFrontMatterThatFitsNoDialectIsSkippedWithInfo() throws {
        let text = "Broken {% if x %} and {{#each y}} and {oops"
        let t = read(text, "a.prompt")
        XCTAssertEqual(t.messages, [])
        XCTAssertEqual(t.issues.count, 1)
        XCTAssertTrue(t.issues[0].message.hasPrefix("not read:"), t.issues[0].message)
        let findings = try parseFindings(text, "a.prompt")
        XCTAssertEqual(findings.map(\.severity), [.info])
        XCTAssertTrue(findings[0].message.contains("not certain"), findings[0].message)
    }

    func testParseProblemsOfAGuessedFormatAreOneNoteThatListsTheOthers() throws {
        // A TOML file whose string field is not named as a prompt (so it is not read per field), filled by
        // `String.replace`, its braces JSON examples: the whole file is read as str.format by its `{fields}`.
        let toml = """
            [analyst]
            body = \"\"\"
            You are an analyst for company {companyId} and manager {managerId}.
            Answer as JSON, one of:
            {
              "type": "text"
            }
            or
            {
              "type": "sql"
            }
            \"\"\"
            """
        let findings = try parseFindings(toml, "backend/prompts.toml")
        XCTAssertEqual(findings.map(\.severity), [.info])
        XCTAssertEqual(findings.first?.line, 5)
        XCTAssertTrue(findings.first?.message.contains("3 more in this file (lines 7, 9, 11)") == true, findings.first?.message ?? "")
        XCTAssertTrue(findings.first?.message.contains("not certain") == true, findings.first?.message ?? "")
    }

    func testJ2ParseErrorIsAnError() throws {
        let findings = try parseFindings("Hi {% if x %} never closed", "a.j2")
        XCTAssertFalse(findings.isEmpty)
        XCTAssertTrue(findings.allSatisfy { $0.severity == .error })
    }

    func testConfiguredFormatMakesParseErrorsErrors() throws {
        let findings = try parseFindings("Hi {% if x %} never closed", "a.txt", format: .jinja)
        XCTAssertFalse(findings.isEmpty)
        XCTAssertTrue(findings.allSatisfy { $0.severity == .error })
    }

    func testTxtDialects() {
        XCTAssertEqual(read("Summarise {{$input}} today", "a.txt").format, .semanticKernelPrompt)
        XCTAssertEqual(read("{% if x %}A{% else %}B{% endif %}", "a.txt").format, .jinja)
        XCTAssertEqual(read("Hi {{#user}}{{name}}{{/user}}", "a.txt").format, .mustache)
        XCTAssertEqual(read("Hi {name}, welcome", "a.txt").format, .fstring)
        XCTAssertEqual(read("Just words", "a.txt").format, .plainText)
    }

    func testStrReplaceMarkersAreSlotsNeverParseErrors() throws {
        let text = "Your goals: {goals}\nReply as JSON like {\"plan\": [1, 2]}.\nUser: $USER_INPUT\n"
        let t = read(text, "agent.txt")
        XCTAssertEqual(t.format, .plainText)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.slots.map(\.expression), ["goals", "USER_INPUT"])
        XCTAssertTrue(t.formatGuess?.contains("does not parse as fstring") ?? false, t.formatGuess ?? "nil")
        XCTAssertEqual(try parseFindings(text, "agent.txt"), [])
    }

    func testMarkdownCodeFencesAreTextInPlainMarkdown() {
        // Not a valid str.format template (JSON braces), so read as Markdown with markers; code stays text.
        let t = read("Use {tone}. Reply {\"a\": 1}.\n```python\nprint(f\"{x}\")\n$HOME\n```\n", "prompts/p.md")
        XCTAssertEqual(t.format, .markdown)
        XCTAssertEqual(t.slots.map(\.expression), ["tone"])
    }

    func testMarkdownFencesCloseOnlyWithAMatchingFence() {
        let text = "Use {tone}. Reply {\"a\": 1}.\n````md\n```bash\nexport PATH=\"$PATH\"\n```\n$INSIDE\n````\nThen $AFTER.\n"
        let t = read(text, "prompts/p.md")
        XCTAssertEqual(t.slots.map(\.expression), ["tone", "AFTER"])
    }

    func testMarkdownThatIsAValidFormatStringIsReadAsOne() {
        // `.format()` fills fields inside code blocks too, so they are slots.
        let t = read("Use {tone}.\n```python\nprint({x})\n```\n", "prompts/p.md")
        XCTAssertEqual(t.format, .fstring)
        XCTAssertEqual(t.slots.map(\.expression), ["tone", "x"])
    }

    func testBrokenJinjaInTxtFallsBackToPlainText() throws {
        let text = "Hi {{ name }} and {% if x %} unclosed"
        let t = read(text, "a.txt")
        XCTAssertEqual(t.format, .plainText)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.slots.map(\.expression), ["name"])
        XCTAssertEqual(try parseFindings(text, "a.txt"), [])
    }
}
