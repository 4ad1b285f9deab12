import XCTest

@testable import PromptLint

/// Classes of construct behind Python misses of source-holdout33 (session 36): a list retrieved for the
/// request's input laid out by a join (`"\n- ".join(memories)`) in a system message before the conversation,
/// and a node state's entry read by a string subscript, also through `json.dumps`, judged by its key's name
/// like the same field read as an attribute.
final class SourceHoldout33PythonDevTests: XCTestCase {
    /// A bot that adds a second system message with the memories `search_memory` finds for `key`, before the
    /// stored history.
    private func joinedMemories(_ key: String) -> String {
        """
        from openai import OpenAI
        from . import db

        client = OpenAI()
        RULES = \"\"\"\(SourceTest.policy)\"\"\"


        def reply(chat_id, user_text):
            messages = [{"role": "system", "content": RULES}]
            memories = db.search_memory(chat_id, \(key))
            messages.append({"role": "system", "content": "Past events:\\n- " + "\\n- ".join(memories)})
            messages.extend(db.get_history(chat_id))
            messages.append({"role": "user", "content": user_text})
            return client.chat.completions.create(model="gpt-4o", messages=messages)
        """
    }

    func testMemoriesSearchedForTheMessageAndJoinedBeforeTheHistory() throws {
        XCTAssertEqual(try SourceTest.findingLines(joinedMemories("user_text")), ["PL001@11"])
    }

    func testMemoriesSearchedForAFixedKeyAndJoinedStayQuiet() throws {
        XCTAssertEqual(try SourceTest.findingLines(joinedMemories("\"pinned\"")), [])
    }

    /// A LangGraph node that writes the state entry `expression` into the system prompt before `state["messages"]`.
    private func graphNode(_ expression: String) -> String {
        """
        import json
        from langchain_core.messages import SystemMessage
        from langchain_groq import ChatGroq

        llm = ChatGroq(model="llama-3.3-70b-versatile")
        SYSTEM_PROMPT = \"\"\"\(SourceTest.policy)\"\"\"


        async def respond(state):
            system = SYSTEM_PROMPT + f"\\n\\nFound:\\n{\(expression)}"
            response = await llm.ainvoke([SystemMessage(content=system)] + state["messages"])
            return {"messages": [response]}
        """
    }

    func testStateEntryReadByKeyIsJudgedByTheKey() throws {
        XCTAssertEqual(try SourceTest.findingLines(graphNode("state['search_results']")), ["PL001@10"])
        XCTAssertEqual(try SourceTest.findingLines(graphNode("json.dumps(state['search_results'], indent=2)")), ["PL001@10"])
    }

    func testStateEntryWithAFixedKindOfNameStaysQuiet() throws {
        XCTAssertEqual(try SourceTest.findingLines(graphNode("state['guest_language']")), [])
    }

    func testSlotVariableReadsKeysAndSerializedValues() {
        XCTAssertEqual(SourceAnalysis.slotVariable("state['results']"), "state.results")
        XCTAssertEqual(SourceAnalysis.slotVariable("json.dumps(state[\"a\"][\"b\"], indent=2)"), "state.a.b")
        XCTAssertEqual(SourceAnalysis.slotVariable("items[0]"), "items")
        XCTAssertEqual(SourceAnalysis.slotVariable("state[key]"), "state")
    }
}
