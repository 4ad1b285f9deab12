import XCTest

@testable import PromptLint

/// A field of what a function of the file returns when one of its returns is an object literal
/// (`getSession(id)` giving the stored session or a fresh `{ notes: "", openedAt: Date.now() }`): the field holds
/// that literal's entry under its key, not the clock another entry of the literal reads.
final class SourceReturnedLiteralFieldTests: XCTestCase {
    /// `getSession` returns the stored session, or a fresh one on a session's first request; `stored` false leaves
    /// the stored branch out (a fresh literal on every call).
    private func agent(field: String, stored: Bool = true) -> String {
        """
        import OpenAI from "openai";
        const openai = new OpenAI();
        const sessions = new Map<string, any>();
        const RULES = "Answer as the shop's support agent. Be brief, polite and exact, never promise refunds or delivery dates, quote order numbers exactly and hand over to a human when asked.";

        function getSession(id: string) {
          const existing = sessions.get(id);
          \(stored ? "if (existing) return existing;" : "")
          const fresh = { notes: "none yet", openedAt: new Date().toISOString() };
          sessions.set(id, fresh);
          return fresh;
        }

        export async function reply(id: string, text: string, turns: any[]) {
          const session = getSession(id);
          const system = `Session: ${session.\(field)}\\n\\n${RULES}`;
          return openai.chat.completions.create({
            model: "m",
            messages: [{ role: "system", content: system }, ...turns, { role: "user", content: text }],
          });
        }
        """
    }

    func testAFieldReadsItsOwnEntryOfTheReturnedLiteral() throws {
        // The notes are not the clock the literal's other entry reads.
        XCTAssertEqual(try SourceTest.findingLines(agent(field: "notes"), path: "agent.ts"), [])
        XCTAssertEqual(try SourceTest.findingLines(agent(field: "notes", stored: false), path: "agent.ts"), [])
        // The entry that reads the clock on every call still breaks the prefix.
        XCTAssertEqual(try SourceTest.findingLines(agent(field: "openedAt", stored: false), path: "agent.ts"), ["PL001@16"])
    }
}
