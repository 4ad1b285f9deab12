import XCTest

@testable import PromptLint

/// A web-search result put at index 1 (`messages.insert(1, …)`) of the list an awaited helper builds (the system
/// prompt, the stored conversation, the question), sent by a chat client or its streaming variant; the search's
/// `except` fallback (`research = ""`) is the other path, not the value.
final class AwaitedBuilderInsertTests: XCTestCase {
    /// A bot whose `answer` sends what `build_messages` returns with the search result at `index`; `awaited` writes
    /// `await` before the helper's call, `fallback` wraps the search in a `try` whose handler empties it, `send`
    /// is the request line.
    private func bot(awaited: Bool = true, fallback: Bool = false, index: String = "1", searched: String = "search_web(user_text)",
                     send: String = "reply = await self.client.chat(messages=messages)") -> String {
        let search = fallback
            ? "        try:\n            research = \(searched)\n        except Exception:\n            research = \"\"\n"
            : "        research = \(searched)\n"
        return """
        SYSTEM = \"\"\"\(SourceTest.policy)\"\"\"
        NOTE = "Quote the sources you use."


        class Assistant:
            def __init__(self, client):
                self.client = client

            async def build_messages(self, history, user_text):
                msgs = [{"role": "system", "content": SYSTEM}]
                for m in history:
                    msgs.append({"role": m["role"], "content": m["content"]})
                msgs.append({"role": "user", "content": user_text})
                return msgs

            async def answer(self, history, user_text):
                messages = \(awaited ? "await " : "")self.build_messages(history, user_text)
                research = ""
        \(search)        if research:
                    messages.insert(\(index), {"role": "system", "content": "Web data:\\n" + research})
                \(send)
                return reply
        """
    }

    func testSearchInsertedAfterTheSystemPromptOfAnAwaitedBuilderBreaksTheConversation() throws {
        XCTAssertEqual(try SourceTest.findingLines(bot()), ["PL001@21"])
        XCTAssertEqual(try SourceTest.findingLines(bot(awaited: false)), ["PL001@21"])
    }

    func testSearchInsertedAtTheEndStaysQuiet() throws {
        XCTAssertEqual(try SourceTest.findingLines(bot(index: "len(messages)")), [])
    }

    func testExceptFallbackDoesNotHideTheSearch() throws {
        XCTAssertEqual(try SourceTest.findingLines(bot(fallback: true)), ["PL001@24"])
        // A constant note in the `try` block with an empty fallback stays a constant.
        XCTAssertEqual(try SourceTest.findingLines(bot(fallback: true, searched: "NOTE")), [])
    }

    func testStreamingChatClientSendsTheList() throws {
        let streamed = "reply = \"\"\n        async for delta in self.client.chat_stream(messages=messages):\n            reply += delta"
        XCTAssertEqual(try SourceTest.findingLines(bot(send: streamed)), ["PL001@21"])
        XCTAssertEqual(try SourceTest.findingLines(bot(index: "len(messages)", send: streamed)), [])
    }
}
