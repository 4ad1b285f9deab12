import XCTest

@testable import PromptLint

/// The OpenAI Node SDK's request body bound to a name typed with the SDK's request type before the call
/// (`const body: OpenAI.Chat.ChatCompletionCreateParams = { model, messages }; openai.chat.completions.create(body)`):
/// the messages are the body's (holdout25: TheZohan/roga-telegram-bot src/providers/OpenAiApi.ts lines 20-26). Own text.
final class NamedRequestBodyTests: XCTestCase {
    private func file(_ system: String) -> String {
        """
        import OpenAI from "openai";
        const openai = new OpenAI();
        export async function reply(history: any[], question: string) {
          const body: OpenAI.Chat.ChatCompletionCreateParams = {
            model: "gpt-4o",
            messages: [{ role: "system", content: \(system) }, ...history, { role: "user", content: question }],
          };
          return openai.chat.completions.create(body);
        }
        """
    }

    private static let rules = String(repeating: "Answer briefly, cite the order number and never promise refunds. ", count: 12)

    func testAClockInTheNamedBodysSystemMessageIsFound() throws {
        XCTAssertEqual(try SourceTest.findingLines(file("`Now: ${new Date().toISOString()}. \(Self.rules)`"), path: "reply.ts"), ["PL001@6"])
    }

    func testAStaticSystemMessageInTheNamedBodyStaysSilent() throws {
        XCTAssertEqual(try SourceTest.findingLines(file("`\(Self.rules)`"), path: "reply.ts"), [])
    }
}
