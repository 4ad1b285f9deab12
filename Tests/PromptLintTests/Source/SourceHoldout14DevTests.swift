import XCTest

@testable import PromptLint

/// Classes of construct behind a false positive of source-holdout14 and a miss of holdout15 (session 19): a
/// terminal tool agent that makes a fresh message list for each typed question (`messages = [{"role": "user",
/// "content": q}]`) and extends it in a tool loop with the model's replies and the tool results (those rounds
/// always come after the question, so the question is the newest turn of its own list, not a prefix of older
/// turns); and a system prompt given as the content blocks a helper of the file returns
/// (`system=_system_blocks(knowledge)`), whose retrieved block precedes the conversation.
final class SourceHoldout14DevTests: XCTestCase {
    private let agent = """
        import anthropic
        from datetime import datetime

        client = anthropic.Anthropic()
        SYSTEM = "You are a terse desk assistant with a clock tool."
        TOOLS = [{"name": "clock", "description": "Current time", "input_schema": {"type": "object", "properties": {}}}]


        def run_tool(name):
            return datetime.now().isoformat()


        if __name__ == "__main__":
            while True:
                question = input("> ")
                messages = [{"role": "user", "content": question}]
                while True:
                    reply = client.messages.create(model="claude-haiku-4-5", max_tokens=512, system=SYSTEM,
                                                   messages=messages, tools=TOOLS)
                    messages.append({"role": "assistant", "content": reply.content})
                    calls = [b for b in reply.content if b.type == "tool_use"]
                    if not calls:
                        break
                    results = [{"type": "tool_result", "tool_use_id": b.id, "content": run_tool(b.name)} for b in calls]
                    messages.append({"role": "user", "content": results})
        """

    func testAQuestionOpeningItsOwnToolLoopListIsNotAPrefixOfOlderTurns() throws {
        XCTAssertEqual(try SourceTest.findings(agent), [])
    }

    func testAQuestionPutBeforeTurnsKeptAcrossQuestionsIsStillFound() throws {
        // The same question followed by a transcript that every question's loop extends: older turns after it.
        let kept = agent
            .replacingOccurrences(of: "if __name__ == \"__main__\":\n", with: "if __name__ == \"__main__\":\n    transcript = []\n")
            .replacingOccurrences(of: "messages=messages, tools", with: "messages=messages + transcript, tools")
            .replacingOccurrences(of: "messages.append(", with: "transcript.append(")
        XCTAssertEqual(try SourceTest.findingLines(kept), ["PL001@17"])
    }

    private let helperBlocks = """
        import anthropic

        GUIDE = "You help relatives of people living with dementia. Be warm, practical and brief."
        client = anthropic.Anthropic()


        def _system_blocks(retrieved_notes: str) -> list[dict]:
            return [
                {"type": "text", "text": GUIDE},
                {"type": "text", "text": retrieved_notes},
            ]


        def answer(retrieved_notes: str, conversation: list[dict]):
            return client.messages.create(model="claude-sonnet-4-6", max_tokens=800,
                                          system=_system_blocks(retrieved_notes), messages=conversation)
        """

    func testRetrievedBlocksReturnedByAHelperBeforeTheConversationAreFound() throws {
        XCTAssertEqual(try SourceTest.findingLines(helperBlocks), ["PL001@10"])
    }

    func testConstantBlocksReturnedByAHelperStayClean() throws {
        // The helper's second block is another constant: nothing per request before the conversation.
        let constant = helperBlocks.replacingOccurrences(of: "{\"type\": \"text\", \"text\": retrieved_notes}",
                                                         with: "{\"type\": \"text\", \"text\": GUIDE.upper()}")
        XCTAssertEqual(try SourceTest.findings(constant), [])
    }
}
