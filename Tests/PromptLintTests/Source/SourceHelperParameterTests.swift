import XCTest

@testable import PromptLint

/// Python chat handlers that rebuild the system prompt per request and hand it, with the stored turns, to a
/// helper that puts it before them: a helper of the same file returning `[system] + history`, and one of
/// another module that appends the system message, extends it with the turns and sends it; a summary of the
/// conversation made on each request; and a function that returns `[system] + history` built with appends to
/// a caller the reader cannot follow; and a list of system messages extended with the turns by `+=`, which keeps
/// what was appended before it in front of them. Each has a near miss that stays silent.
final class SourceHelperParameterTests: XCTestCase {
    /// A handler formatting `value` into the system prompt and sending it through `prepare(history, system)`.
    private func returningHelper(_ value: String) -> String {
        """
        from datetime import datetime

        from openai import OpenAI

        client = OpenAI()
        TEMPLATE = \"\"\"You are the shop's assistant.
        Note: {note}
        Answer in two sentences.\"\"\"


        def prepare(history, system_prompt, keep=10):
            recent = history[-keep:]
            return [{"role": "system", "content": system_prompt}] + recent


        def handle(question, history):
            history.append({"role": "user", "content": question})
            system_prompt = TEMPLATE.format(note=\(value))
            messages = prepare(history, system_prompt)
            return client.chat.completions.create(model="gpt-4o", messages=messages)
        """
    }

    func testAClockPassedToAHelperThatPutsTheSystemPromptBeforeTheTurns() throws {
        XCTAssertEqual(try SourceTest.findingLines(returningHelper("datetime.now().isoformat()")), ["PL001@7"])
    }

    func testAConstantPassedToAHelperThatPutsTheSystemPromptBeforeTheTurnsBreaksNothing() throws {
        XCTAssertEqual(try SourceTest.findingLines(returningHelper("\"be brief\"")), [])
    }

    /// The PL001 findings of `returningHelper(value)` read as the only file of a folder, as `promptlint check .` reads
    /// it (a value nothing in the file explains is not reported there).
    private func folderLines(_ value: String) throws -> [String] {
        try SourceTest.folderFindings(["app.py": returningHelper(value)]).filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.line)" }
    }

    func testASummaryOfTheConversationMadeForEachRequest() throws {
        XCTAssertEqual(try folderLines("summarize_conversation(history)"), ["app.py:7"])
    }

    func testASummaryOfAFixedDocumentBreaksNothing() throws {
        XCTAssertEqual(try folderLines("summarize_text(MANUAL)"), [])
    }

    /// A handler appending `context` to its system prompt and calling `llm.generate(system_prompt=…, messages=…)`,
    /// which puts that text first and the turns after it.
    private func sendingHelperFolder(context: String) -> [String: String] {
        [
            "app/llm.py": """
            from openai import OpenAI


            def generate(model, system_prompt, messages):
                client = OpenAI()
                chat = []
                if system_prompt:
                    chat.append({"role": "system", "content": system_prompt})
                chat.extend(messages)
                return client.chat.completions.create(model=model, messages=chat)
            """,
            "app/chat.py": """
            from app.llm import generate


            def reply(store, conversation_id, recent):
                system_prompt = "You are an attentive companion. Be concise and kind."
                context = \(context)
                if context:
                    system_prompt += f"\\n\\nContext:\\n{context}"
                turns = [{"role": m.role, "content": m.content} for m in recent[-6:]]
                return generate(model="m", system_prompt=system_prompt, messages=turns)
            """,
        ]
    }

    func testRetrievedContextInASystemPromptAnotherModuleSendsBeforeTheTurns() throws {
        let findings = try SourceTest.folderFindings(sendingHelperFolder(context: "store.get_conversation_context(conversation_id)"))
            .filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map { "\($0.path):\($0.line)" }, ["app/chat.py:8"])
    }

    func testAFixedNoteInASystemPromptAnotherModuleSendsBeforeTheTurnsBreaksNothing() throws {
        let findings = try SourceTest.folderFindings(sendingHelperFolder(context: "\"Keep replies short.\""))
            .filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.count, 0)
    }

    /// A context builder returning `[system] + stored turns` built with appends, to a caller elsewhere.
    private func returnedContext(_ value: String) -> String {
        """
        from datetime import datetime


        class Context:
            async def build(self):
                messages = []
                system_prompt = "You are the group's assistant. Stay on topic.\\n" + \(value)
                messages.append({"role": "system", "content": system_prompt})
                turns = await self.recent_turns()
                if turns:
                    messages.extend(turns)
                return messages
        """
    }

    func testAClockInASystemMessageAppendedBeforeTheTurnsOfAReturnedList() throws {
        XCTAssertEqual(try SourceTest.findingLines(returnedContext("datetime.now().strftime('%H:%M:%S')")), ["PL001@7"])
    }

    func testAFixedSystemMessageAppendedBeforeTheTurnsOfAReturnedListBreaksNothing() throws {
        XCTAssertEqual(try SourceTest.findingLines(returnedContext("\"Reply in Ukrainian.\"")), [])
    }

    /// A graph node opening a list with a system message, then `first` and `second` (an append and the `+=` of the
    /// stored turns, in either order), sent with `llm.invoke`.
    private func extendedList(_ first: String, _ second: String) -> String {
        """
        from datetime import datetime

        from langchain_core.messages import SystemMessage

        BASE = "You are a coding agent. Use the tools, verify each change and report briefly."


        def agent_node(state, llm):
            recent = list(state["messages"])[-20:]
            context = [SystemMessage(content=BASE)]
            \(first)
            \(second)
            return {"messages": [llm.invoke(context)]}
        """
    }

    private let clockMessage = "context.append(SystemMessage(content=f\"Now: {datetime.now().isoformat()}\"))"

    func testAClockAppendedBeforeTheTurnsAListIsExtendedWith() throws {
        XCTAssertEqual(try SourceTest.findingLines(extendedList(clockMessage, "context += recent")), ["PL001@11"])
    }

    func testAClockAppendedAfterTheTurnsAListIsExtendedWithBreaksNothing() throws {
        XCTAssertEqual(try SourceTest.findingLines(extendedList("context += recent", clockMessage)), [])
    }
}
