import XCTest

@testable import PromptLint

/// A UUID typed into a program's text names a fixed thing the program works with (a database, a workspace, a data
/// source), the same on every request; a UUID made per request comes from a call that PL001 traces. So PL002 leaves
/// UUIDs in source code alone, as it does every literal written there, while a UUID in a recorded request or rendered
/// plain text keeps its finding (source-holdout26: DJTJ9/claude-telegram-chat-bot bots/organizer.py lines 31, 103 and
/// 108, Notion data-source ids). Own text.
final class SourceUUIDLiteralTests: XCTestCase {
    private func prompt(_ line: String) -> String {
        """
        from openai import OpenAI
        NOTES_PROMPT = \"\"\"You file the user's notes into the team's notes database.
        \(line)
        \(String(repeating: "Keep the title short, pick one tag from the list and never invent a due date.\n", count: 6))\"\"\"
        def file_note(client, text):
            return client.chat.completions.create(model="m", messages=[{"role": "system", "content": NOTES_PROMPT}, {"role": "user", "content": text}])
        """
    }

    func testAUUIDWrittenInSourceCodeIsAFixedId() throws {
        for line in ["Use the database with id 3b1f9c2e-7d4a-4e8b-9c0d-1a2b3c4d5e6f.", "(data_source_id: 9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b)"] {
            XCTAssertEqual(try SourceTest.findings(prompt(line)).filter { $0.hasPrefix("PL002") }, [], line)
        }
    }

    func testAUUIDOfAModuleConstantIsAFixedId() throws {
        let text = "DB_ID = \"3b1f9c2e-7d4a-4e8b-9c0d-1a2b3c4d5e6f\"\n"
            + prompt("Use the database {DB_ID}.").replacingOccurrences(of: "NOTES_PROMPT = \"\"\"", with: "NOTES_PROMPT = f\"\"\"")
        XCTAssertEqual(try SourceTest.findings(text).filter { $0.hasPrefix("PL002") }, [])
    }

    /// A clock literal typed into source code is as fixed as a UUID: the program sends the same text on every request
    /// (a date nobody updated), so it breaks no cache; a clock read per request comes from a call PL001 traces.
    func testAStatedClockInSourceCodeIsQuietToo() throws {
        XCTAssertEqual(try SourceTest.findings(prompt("Current time: 2026-08-17T15:00:00Z")).filter { $0.hasPrefix("PL002") }, [])
    }

    func testAUUIDInRenderedPlainTextIsStillFound() throws {
        let tail = String(repeating: " Keep the title short, pick one tag from the list and never invent a due date.", count: 6)
        XCTAssertTrue(try LintTest.ruleIDs("Session 3b1f9c2e-7d4a-4e8b-9c0d-1a2b3c4d5e6f." + tail, format: .plainText).contains("PL002"))
    }
}
