import XCTest

@testable import PromptLint

/// `messages.insert(1, note)` puts the note at position 1 of the list (after the system message), and its first
/// argument is a position, not a message. Holdout29's Telegram bot had a clock appended after the stored history
/// reported as breaking the cache before "the conversation's turns (`1`)": the index read as a conversation and
/// the inserted note placed after the clock.
final class SourceListInsertTests: XCTestCase {
    private func handler(inserting inserted: String) -> String {
        """
        import datetime
        import httpx

        NOTE = {"role": "system", "content": "\(SourceTest.policy)"}

        async def handle(store, text):
            now = datetime.datetime.utcnow()
            stamp = {"role": "system", "content": f"Time: {now}"}
            history = store.get("chat_history", [])
            history.append(stamp)
            history.append({"role": "user", "content": text})
            messages = [{"role": "system", "content": "You answer questions about the weather."}] + history
            messages.insert(1, \(inserted))
            async with httpx.AsyncClient() as client:
                return await client.post("https://api.openai.com/v1/chat/completions",
                                         json={"model": "gpt-4o", "messages": messages})

        """
    }

    /// A note inserted after the system message comes before the stored conversation, so the clock appended
    /// after that conversation is still the newest part of the request.
    func testAClockAppendedAfterTheHistoryStaysLastWhenANoteIsInsertedAtTheFront() throws {
        XCTAssertEqual(try SourceTest.findingLines(handler(inserting: "NOTE")), [])
    }

    /// Near miss: a clock inserted at position 1 is before the whole stored conversation.
    func testAClockInsertedAfterTheSystemMessageStillBreaksTheHistory() throws {
        let clock = #"{"role": "system", "content": f"Now: {now}"}"#
        XCTAssertEqual(try SourceTest.findingLines(handler(inserting: clock)), ["PL001@13"])
    }

    /// A position counted past a message standing for a whole conversation is unknown: the item goes last.
    func testAnInsertPastAConversationGoesAfterTheList() {
        let system = SourceMessage(role: .system, segments: [], position: SourcePosition(line: 1, column: 1, offset: 0))
        let turns = SourceMessage(role: .unknown, segments: [], position: SourcePosition(line: 2, column: 1, offset: 0))
        let note = SourceMessage(role: .user, segments: [], position: SourcePosition(line: 3, column: 1, offset: 0))
        XCTAssertEqual(SourceAnalysis.inserting([note], at: 1, into: [system, turns]).map(\.position.line), [1, 3, 2])
        XCTAssertEqual(SourceAnalysis.inserting([note], at: 2, into: [system, turns]).map(\.position.line), [1, 2, 3])
    }
}
