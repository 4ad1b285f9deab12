import XCTest

@testable import PromptLint

/// A list retrieved for the request's input laid out by a join (`"\n- ".join(memories)`) in a system message
/// before the conversation.
final class JoinedRetrievalListTests: XCTestCase {
    /// A bot that adds a second system message with the memories `search_memory` finds for `key`, before the
    /// stored history.
    private func joinedMemories(_ key: String, historyFirst: Bool = false) -> String {
        let history = "    messages.extend(db.get_history(chat_id))\n"
        return """
        from openai import OpenAI
        from . import db

        client = OpenAI()
        RULES = \"\"\"\(SourceTest.policy)\"\"\"


        def reply(chat_id, user_text):
            messages = [{"role": "system", "content": RULES}]
        \(historyFirst ? history : "")    memories = db.search_memory(chat_id, \(key))
            messages.append({"role": "system", "content": "Past events:\\n- " + "\\n- ".join(memories)})
        \(historyFirst ? "" : history)    messages.append({"role": "user", "content": user_text})
            return client.chat.completions.create(model="gpt-4o", messages=messages)
        """
    }

    func testMemoriesSearchedForTheMessageAndJoinedBeforeTheHistory() throws {
        XCTAssertEqual(try SourceTest.findingLines(joinedMemories("user_text")), ["PL001@11"])
    }

    func testMemoriesSearchedForTheMessageAndJoinedAfterTheHistoryStayQuiet() throws {
        XCTAssertEqual(try SourceTest.findingLines(joinedMemories("user_text", historyFirst: true)), [])
    }
}
