import XCTest

@testable import PromptLint

/// A system message written for each item of a collection (`for link in link_messages: messages.append({"role":
/// "system", "content": link})`) is context this request adds, not a turn of the conversation, whatever the
/// collection is called: the conversation's turns are the user's and the model's. Holdout29's Telegram bot appended
/// the YouTube context last that way, and its clock before it was read as breaking "the conversation's turns".
final class SourceSystemItemMessagesTests: XCTestCase {
    private func handler(contextFirst: Bool) -> String {
        let send = contextFirst ? "[{\"role\": \"system\", \"content\": instructions}] + extra + history" : "messages"
        return """
            import datetime
            import httpx

            async def handle(store, text, instructions, describe_links):
                now = datetime.datetime.utcnow()
                history = store.get("chat_history", [])
                history.append({"role": "system", "content": f"Time: {now}"})
                history.append({"role": "user", "content": text})
                messages = [{"role": "system", "content": instructions}] + history
                extra = []
                link_messages = await describe_links(text)
                for link in link_messages:
                    \(contextFirst ? "extra" : "messages").append({"role": "system", "content": f"Link: {link}"})
                async with httpx.AsyncClient() as client:
                    return await client.post("https://api.openai.com/v1/chat/completions",
                                             json={"model": "gpt-4o", "messages": \(send)})

            """
    }

    func testASystemMessagePerItemAfterTheClockIsNoConversation() throws {
        XCTAssertEqual(try SourceTest.findingLines(handler(contextFirst: false)), [])
    }

    /// Near miss: the same messages put before the stored conversation are this request's context before it.
    func testSystemMessagesPerItemBeforeTheHistoryStillBreakIt() throws {
        XCTAssertEqual(try SourceTest.findingLines(handler(contextFirst: true)), ["PL001@13"])
    }
}
