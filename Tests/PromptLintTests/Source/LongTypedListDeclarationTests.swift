import XCTest

@testable import PromptLint

/// A list declared with a long type annotation (`const contents: Array<{ role: string; parts: Array<{ text: string }
/// | { inlineData: { data: string } }> }> = []`) is bound to its value like any other: the bracketed groups of the
/// type count as one step each when the declaration is read, so turns pushed into it in a loop are the conversation
/// a Gemini request sends after its system instruction. Own text.
final class LongTypedListDeclarationTests: XCTestCase {
    /// A reply function whose instruction ends with `instructionEnd`, whose `contents` is declared with `type`, and
    /// whose newest turn holds `question`.
    private func reply(instructionEnd: String, type: String, question: String = "question") -> String {
        """
        import { GoogleGenAI } from "@google/genai";
        const ai = new GoogleGenAI({ apiKey: process.env.KEY });
        const RULES = `\(String(repeating: "Answer as the bicycle shop's helper, briefly, and never guess a price. ", count: 8))`;
        export async function reply(stored: { role: string; text: string }[], question: string) {
          const instruction = RULES + \(instructionEnd);
          const contents: \(type) = [];
          for (const turn of stored) {
            contents.push({ role: turn.role === "user" ? "user" : "model", parts: [{ text: turn.text }] });
          }
          contents.push({ role: "user", parts: [{ text: \(question) }] });
          const response = await ai.models.generateContent({
            model: "gemini-2.5-flash",
            contents,
            config: { systemInstruction: instruction },
          });
          return response.text;
        }
        """
    }

    private static let longType = "Array<{ role: string; parts: Array<{ text: string } | { inlineData: { data: string; mimeType: string } }> }>"
    private static let clock = "`\\nNow: ${new Date().toISOString()}`"

    private func lines(instructionEnd: String, type: String = longType, question: String = "question") throws -> [String] {
        try SourceTest.findingLines(reply(instructionEnd: instructionEnd, type: type, question: question), path: "shop.ts")
    }

    func testAClockInTheInstructionComesBeforeTurnsPushedIntoALongTypedList() throws {
        XCTAssertEqual(try lines(instructionEnd: Self.clock), ["PL001@5"])
    }

    func testTheSameListWithAShortTypeReadsTheSame() throws {
        XCTAssertEqual(try lines(instructionEnd: Self.clock, type: "Turn[]"), ["PL001@5"])
    }

    func testAStaticInstructionBeforeThePushedTurnsStaysQuiet() throws {
        XCTAssertEqual(try lines(instructionEnd: "\"\\nAnswer in the customer's language.\""), [])
    }

    func testAClockInTheNewestPushedTurnStaysQuiet() throws {
        let question = "`${new Date().toISOString()} ${question}`"
        XCTAssertEqual(try lines(instructionEnd: "\"\\nAnswer in the customer's language.\"", question: question), [])
    }
}
