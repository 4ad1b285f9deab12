import XCTest

@testable import PromptLint

/// `messages = [system] + history` copies the history once; a retry loop after it that appends the model's reply to
/// `history` changes the stored list, not the copy it sends. A clock appended last to the history before the copy is
/// still the newest message of the request (holdout29's Telegram bot, read as a chat loop before).
final class SourceCopyBeforeLoopTests: XCTestCase {
    private func handler(copyInsideTheLoop: Bool) -> String {
        let copy = #"messages = [{"role": "system", "content": POLICY}] + history"#
        return """
            import datetime
            import httpx

            POLICY = "\(SourceTest.policy)"

            async def handle(store, text, retries):
                now = datetime.datetime.utcnow()
                history = store.get("chat_history", [])
                history.append({"role": "system", "content": f"Time: {now}"})
                history.append({"role": "user", "content": text})
                \(copyInsideTheLoop ? "pass" : copy)
                for attempt in range(retries):
                    \(copyInsideTheLoop ? copy : "pass")
                    async with httpx.AsyncClient() as client:
                        reply = await client.post("https://api.openai.com/v1/chat/completions",
                                                  json={"model": "gpt-4o", "messages": messages})
                    history.append({"role": "assistant", "content": reply.text})
                return history

            """
    }

    func testAppendsInALoopAfterTheCopyDoNotReachIt() throws {
        XCTAssertEqual(try SourceTest.findingLines(handler(copyInsideTheLoop: false)), [])
    }

    /// Near miss: the copy made inside the loop holds the replies of earlier passes, so the clock is before them.
    func testACopyMadeInsideTheLoopHoldsTheEarlierPasses() throws {
        XCTAssertEqual(try SourceTest.findingLines(handler(copyInsideTheLoop: true)), ["PL001@9"])
    }
}
