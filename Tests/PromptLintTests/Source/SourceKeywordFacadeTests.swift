import XCTest

@testable import PromptLint

/// A Python call to the project's own model wrapper, reached through an attribute the analysis cannot follow
/// (`self.api.send_chat(…)`), that names what it sends by keyword: `system_instruction=` (or `system_prompt=`)
/// and `messages=` (or `contents=`). The system text goes before the conversation, so a clock written into it
/// keeps the stored conversation after it out of the cache.
final class SourceKeywordFacadeTests: XCTestCase {
    private func wrapperCall(system: String, messages: String) -> String {
        """
        from datetime import datetime

        RULES = "\(SourceTest.policy)"


        class Assistant:
            def __init__(self, api):
                self.api = api

            async def reply(self, history):
                turns = [m.copy() for m in history]
                stamp = datetime.now().strftime("%H:%M")
                header = f"Current time: {stamp}\\n"
                system = \(system)
                return await self.api.send_chat(model="m", system_instruction=system, messages=\(messages))

        """
    }

    func testAClockInTheSystemInstructionBeforeTheConversationIsFound() throws {
        let lines = try SourceTest.findingLines(wrapperCall(system: "header + RULES", messages: "turns"))
        XCTAssertEqual(lines, ["PL001@13"])
    }

    func testAConstantSystemInstructionWithTheClockInTheNewTurnIsClean() throws {
        // Near miss: the clock goes in the newest turn, after the conversation; the system text is constant.
        let text = wrapperCall(system: "RULES", messages: #"turns + [{"role": "user", "content": header}]"#)
        XCTAssertEqual(try SourceTest.findingLines(text), [])
    }

    func testAWrapperCallWithoutMessagesIsNotARequest() throws {
        // Near miss: a system text alone (a call that stores it, not one that sends a conversation) is not read.
        let text = wrapperCall(system: "header + RULES", messages: "turns").replacingOccurrences(
            of: ", messages=turns", with: "")
        XCTAssertEqual(try SourceTest.findingLines(text), [])
    }
}
