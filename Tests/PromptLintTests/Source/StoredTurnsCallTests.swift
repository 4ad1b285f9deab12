import XCTest

@testable import PromptLint

/// A module that builds the system prompt with the clock in it, and an engine in another module that sends it
/// through its own retry wrapper (`**kwargs` handed to a worker thread) with the turns read from the object that
/// keeps them (`messages=conv.get_messages()`): the conversation follows the builder's clock, so the break is
/// reported in the builder's file (source-holdout29: a Telegram assistant's system blocks). A no-argument call not
/// named for the turns is not taken for the conversation. Own text.
final class StoredTurnsCallTests: XCTestCase {
    /// A prompt function whose clock is followed by a short line only: nothing to report by itself.
    private let builder = """
        from datetime import datetime

        def get_system_prompt(extra: str = "") -> str:
            now = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
            return (
                "\(SourceTest.policy)\\n"
                f"Current time: {now}\\n"
                f"{extra}\\n"
            )

        """

    private func engine(messages: String) -> String {
        """
        import asyncio
        import anthropic
        from brain.system_prompt import get_system_prompt

        class Engine:
            def __init__(self):
                self._client = anthropic.Anthropic()

            async def process(self, conv, text):
                conv.add_user_message(text)
                system = get_system_prompt()
                return await self._call_with_retry(model="m", max_tokens=500, system=system, messages=\(messages))

            async def _call_with_retry(self, **kwargs):
                return await asyncio.to_thread(self._client.messages.create, **kwargs)

        """
    }

    private func pl001(_ files: [String: String]) throws -> [Finding] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }
    }

    func testTurnsReadFromTheConversationObjectFollowTheBuildersClock() throws {
        let files = ["brain/system_prompt.py": builder, "brain/engine.py": engine(messages: "conv.get_messages()")]
        let found = try pl001(files)
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, ["brain/system_prompt.py@7"], "\(found.map(\.message))")
    }

    func testANoArgumentCallNotNamedForTheTurnsIsNotTheConversation() throws {
        let files = ["brain/system_prompt.py": builder, "brain/engine.py": engine(messages: "conv.last_question()")]
        XCTAssertEqual(try pl001(files), [])
        // The builder alone shows too little after its clock.
        XCTAssertEqual(try pl001(["brain/system_prompt.py": builder]), [])
    }
}
