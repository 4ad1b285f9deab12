import XCTest

@testable import PromptLint

/// Classes of construct behind the Python misses of holdout7 and source-holdout6 (session 12): a prompt
/// function named as the user's turn that is more than the request's input (a long static tail after its
/// first value, or the conversation as text after a per-step value), and a chat loop that puts what the
/// user types (`input()`) before the replies it keeps.
final class SourceHoldout7MissTests: XCTestCase {
    private let longPolicy = SourceTest.nearThresholdPolicy + " " + SourceTest.nearThresholdPolicy

    func testAUserPromptFunctionWithALongStaticTailIsRead() throws {
        let text = """
            def last_user_prompt_template(issue, editor):
                return f\"\"\"
            Current objective: {issue}
            \(longPolicy)
            <EDITOR>
            {editor}
            </EDITOR>
            \"\"\"
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@3:20"])
        // The usual user turn: the question and a few words of static text stay the request's input.
        let short = """
            def build_user_prompt(question, context):
                return f"Question: {question}\\nAnswer from the context below, citing its sources.\\n{context}"
            """
        XCTAssertEqual(try SourceTest.findings(short), [])
    }

    func testAUserPromptHoldingTheConversationAsTextIsRead() {
        let segments = SourceTest.read("""
            def last_user_prompt(editor, history):
                return f"<EDITOR>\\n{editor}\\n</EDITOR>\\n<HISTORY>\\n{history}\\n</HISTORY>"
            """).messages.flatMap(\.segments)
        XCTAssertTrue(SourceReader.userPromptHoldsPrefix(segments))
        XCTAssertFalse(SourceReader.userPromptHoldsPrefix([.text("Question: ", SourcePosition(line: 1, column: 1, offset: 0))]))
    }

    func testWhatTheUserTypesBeforeTheLoopsRepliesBreaksTheConversation() throws {
        let text = """
            import openai
            responses = []
            while True:
                user_input = input("You: ")
                user_message = {"role": "user", "content": user_input}
                base_messages = [
                    {"role": "system", "content": "You are a personal assistant designed to help users with various tasks."},
                    user_message,
                ]
                reply = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=base_messages + responses)
                responses.append({"role": "assistant", "content": reply.choices[0].message.content})
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@5:48"])
        // Appended to the kept list instead, the user's turn follows the conversation.
        let appended = text.replacingOccurrences(of: "    user_message,\n", with: "")
            .replacingOccurrences(of: "base_messages + responses", with: "base_messages + responses + [user_message]")
        XCTAssertEqual(try SourceTest.findings(appended), [])
    }
}
