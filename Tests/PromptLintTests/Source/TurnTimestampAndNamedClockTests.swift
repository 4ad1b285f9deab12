import XCTest

@testable import PromptLint

/// Two classes of construct from source-holdout35 (session 38): a conversation turn stored as a record with its
/// time beside its text (`{ role: "user", content: text, ts: Date.now() }`), whose timestamp reached a rolling
/// summary of cut turns as if the summary read the clock; and a user's name judged by its name directly before a
/// clock in the same stretch of the prompt (`Current local time for ${userName}: ${now}`), where the finding
/// belongs at the clock.
final class TurnTimestampAndNamedClockTests: XCTestCase {
    private func lines(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.line)" }
    }

    /// A bot keeping a summary of the turns it cuts from the front of the stored conversation. `turn` is the record
    /// appended for the new message.
    private func summarizingBot(turn: String, read: String = "content", role: String = "role") -> String {
        """
        import OpenAI from "openai";
        const client = new OpenAI();

        async function summarizeTurns(turns: { \(role): string; \(read): string }[]): Promise<string> {
          const reply = await client.chat.completions.create({
            model: "gpt-4o-mini",
            messages: [{ role: "user", content: turns.map((t) => t.\(read)).join("\\n") }],
          });
          return reply.choices[0].message.content ?? "";
        }

        export async function answer(stored: { \(role): string; \(read): string }[], storedMemory: string, text: string) {
          const turns = [...stored, \(turn)];
          let memory = storedMemory;
          if (turns.length > 40) {
            const older = turns.splice(0, turns.length - 20);
            memory = await summarizeTurns(older);
          }
          const system = `Decide whether the assistant should answer the newest message.\\n\\nMemory:\\n${memory}`;
          return client.chat.completions.create({
            model: "gpt-4o",
            messages: [{ role: "system", content: system }, ...turns.map((t) => ({ role: t.\(role), content: t.\(read) }))],
          });
        }
        """
    }

    /// The turn's `ts` is bookkeeping stored with it; the summary of cut turns does not read the clock through it.
    func testATurnRecordsTimestampDoesNotMakeWhatItFeedsAClock() throws {
        XCTAssertEqual(try lines(["bot.ts": summarizingBot(turn: #"{ role: "user", content: text, ts: Date.now() }"#)]), [])
    }

    /// Near miss: the clock written into the turn's text is sent to the model, and still reaches the summary.
    func testAClockInTheTurnsTextStillCounts() throws {
        let turn = #"{ role: "user", content: `[${new Date().toISOString()}] ${text}` }"#
        XCTAssertEqual(try lines(["bot.ts": summarizingBot(turn: turn)]), ["bot.ts:19"])
    }

    /// Near miss: a record that is not a chat turn (no `role` and `content`) keeps every field's provenance.
    func testATimestampOfAnotherRecordStillCounts() throws {
        let turn = #"{ author: "user", body: text, ts: Date.now() }"#
        XCTAssertEqual(try lines(["bot.ts": summarizingBot(turn: turn, read: "body", role: "author")]), ["bot.ts:19"])
    }

    /// Over 1,000 static tokens on one line, so the line numbers below are those of the code as written.
    private let rules = String(repeating: SourceTest.policy + " ", count: 20)

    private func nameAndClock(between: String) -> String {
        """
        from datetime import datetime, timezone
        from openai import OpenAI

        client = OpenAI()
        TEMPLATE = \"\"\"Context
        - User: {user_name}\(between)
        - Now: {current_time}
        \(rules)\"\"\"


        def reply(user_name, question):
            system = TEMPLATE.format(user_name=user_name, current_time=datetime.now(timezone.utc).isoformat())
            return client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "system", "content": system}, {"role": "user", "content": question}])
        """
    }

    /// Only a label between the user's name and the clock: the finding is at the clock, the name named before it.
    func testAUserNameNextToAClockYieldsTheAnchorToTheClock() throws {
        let findings = try SourceTest.folderFindings(["agent.py": nameAndClock(between: "")]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map(\.line), [7])
        XCTAssertTrue(findings.first?.message.contains("`{user_name}` (line 6, per-user)") == true, findings.first?.message ?? "")
    }

    /// Near miss: long static text between the name and the clock keeps the finding at the name, where it breaks first.
    func testAUserNameFarBeforeAClockKeepsTheAnchor() throws {
        XCTAssertEqual(try lines(["agent.py": nameAndClock(between: "\n" + rules)]), ["agent.py:6"])
    }
}
