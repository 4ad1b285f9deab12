import XCTest

@testable import PromptLint

/// A tool loop method given the system text and the turns as parameters (`runLoop(system, messages)`) that hands a
/// project's own client one provider-shaped body (`this.llm.createMessage({ system, tools, messages })`): the
/// request is read at the call in the same class, with the system blocks and turns the caller builds, so a clock
/// in the caller's system text comes before the stored conversation. Own text.
final class ProviderBodyFromCallerTests: XCTestCase {
    /// A service whose system blocks end with `volatileBlock` and whose turns are the stored ones then `newest`.
    private func service(volatileBlock: String, newest: String = "") -> String {
        """
        const RULES = `\(String(repeating: "You keep the family's shopping list and answer only about it. ", count: 8))`;
        const STARTED = new Date().toISOString();
        export class ListService {
          constructor(private readonly llm: LlmClient, private readonly store: Store) {}
          async respond(userId: string, text: string): Promise<string> {
            const stored = await this.store.recent(userId, 10);
            const now = new Date();
            const system = [
              { type: "text", text: RULES, cache_control: { type: "ephemeral" } },
              { type: "text", text: \(volatileBlock) },
            ];
            const messages = [...stored.map((m) => ({ role: m.role, content: m.content }))\(newest)];
            return this.runLoop(system, messages);
          }
          private async runLoop(system: Block[], messages: Turn[]): Promise<string> {
            for (let round = 0; round < 4; round++) {
              const response = await this.llm.createMessage({ system, tools: TOOLS, messages });
              if (response.stop_reason !== "tool_use") return response.text;
              messages.push({ role: "assistant", content: response.content });
            }
            return "";
          }
        }
        """
    }

    private func lines(volatileBlock: String, newest: String = "") throws -> [String] {
        try SourceTest.findingLines(service(volatileBlock: volatileBlock, newest: newest), path: "list.service.ts")
    }

    func testAClockInTheCallersSystemBlockComesBeforeTheStoredTurns() throws {
        XCTAssertEqual(try lines(volatileBlock: "`Now: ${now.toISOString()}`"), ["PL001@10"])
    }

    func testAStaticSystemBlockStaysQuiet() throws {
        XCTAssertEqual(try lines(volatileBlock: "\"Answer in the user's language.\""), [])
    }

    func testTheServersStartTimeStaysQuiet() throws {
        XCTAssertEqual(try lines(volatileBlock: "`Running since ${STARTED}`"), [])
    }

    func testAClockInTheNewestTurnStaysQuiet() throws {
        let newest = ", { role: \"user\", content: `${now.toISOString()} ${text}` }"
        XCTAssertEqual(try lines(volatileBlock: "\"Answer in the user's language.\"", newest: newest), [])
    }
}
