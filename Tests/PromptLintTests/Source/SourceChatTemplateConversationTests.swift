import XCTest

@testable import PromptLint

/// A LangChain graph node building a chat template with the constructor (`ChatPromptTemplate([…])`), adding the
/// conversation after it with `+` and filling its slot when the chain is invoked: retrieved documents written
/// into the system message come before the conversation; a fixed setting there breaks nothing, and a text added
/// with `+` is one more human message, not a conversation.
final class SourceChatTemplateConversationTests: XCTestCase {
    /// A node whose system template ends with `{slot}`, filled with `value`, with `added` after the template.
    private func node(slot: String, value: String, added: String = "messages") -> String {
        """
        from langchain_core.prompts import ChatPromptTemplate
        from langchain_openai import ChatOpenAI

        RULES = "Answer from the notes only, cite each one and keep a short summary first. " * 30


        async def answer(state):
            messages = state["messages"]
            prompt = ChatPromptTemplate([("system", RULES + "\\nNotes:\\n{\(slot)}")])
            chain = prompt + \(added) | ChatOpenAI(model="gpt-4o")
            return {"messages": [await chain.ainvoke({"\(slot)": \(value)})]}
        """
    }

    func testRetrievedDocumentsInATemplateTheConversationIsAddedTo() throws {
        XCTAssertEqual(try SourceTest.findingLines(node(slot: "context", value: "state[\"documents\"]")), ["PL001@9"])
    }

    func testAFixedSettingInATemplateTheConversationIsAddedToBreaksNothing() throws {
        XCTAssertEqual(try SourceTest.findingLines(node(slot: "language", value: "\"French\"")), [])
    }

    func testATextAddedToATemplateIsNoConversation() throws {
        XCTAssertEqual(try SourceTest.findingLines(node(slot: "context", value: "state[\"documents\"]", added: "\"Answer now.\"")), [])
    }
}
