import XCTest

@testable import PromptLint

/// A prompt builder reads the fields of one context object (`${context.userName}`, `${context.timeStr}`) that
/// another module passes as an object literal (`buildAgentPrompt(agent, text, { timeStr, userName: USER_NAME })`).
/// Each field is the entry written under its key: the clock of `timeStr` does not make `userName` per-request, so
/// the break is reported at the clock's field (source-holdout23: furi-wigt/claude-telegram-relay
/// src/agents/promptBuilder.ts read `context.userName` at line 50 as the clock of src/relay.ts line 1697). Own text.
final class ForeignCallerMemberTests: XCTestCase {
    private static let builder = """
        export interface PromptContext { userName?: string; timeStr: string }
        export function buildAgentPrompt(agent: any, question: string, context: PromptContext): string {
          const parts: string[] = [agent.systemPrompt];
          parts.push(`You are speaking with ${context.userName}.`);
          parts.push(`Current time: ${context.timeStr}`);
        \(String(repeating: "  parts.push(\"Answer briefly and kindly, quote sources when you have them, and never invent facts about the user or the world. Keep replies short and ask one follow-up question when the request is unclear.\");\n", count: 6))  parts.push(`User: ${question}`);
          return parts.join("\\n");
        }
        """

    private func caller(timeStr: String) -> String {
        """
        import { buildAgentPrompt } from "./promptBuilder";
        const USER_NAME = process.env.USER_NAME || "friend";
        export async function reply(agent: any, question: string) {
          const timeStr = \(timeStr);
          const prompt = buildAgentPrompt(agent, question, { timeStr, userName: USER_NAME });
          return runCli(prompt);
        }
        """
    }

    func testTheClockIsReportedAtTheFieldItFills() throws {
        let found = try SourceTest.folderFindings(["promptBuilder.ts": Self.builder, "main.ts": caller(timeStr: "new Date().toLocaleString()")])
            .filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, ["promptBuilder.ts@5"])
        XCTAssertTrue(found.first?.message.contains("context.timeStr") == true, found.first?.message ?? "")
    }

    func testAFixedValueForTheSameFieldStaysSilent() throws {
        let found = try SourceTest.folderFindings(["promptBuilder.ts": Self.builder, "main.ts": caller(timeStr: "\"release 7\"")])
        XCTAssertEqual(found.filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }, [])
    }
}
