import XCTest

@testable import PromptLint

/// A template file filled by a `replace` whose pattern is a script regex naming one placeholder
/// (`text.replace(/\{\{\s*notes\s*\}\}/g, notes)`), and sent as the system message of a message list written at
/// the request itself (`fetch(url, { body: JSON.stringify({ model, messages: [...] }) })`,
/// `create(model=m, messages=[...])`): the value is reported at the template's own slot, before the conversation.
final class SourceRegexFillTests: XCTestCase {
    /// The template: static rules, then the notes slot at its end (nothing static after it).
    private let template = SourceTest.longRules + "\nNotes for this answer:\n{{ notes }}\n"

    /// A handler that reads the template, fills its slot with `fill`, and posts `messages` to a chat endpoint.
    private func handler(fill: String, messages: String) -> String {
        """
        import fs from "fs";
        import path from "path";
        export async function answer(question, history) {
          const notes = `as of ${new Date().toISOString()}`;
          const text = fs.readFileSync(path.join(process.cwd(), "prompts", "assistant.md"), "utf8");
          const system = text.replace(\(fill), notes);
          const response = await fetch("https://api.example.com/v1/chat/completions", {
            method: "POST",
            body: JSON.stringify({ model: "small", messages: \(messages) }),
          });
          return response.json();
        }
        """
    }

    private func findings(fill: String, messages: String) throws -> [Finding] {
        try SourceTest.folderFindings([
            "prompts/assistant.md": template,
            "api/answer.mjs": handler(fill: fill, messages: messages),
        ]).filter { $0.ruleID == "PL001" }
    }

    private let systemFirst = "[{ role: \"system\", content: system }, ...history, { role: \"user\", content: question }]"

    func testARegexFillBeforeThePostedConversationIsReportedAtTheTemplateSlot() throws {
        let found = try findings(fill: "/\\{\\{\\s*notes\\s*\\}\\}/g", messages: systemFirst)
        XCTAssertEqual(found.map(\.path), ["prompts/assistant.md"])
        XCTAssertEqual(found.map(\.line), [23])
        XCTAssertEqual(found.first?.related.map(\.line), [6])
    }

    func testTheFilledTemplateAfterTheConversationStaysQuiet() throws {
        let late = "[{ role: \"system\", content: \"Answer briefly.\" }, ...history, { role: \"user\", content: system }]"
        XCTAssertEqual(try findings(fill: "/\\{\\{\\s*notes\\s*\\}\\}/g", messages: late).map(\.path), [])
    }

    func testAPythonRequestWrittenAtTheCallHandsTheFillToTheTemplate() throws {
        let code = """
            from datetime import datetime
            from pathlib import Path
            from openai import OpenAI

            client = OpenAI()

            def answer(question, history):
                system = Path("prompts/assistant.md").read_text().replace("{{ notes }}", str(datetime.now()))
                return client.chat.completions.create(
                    model="small",
                    messages=[{"role": "system", "content": system}, *history, {"role": "user", "content": question}],
                )
            """
        let found = try SourceTest.folderFindings(["prompts/assistant.md": template, "answer.py": code]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map(\.path), ["prompts/assistant.md"])
        XCTAssertEqual(found.map(\.line), [23])
    }

    func testARegexLiteralNamesOnePlaceholderOnlyWhenItMatchesOneText() {
        XCTAssertEqual(SourceAnalysis.regexLiteralText("/\\{\\{\\s*notes\\s*\\}\\}/g"), "{{notes}}")
        XCTAssertEqual(SourceAnalysis.regexLiteralText("/\\[user_name\\]/"), "[user_name]")
        XCTAssertNil(SourceAnalysis.regexLiteralText("/\\{\\{(\\w+)\\}\\}/g"))
        XCTAssertNil(SourceAnalysis.regexLiteralText("/{[a-z]+}/g"))
    }
}
