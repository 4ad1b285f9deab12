import XCTest

@testable import PromptLint

/// Classes of construct behind Python misses of source-holdout9 and holdout10 (session 15): a system message
/// put in front of a list of messages the function did not write itself (`insert(0, …)` on a parameter or on a
/// filtered copy of the stored conversation), which the conversation then follows.
final class SourceHoldout9PythonMissTests: XCTestCase {
    /// A helper that puts `stamp` into a system prompt, and a reply function that inserts it at position 0 of
    /// the conversation it is given before sending that conversation.
    private func receivedList(_ stamp: String) -> String {
        """
        import datetime
        import openai

        def system_text():
            stamp = \(stamp)
            return f"Stamp: {stamp}. \(SourceTest.policy)"

        def reply(history, question):
            system = {"role": "system", "content": system_text()}
            history.insert(0, system)
            history.append({"role": "user", "content": question})
            return openai.ChatCompletion.create(model="m", messages=history)
        """
    }

    func testASystemMessageInsertedBeforeAReceivedConversation() throws {
        XCTAssertEqual(try SourceTest.findingLines(receivedList("datetime.datetime.now().isoformat()")), ["PL001@6"])
        // A constant in the same place breaks nothing.
        XCTAssertEqual(try SourceTest.findingLines(receivedList("'v2'")), [])
    }

    /// A filtered copy of the stored conversation (old system messages dropped) with a fresh system message put
    /// in front, handed to the project's own sending helper (the list is trimmed again after the call).
    private func filteredCopy(_ stamp: String) -> String {
        """
        from datetime import datetime

        class Handler:
            def _system_prompt(self):
                now = \(stamp)
                return f"Current time: {now}\\n\\n\(SourceTest.policy)"

            async def answer(self, history, message):
                history = [m for m in history if m.get("role") != "system"]
                history.insert(0, {"role": "system", "content": self._system_prompt()})
                history.append(message)
                reply = await self.send_to_model(history)
                history = history[-10:]
                return reply
        """
    }

    func testASystemMessageInsertedBeforeAFilteredCopyOfTheConversation() throws {
        XCTAssertEqual(try SourceTest.findingLines(filteredCopy("datetime.now().strftime('%H:%M:%S')")), ["PL001@6"])
        XCTAssertEqual(try SourceTest.findingLines(filteredCopy("'fixed'")), [])
    }
}
