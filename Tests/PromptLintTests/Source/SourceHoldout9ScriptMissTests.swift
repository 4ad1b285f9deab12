import XCTest

@testable import PromptLint

/// Classes of construct behind the TypeScript/JavaScript misses and false positives of source-holdout9 and
/// holdout10 (session 15): an agent's scratchpad after the user turn.
final class SourceHoldout9ScriptMissTests: XCTestCase {
    /// A LangChain.js tool-calling agent: a static system prompt, then the user turn with `userTurn`, then the
    /// scratchpad placeholder (or, for the near miss, the stored conversation).
    private func agentPrompt(userTurn: String, after: String) -> String {
        """
        import { ChatPromptTemplate } from "@langchain/core/prompts";

        const SYSTEM_PROMPT = `\(SourceTest.longRules)`;

        export function buildPrompt(query: string, accountId: string) {
          return ChatPromptTemplate.fromMessages([
            ["system", SYSTEM_PROMPT],
            ["user", `\(userTurn)`],
            \(after),
          ]);
        }
        """
    }

    func testAClockInTheUserTurnBeforeTheScratchpadBreaksNothing() throws {
        let turn = "Now: ${new Date().toISOString()}\\nAccount: ${accountId}\\nQuestion: ${query}"
        let clean = agentPrompt(userTurn: turn, after: "[\"placeholder\", \"{agent_scratchpad}\"]")
        XCTAssertEqual(try SourceTest.findingLines(clean, path: "agent.ts"), [])
        // Near miss: the same turn before the stored conversation breaks it (kept across requests).
        let broken = agentPrompt(userTurn: turn, after: "[\"placeholder\", \"{chat_history}\"]")
        let userLine = (broken.components(separatedBy: "\n").firstIndex { $0.contains("[\"user\"") } ?? 0) + 1
        XCTAssertEqual(try SourceTest.findingLines(broken, path: "agent.ts"), ["PL001@\(userLine)"])
    }
}
