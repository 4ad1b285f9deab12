import XCTest

@testable import PromptLint

/// A handler that collects its system messages in a list and hands that list, with the stored turns and the new
/// turn, to a helper returning `[*system_blocks, *history, user_msg]` (alone, or as the first element of a tuple
/// the caller unpacks): what the caller appended to the system blocks opens the request and the conversation
/// follows it. The near misses (the blocks after the conversation, or only constant blocks) stay silent.
final class SourceSpreadSystemBlocksTests: XCTestCase {
    private static let clock = "f\"Now: {datetime.now().strftime('%H:%M')}\""

    /// The handler with `note` as its second system block, the helper's list written as `order`, and the helper
    /// returning that list alone or, with `tuple`, as `return messages, len(messages)`.
    private func handler(note: String = clock, order: String = "*system_blocks, *history, user_msg", tuple: Bool = false) -> String {
        """
        from datetime import datetime

        from openai import OpenAI

        client = OpenAI()
        PERSONA = "You are the shop's assistant. Answer in two sentences."


        class Router:
            def assemble(self, system_blocks, history, user_msg):
                messages = [\(order)]
                return \(tuple ? "messages, len(messages)" : "[\(order)]")

            def handle(self, history, text):
                blocks = [{"role": "system", "content": PERSONA}]
                blocks.append({"role": "system", "content": \(note)})
                \(tuple ? "messages, count" : "messages") = self.assemble(system_blocks=blocks, history=history,
                                         user_msg={"role": "user", "content": text})
                return client.chat.completions.create(model="gpt-4o", messages=messages)
        """
    }

    func testAClockInTheCallersSystemBlocksBeforeTheSpreadHistory() throws {
        XCTAssertEqual(try SourceTest.findingLines(handler()), ["PL001@16"])
    }

    func testTheSameBlocksAfterTheSpreadHistoryBreakNothing() throws {
        XCTAssertEqual(try SourceTest.findingLines(handler(order: "*history, *system_blocks, user_msg")), [])
    }

    func testConstantSystemBlocksBeforeTheSpreadHistoryBreakNothing() throws {
        XCTAssertEqual(try SourceTest.findingLines(handler(note: "\"Be polite.\"")), [])
    }

    func testTheListAsTheFirstElementOfAReturnedTuple() throws {
        XCTAssertEqual(try SourceTest.findingLines(handler(tuple: true)), ["PL001@16"])
    }

    func testTheTupleWithTheBlocksAfterTheHistoryBreaksNothing() throws {
        XCTAssertEqual(try SourceTest.findingLines(handler(order: "*history, *system_blocks, user_msg", tuple: true)), [])
    }
}
