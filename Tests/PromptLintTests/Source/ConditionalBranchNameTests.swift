import XCTest

@testable import PromptLint

/// The value of a conditional is one of its branches: `cond ? a : b` is judged like Python's `a if cond else b`, by
/// its branches, not by the name of the condition a script writes first, and a choice between constant texts
/// (`flag ? RULES + EXTRA_RULES : RULES`) is one of a few fixed prompts, each cached once. Source-holdout26:
/// hamchowderr/mastra-chat-kit agents/chat.ts line 226 (`requestContext.get('webSearch') === true ? … : …` was judged
/// as retrieved content by the condition's name). Own text.
final class ConditionalBranchNameTests: XCTestCase {
    private let rules = String(repeating: "Answer in short paragraphs, cite the page you used and never guess an order number.\\n", count: 30)

    private func agent(_ instructions: String) -> String {
        """
        import { Agent } from '@mastra/core/agent';
        import { Memory } from '@mastra/memory';
        const RULES = `You are the shop's assistant.\\n\(rules)`;
        const EXTRA_RULES = `\\nThe user has turned on web search: browse before answering.`;
        export const shopAgent = new Agent({
          name: 'shop',
          instructions: ({ requestContext }) =>
            \(instructions),
          model: 'm',
          memory: new Memory(),
        });
        """
    }

    func testAToggleBetweenConstantTextsIsNoBreak() throws {
        XCTAssertEqual(try SourceTest.findingLines(agent("requestContext.get('search') === true ? RULES + EXTRA_RULES : RULES"),
                                                   path: "agent.ts"), [])
    }

    func testAToggleAddingAVolatileValueIsStillFound() throws {
        let lines = try SourceTest.findingLines(
            agent("requestContext.get('search') === true ? RULES + new Date().toISOString() : RULES"), path: "agent.ts")
        XCTAssertEqual(lines, ["PL001@8"])
    }

    /// The branch's name is the evidence in both languages: `hasContext ? retrievedContext : ""` reads like
    /// `retrieved_context if has_context else ""`.
    private func pythonSystem(_ value: String) -> String {
        """
        from openai import OpenAI
        client = OpenAI()
        def reply(history, has_context, retrieved_context):
            system = "You are the shop's assistant.\\n" + (\(value)) + "\\n" + \"\"\"\(rules)\"\"\"
            return client.chat.completions.create(model="m", messages=[{"role": "system", "content": system}] + history)
        """
    }

    private func scriptSystem(_ value: String) -> String {
        """
        import OpenAI from "openai";
        const client = new OpenAI();
        export async function reply(history, hasContext, retrievedContext) {
          const system = "You are the shop's assistant.\\n" + (\(value)) + "\\n" + `\(rules)`;
          return client.chat.completions.create({ model: "m", messages: [{ role: "system", content: system }, ...history] });
        }
        """
    }

    func testBothLanguagesJudgeAConditionalByItsBranch() throws {
        let python = try SourceTest.findingLines(pythonSystem("retrieved_context if has_context else \"\""))
        let script = try SourceTest.findingLines(scriptSystem("hasContext ? retrievedContext : \"\""), path: "reply.ts")
        XCTAssertEqual(python, ["PL001@4"])
        XCTAssertEqual(script, ["PL001@4"])
    }
}
