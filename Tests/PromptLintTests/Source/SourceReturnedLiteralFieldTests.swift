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

    /// `RULE@line` of the PL001 findings of `text` under the default `cost` profile: the `strict` profile of
    /// `SourceTest.findingLines` also notes `session.notes` judged by its name alone (a session's notes are per
    /// user), which is not what these tests are about.
    private func costFindingLines(_ text: String) throws -> [String] {
        try LintTest.linter(LintTest.costConfiguration).lint(text: text, path: "agent.ts", format: nil).findings
            .filter { $0.ruleID == "PL001" }.map { "\($0.ruleID)@\($0.line)" }
    }

    func testAFieldReadsItsOwnEntryOfTheReturnedLiteral() throws {
        // The notes are not the clock the literal's other entry reads.
        XCTAssertEqual(try costFindingLines(agent(field: "notes")), [])
        XCTAssertEqual(try costFindingLines(agent(field: "notes", stored: false)), [])
        // The entry that reads the clock on every call still breaks the prefix.
        XCTAssertEqual(try costFindingLines(agent(field: "openedAt", stored: false)), ["PL001@16"])
        XCTAssertEqual(try costFindingLines(agent(field: "openedAt")), ["PL001@16"])
    }

    func testTheStrictProfileJudgesTheFieldByItsNameNotByTheClock() throws {
        let findings = try LintTest.linter().lint(text: agent(field: "notes"), path: "agent.ts", format: nil).findings
            .filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map(\.line), [16])
        XCTAssertFalse(findings.contains { $0.message.contains("clock") })
    }
}
