import XCTest

@testable import PromptLint

/// A Gemini request whose config is bound to a name first (`const config = { systemInstruction }`, then
/// `generateContent({ model, contents, config })`) sends that instruction as the request's own, and `contents`
/// named for the conversation (a parameter `chatHistory`) is the turns Gemini sends after it: a clock in the
/// instruction comes before them. `contents` holding the question alone, or a clock only in the newest turn,
/// stay quiet (at most a cheap note). Own text.
final class GeminiNamedConfigAndHistoryTests: XCTestCase {
    /// A reply function whose instruction holds `instructionLine` and whose request sends `contents` with `config`.
    private func reply(instructionLine: String, contents: String, config: String = "config") -> String {
        """
        const { GoogleGenAI } = require("@google/genai");
        const ai = new GoogleGenAI({});
        async function reply(chatHistory, question) {
          const now = new Date();
          const clock = now.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
          const config = {
            systemInstruction: `Tea shop helper.\\n- \(instructionLine)\\n- Keep answers short and kind.`,
          };
          const response = await ai.models.generateContent({ model: "gemini-2.5-flash", contents: \(contents), \(config) });
          return response.text;
        }
        module.exports = reply;
        """
    }

    private func lines(instructionLine: String, contents: String, config: String = "config") throws -> [String] {
        try SourceTest.findingLines(reply(instructionLine: instructionLine, contents: contents, config: config), path: "tea.js")
    }

    func testAClockInANamedConfigComesBeforeTheHistory() throws {
        XCTAssertEqual(try lines(instructionLine: "The time is ${clock}.", contents: "chatHistory"), ["PL001@7"])
        XCTAssertEqual(try lines(instructionLine: "The time is ${clock}.", contents: "chatHistory", config: "config: config"), ["PL001@7"])
    }

    func testAStaticNamedConfigBeforeTheHistoryStaysQuiet() throws {
        XCTAssertEqual(try lines(instructionLine: "Answer in the user's language.", contents: "chatHistory"), [])
    }

    func testAClockBeforeTheQuestionAloneIsAtMostCheap() throws {
        let text = reply(instructionLine: "The time is ${clock}.", contents: "question")
        let found = try LintTest.linter().lint(text: text, path: "tea.js", format: nil).findings.filter { $0.ruleID == "PL001" }
        XCTAssertFalse(found.contains { $0.severity != .info })
    }

    func testAClockInTheNewestTurnOnlyStaysQuiet() throws {
        let turns = "[...chatHistory, { role: \"user\", parts: [{ text: `${clock} ${question}` }] }]"
        XCTAssertEqual(try lines(instructionLine: "Answer in the user's language.", contents: turns), [])
    }
}
