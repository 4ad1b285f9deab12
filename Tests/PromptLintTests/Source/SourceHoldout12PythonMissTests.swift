import XCTest

@testable import PromptLint

/// Classes of construct behind misses of source-holdout12's Python half (session 17): a message list built in a
/// function's body and replaced only inside a branch (`if event: messages = [summary of messages]`), whose
/// other path sends the list as first built; and a system message whose text a prompt function of another
/// module returns (`get_system_prompt()`), extended with the clock (and then with notes in a loop), before the
/// stored turns handed to a graph.
final class SourceHoldout12PythonMissTests: XCTestCase {
    private func botMessages(first: String, last: String) -> String {
        """
        import json
        from datetime import datetime
        from openai import OpenAI

        client = OpenAI()


        def build_messages(history, event=False):
            messages = [
                {"role": "system", "content": "\(SourceTest.policy)"},
        \(first)    ]
            for turn in history:
                messages.append({"role": turn["role"], "content": turn["text"]})
            if event:
                dump = json.dumps(messages)
                messages = [{"role": "system", "content": f"Conversation so far: {dump}"}]
        \(last)    return messages


        def reply(history):
            return client.chat.completions.create(model="gpt-4o-mini", messages=build_messages(history))
        """
    }

    func testAListReplacedInABranchIsStillReadAsFirstBuilt() throws {
        let clock = "        {\"role\": \"system\", \"content\": f\"Now: {datetime.now().isoformat()}\"},\n"
        let lines = try SourceTest.findingLines(botMessages(first: clock, last: ""))
        // The clock before the conversation, on the path that skips the branch.
        XCTAssertTrue(lines.contains("PL001@11"), "\(lines)")
        // The same clock appended after the conversation costs nothing on either path.
        let late = "    messages.append({\"role\": \"system\", \"content\": f\"Now: {datetime.now().isoformat()}\"})\n"
        XCTAssertEqual(try SourceTest.findingLines(botMessages(first: "", last: late)), [])
    }

    private func graphAnswer(_ extend: String, last: String) throws -> [String] {
        let prompts = """
            RULES = "\(SourceTest.policy)"


            def get_system_prompt():
                return "\\n\\n".join([RULES])
            """
        let app = """
            from datetime import datetime

            from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
            from prompts import get_system_prompt


            def answer(graph, user_message, recent):
                content = get_system_prompt()
            \(extend)    messages = [SystemMessage(content=content)]
                for row in recent:
                    if row["role"] == "user":
                        messages.append(HumanMessage(content=row["content"]))
                    else:
                        messages.append(AIMessage(content=row["content"]))
            \(last)    return graph.invoke({"messages": messages})
            """
        let found = try SourceTest.folderFindings(["prompts.py": prompts, "app.py": app])
        return found.filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }
    }

    func testAForeignPromptFunctionExtendedWithTheClockBeforeStoredTurns() throws {
        let clock = "    content += f\"\\nCurrent time: {datetime.now().strftime('%H:%M')}\"\n"
        let user = "    messages.append(HumanMessage(content=user_message))\n"
        XCTAssertEqual(try graphAnswer(clock, last: user), ["app.py@9"])
        // Notes appended in a loop after the clock leave the text written before the loop in front.
        let notes = clock + "    for note in recall(user_message):\n        content += f\"\\n- {note}\"\n"
        XCTAssertTrue(try graphAnswer(notes, last: user).contains("app.py@9"))
        // The clock in the new user turn, after the stored ones, leaves the prefix alone.
        let late = "    messages.append(HumanMessage(content=f\"{user_message} ({datetime.now().strftime('%H:%M')})\"))\n"
        XCTAssertEqual(try graphAnswer("", last: late), [])
    }
}
