import XCTest

@testable import PromptLint

/// A message list read for a file's requests is not hidden by a list of the same name in another function: a
/// helper that fills `messages` with fetched chat events, earlier in the file, is a different list from the
/// builder's `messages`, whose system message carries the entries a lorebook picks for the user's message.
final class SourceSameNamedListsTests: XCTestCase {
    /// A bot whose first method fills a list named `messages` with fetched events, and whose builder puts the
    /// lorebook entries for the message in the system message (`notesFirst`) or after the stored turns.
    private func bot(notesFirst: Bool) -> String {
        let system = notesFirst ? "system_text + \"\\n\\n\" + notes" : "system_text"
        let late = notesFirst ? "" : "\n        messages.append({\"role\": \"system\", \"content\": notes})"
        return """
            class Bot:
                async def fetch_events(self, channel):
                    messages = []
                    async for event in channel.history(limit=50):
                        messages.append(event)
                    return [e.content for e in messages]

                def build_chat_messages(self, channel_id, user_message):
                    messages = []
                    system_text = \"\"\"\(SourceTest.policy)\"\"\"
                    notes = self.lorebook.entries_for(user_message)
                    messages.append({"role": "system", "content": \(system)})
                    messages.extend(self.turns[channel_id])\(late)
                    messages.append({"role": "user", "content": user_message})
                    return messages
            """
    }

    func testTheBuilderAfterASameNamedListOfEventsIsStillRead() throws {
        XCTAssertEqual(try SourceTest.findingLines(bot(notesFirst: true), path: "bot.py"), ["PL001@12"])
    }

    func testEntriesAfterTheTurnsStaySilent() throws {
        XCTAssertEqual(try SourceTest.findingLines(bot(notesFirst: false), path: "bot.py"), [])
    }
}
