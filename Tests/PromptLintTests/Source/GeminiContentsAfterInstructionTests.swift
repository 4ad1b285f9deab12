import XCTest

@testable import PromptLint

/// A Gemini request written with its system instruction in `config` and its turns in `contents`
/// (`ai.models.generateContent({ model, config: { systemInstruction }, contents })`): Gemini sends the instruction
/// first and then the turns, so stored turns re-shaped into `contents` are the conversation after the instruction,
/// and a clock in the instruction comes before them. `contents` holding one text is the question alone. Own text.
final class GeminiContentsAfterInstructionTests: XCTestCase {
    /// A reply function whose instruction ends with `instructionEnd` and whose request sends `contents`.
    private func reply(instructionEnd: String, contents: String) -> String {
        """
        import { GoogleGenAI } from "@google/genai";
        const ai = new GoogleGenAI({ apiKey: process.env.KEY });
        const RULES = `\(String(repeating: "Answer as the garden planner, briefly, and never invent a plant's needs. ", count: 8))`;
        export async function reply(stored: { role: string; text: string }[], text: string) {
          let systemInstruction = RULES;
          systemInstruction += \(instructionEnd);
          const contents = stored.map((m) => ({ role: m.role, parts: [{ text: m.text }] }));
          const response = await ai.models.generateContent({
            model: "gemini-2.5-flash",
            config: { systemInstruction, temperature: 0.2 },
            contents: \(contents),
          });
          return response.text;
        }
        """
    }

    private func lines(instructionEnd: String, contents: String) throws -> [String] {
        try SourceTest.findingLines(reply(instructionEnd: instructionEnd, contents: contents), path: "planner.ts")
    }

    func testAClockInTheInstructionComesBeforeTheStoredTurns() throws {
        XCTAssertEqual(try lines(instructionEnd: "`\\nNow: ${new Date().toISOString()}`", contents: "contents"), ["PL001@6"])
    }

    func testAStaticInstructionBeforeTheStoredTurnsStaysQuiet() throws {
        XCTAssertEqual(try lines(instructionEnd: "\"\\nAnswer in the user's language.\"", contents: "contents"), [])
    }

    func testAClockBeforeTheQuestionAloneStaysQuiet() throws {
        XCTAssertEqual(try lines(instructionEnd: "`\\nNow: ${new Date().toISOString()}`", contents: "text"), [])
    }

    func testAClockInTheNewestTurnAfterTheStoredOnesStaysQuiet() throws {
        let turn = "[...contents, { role: \"user\", parts: [{ text: `${new Date().toISOString()} ${text}` }] }]"
        XCTAssertEqual(try lines(instructionEnd: "\"\\nAnswer in the user's language.\"", contents: turn), [])
    }
}
