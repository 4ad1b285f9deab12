import XCTest

@testable import PromptLint

/// Values computed when an object is created (session 18, source-holdout12): a clock read by the constructor,
/// or by a method that only the constructor and a configuration setter call, is fixed for the requests the
/// object serves (an agent kept per process or per session with its own conversation), as a value read at
/// import is; the same method called for each request still changes the prefix per request. And a date
/// literal introduced as a supposition ("if today is 2025-10-29 and the user says…") is an example, not
/// today's date.
final class SourceConstructionTests: XCTestCase {
    private func agent(replyPrompt: String, extra: String = "") -> String {
        """
        from datetime import datetime
        from openai import OpenAI

        RULES = \"\"\"\(SourceTest.longRules)\"\"\"


        class Helper:
            def __init__(self, client: OpenAI):
                self.client = client
                self.history = []
                self.system = self._make_runner()

            def _make_runner(self):
                return self._make_prompt()

            def _make_prompt(self):
                now = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
                return f"Current time: {now}\\n{RULES}"

            def switch_model(self, name):
                self.model = name
                self.system = self._make_runner()
        \(extra)
            def reply(self, text):
                self.history.append({"role": "user", "content": text})
                messages = [{"role": "system", "content": \(replyPrompt)}] + self.history
                return self.client.chat.completions.create(model="gpt-4o", messages=messages)
        """
    }

    func testAClockReadWhenTheObjectIsCreatedIsFixedForItsRequests() throws {
        XCTAssertEqual(try SourceTest.findingLines(agent(replyPrompt: "self.system")), [])
    }

    func testThePromptMethodCalledPerRequestStillChangesThePrefix() throws {
        let lines = try SourceTest.findingLines(agent(replyPrompt: "self._make_prompt()"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("PL001@") }, "\(lines)")
    }

    func testARefreshTheRequestCallsIsNotASetter() throws {
        // `refresh` stores the prompt on the instance too, but `reply` calls it for every message.
        let refresh = "\n    def refresh(self):\n        self.system = self._make_runner()\n"
        let lines = try SourceTest.findingLines(
            agent(replyPrompt: "self.system", extra: refresh).replacingOccurrences(
                of: "        self.history.append(", with: "        self.refresh()\n        self.history.append("))
        XCTAssertTrue(lines.contains { $0.hasPrefix("PL001@") }, "\(lines)")
    }

    /// A rendered plain-text prompt, which PL002 reads (it is quiet in source code).
    private func datedPrompt(_ sentence: String) -> String {
        "You plan homework.\n\(sentence)\n\(SourceTest.longRules)"
    }

    func testADateInASuppositionIsAnExample() throws {
        XCTAssertEqual(try LintTest.volatileLiterals(datedPrompt("- If today is 2025-10-29 and the user says tomorrow, use 2025-10-30.")), [])
        XCTAssertEqual(try LintTest.volatileLiterals(datedPrompt("Today is 2025-10-29.")), ["PL002@2"])
    }
}
