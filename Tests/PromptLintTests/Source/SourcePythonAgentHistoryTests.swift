import XCTest

@testable import PromptLint

/// pydantic-ai agents run with the stored conversation (`agent.run(text, message_history=history)`): the
/// instructions (`instructions=`, `@agent.instructions`, `@agent.system_prompt(dynamic=True)`) are evaluated on
/// every run and sent before that conversation; the other system prompt parts are stored in its first request.
final class SourcePythonAgentHistoryTests: XCTestCase {
    /// An agent whose `decorator` function returns a short clock line, run by `run` (a line of code).
    private func agentFile(decorator: String, run: String) -> String {
        """
        from datetime import datetime
        from pydantic_ai import Agent

        agent = Agent("openai:gpt-4o", system_prompt="You are a concise assistant.")

        @agent.\(decorator)
        def current_time() -> str:
            return f"Current time: {datetime.now()}."

        async def handle(text, history):
            \(run)
            return result.output
        """
    }

    func testInstructionsFunctionRerunBeforeTheMessageHistory() throws {
        let text = agentFile(decorator: "instructions", run: "result = await agent.run(text, message_history=history)")
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@8:28"])
        let dynamic = agentFile(decorator: "system_prompt(dynamic=True)", run: "result = agent.run_sync(text, message_history=history)")
        XCTAssertEqual(try SourceTest.findings(dynamic), ["PL001@8:28"])
    }

    func testStoredSystemPromptOrARunWithoutHistoryStaysClean() throws {
        // A plain `@agent.system_prompt` part is evaluated once, into the conversation's first request.
        XCTAssertEqual(try SourceTest.findings(agentFile(decorator: "system_prompt", run: "result = await agent.run(text, message_history=history)")), [])
        // Without a stored conversation the clock ends a short prompt.
        XCTAssertEqual(try SourceTest.findings(agentFile(decorator: "instructions", run: "result = await agent.run(text)")), [])
        // Another agent's run with history says nothing of this one.
        XCTAssertEqual(try SourceTest.findings(agentFile(decorator: "instructions", run: "result = await helper.run(text, message_history=history)")), [])
    }

    func testAgentBuiltInOneModuleAndRunWithHistoryInAnother() throws {
        let agents = """
            from datetime import datetime
            from pydantic_ai import Agent

            def build():
                main_agent = Agent("openai:gpt-4o", system_prompt="You are a concise assistant.")

                @main_agent.instructions
                def live_context() -> str:
                    return f"Current time: {datetime.now()}."

                return main_agent
            """
        let handler = """
            async def handle(main_agent, text, store):
                result = await main_agent.run(text, message_history=store.get("history", []))
                store["history"] = result.all_messages()
            """
        let found = try SourceTest.folderFindings(["agents.py": agents, "handler.py": handler])
        XCTAssertEqual(found.filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }, ["agents.py@9"])
        let silent = try SourceTest.folderFindings(["agents.py": agents, "handler.py": handler.replacingOccurrences(of: ", message_history=store.get(\"history\", [])", with: "")])
        XCTAssertEqual(silent.filter { $0.ruleID == "PL001" }.count, 0)
    }

    func testInstructionsWrapperIsReportedWhereTheBuilderWritesTheClock() throws {
        let text = """
            from datetime import datetime
            from pydantic_ai import Agent

            def live_context(app) -> str:
                text = "Live context follows."
                text += f" Current time: {datetime.now()}."
                return text

            def build(app):
                agent = Agent("openai:gpt-4o")

                @agent.instructions
                def wrapper() -> str:
                    return live_context(app)

                return agent

            async def handle(agent, text, history):
                return await agent.run(text, message_history=history)
            """
        XCTAssertEqual(try SourceTest.findingLines(text), ["PL001@6"])
    }
}

/// Values a prompt builder fills that do not change per request: a `.replace` whose placeholder the known
/// text does not hold, and the fields of the business a multi-tenant assistant answers for.
final class SourcePythonConstantFillTests: XCTestCase {
    private let rules = SourceTest.longRules

    func testReplaceOfAPlaceholderTheTextDoesNotHoldFillsNothing() throws {
        let template = SourceTest.pythonSystemBeforeHistory("Today is {{today}}.\n\(rules)", name: "PROMPT")
        let filled = { (key: String) in
            template.replacingOccurrences(
                of: "messages=[{\"role\": \"system\", \"content\": PROMPT}]",
                with: "messages=[{\"role\": \"system\", \"content\": PROMPT.replace(\"\(key)\", datetime.now().isoformat())}]")
            .replacingOccurrences(of: "from openai import OpenAI", with: "from datetime import datetime\nfrom openai import OpenAI")
        }
        // The placeholder as written: the clock enters before the rules and the conversation.
        XCTAssertEqual(try SourceTest.findingLines(filled("{{today}}")), ["PL001@5"])
        // Another spelling (`{{TODAY}}`): Python's replace is exact, so the prompt stays constant.
        XCTAssertEqual(try SourceTest.findings(filled("{{TODAY}}")), [])
    }

    func testFieldsOfTheBusinessRecordAreNotTheUsers() throws {
        let builder = { (record: String) in
            """
            from datetime import date

            def build_system_prompt(\(record)):
                name = \(record).get("name", "our office")
                phone = \(record).get("phone") or "the front desk"
                return f\"\"\"You are the receptionist for {name} (phone {phone}).
            \(self.rules)
            Today is {date.today()}.\"\"\"
            """
        }
        // A clinic's own name and phone are the same for each of its requests: nothing before the rules changes.
        XCTAssertEqual(try SourceTest.findings(builder("clinic")), [])
        // The same fields of a customer record describe the user, before the long rules.
        XCTAssertEqual(try SourceTest.findingLines(builder("customer")), ["PL001@6"])
    }

    func testTemplateReadOffAContextObjectIsNotRetrievedContent() throws {
        let text = """
            from datetime import datetime
            async def call_model(state, runtime):
                system_message = runtime.context.system_prompt.format(
                    time=datetime.now().isoformat(),
                    clinic="Acme Dental",
                )
                return await llm.ainvoke([{"role": "system", "content": system_message}, *state.messages])
            """
        // Reported at the clock it is filled with, not at the template named after `runtime.context`.
        XCTAssertEqual(try SourceTest.findingLines(text), ["PL001@4"])
        // Filled with constants only: nothing in it changes.
        let constant = text.replacingOccurrences(of: "time=datetime.now().isoformat(),", with: "time=\"always\",")
        XCTAssertEqual(try SourceTest.findings(constant), [])
    }
}
