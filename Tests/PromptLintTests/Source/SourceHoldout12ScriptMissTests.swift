import XCTest

@testable import PromptLint

/// Classes of construct behind the TypeScript/JavaScript misses of source-holdout12 (session 17).
final class SourceHoldout12ScriptMissTests: XCTestCase {
    /// An AI SDK call in a chat agent's handler whose system text is given as `instructions` (the name
    /// newer AI SDK releases use), lines joined, ending with `tail`; then `rest` (the stored conversation or
    /// a one-off prompt).
    private func chatAgent(tail: String, rest: String) -> String {
        """
        import { streamText, convertToModelMessages } from "ai";

        export class Support extends ChatAgent {
          async onChatMessage() {
            const result = streamText({
              model: this.model,
              instructions: [
                "You answer questions about the billing API.",
                "Use the lookup tool before you quote a price.",
                \(tail)
              ].join("\\n"),
              \(rest),
            });
            return result.toResponse();
          }
        }
        """
    }

    func testAClockEndingAIStreamTextInstructionsBeforeTheStoredConversationIsFound() throws {
        let clock = "`The time is ${new Date().toISOString()}.`"
        let broken = chatAgent(tail: clock, rest: "messages: await convertToModelMessages(this.messages)")
        let line = (broken.components(separatedBy: "\n").firstIndex { $0.contains("The time is") } ?? 0) + 1
        XCTAssertEqual(try SourceTest.findingLines(broken, path: "agent.ts"), ["PL001@\(line)"])
        // Near miss: the same short instructions sent with one prompt and no conversation cost nothing.
        let oneOff = chatAgent(tail: clock, rest: "prompt: this.question")
        XCTAssertEqual(try SourceTest.findingLines(oneOff, path: "agent.ts"), [])
    }
}
