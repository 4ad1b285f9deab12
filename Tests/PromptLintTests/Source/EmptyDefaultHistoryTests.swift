import XCTest

@testable import PromptLint

/// A Gemini chat session started from a `history` parameter whose default is an empty list (`history:
/// Message[] = []`) that no caller in the folder fills (`runAgentLoop(text)`): every request starts an empty
/// session, so recalled memory at the end of the system instruction is followed by nothing kept across requests
/// (source-holdout22: EgeAkyoldas/clawby src/agent/loop.ts line 134, called from src/bot.ts line 116). A caller
/// that passes stored turns makes it a conversation again. Own text.
final class EmptyDefaultHistoryTests: XCTestCase {
    private static let agent = """
        import { GoogleGenerativeAI } from "@google/generative-ai";
        const genAI = new GoogleGenerativeAI(process.env.KEY!);
        const RULES = `\(String(repeating: "Use the tools when a question needs live data and never invent their output. ", count: 8))`;
        export async function runAgentLoop(userMessage: string, history: any[] = []) {
          let systemInstruction = RULES;
          const memoryContext = await getMemoryContext(userMessage);
          systemInstruction += `\\n--- MEMORY ---\\n${memoryContext}\\n--- END MEMORY ---`;
          const model = genAI.getGenerativeModel({ model: "gemini-2.0-flash", systemInstruction });
          const chat = model.startChat({ history });
          return chat.sendMessage(userMessage);
        }
        """

    private func bot(_ call: String) -> String {
        """
        import { runAgentLoop } from "./agent";
        export async function onMessage(text: string, stored: any[]) {
          return \(call);
        }
        """
    }

    func testAnUnfilledEmptyHistoryIsNoConversation() throws {
        let found = try SourceTest.folderFindings(["agent.ts": Self.agent, "bot.ts": bot("runAgentLoop(text)")])
        XCTAssertEqual(found.filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }, [])
    }

    func testAHistoryACallerPassesIsStillTheConversation() throws {
        let found = try SourceTest.folderFindings(["agent.ts": Self.agent, "bot.ts": bot("runAgentLoop(text, stored)")])
        XCTAssertEqual(found.filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }, ["agent.ts@7"])
    }
}
