import XCTest

@testable import PromptLint

final class SourcePythonPromptTests: XCTestCase {
    private let policy = SourceTest.policy

    func testOpenAIChatSystemFStringWithDatetimeNow() throws {
        let text = """
            from datetime import datetime
            def ask(client, question, history):
                return client.chat.completions.create(model="gpt-4o", messages=[
                    {"role": "system", "content": f"Today is {datetime.now():%A}. \(policy)"},
                    {"role": "user", "content": question},
                ])
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@4:50"])
        let t = SourceTest.read(text)
        XCTAssertEqual(t.format, .python)
        XCTAssertEqual(t.messages.map(\.role), [.system, .user])
        XCTAssertEqual(t.slots.first?.provenance?.volatility, .perDay)
    }

    func testOpenAIResponsesInstructionsWithUUID() throws {
        let text = """
            import uuid
            run_id = uuid.uuid4().hex
            resp = client.responses.create(model="gpt-4o", instructions="Run " + run_id + ". \(policy)", input=q)
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@3:70"])
        let reason = SourceTest.read(text).slots.first?.provenance?.reason ?? ""
        XCTAssertTrue(reason.contains("uuid.uuid4().hex") || reason.contains("uuid.uuid4()"), reason)
        XCTAssertTrue(reason.contains("line 2"), reason)
    }

    func testAnthropicSystemWithDateTodayThroughAHelper() throws {
        let text = """
            import anthropic, datetime
            def system_text(day):
                return f"Date: {day}. \(policy)"
            msg = anthropic.Anthropic().messages.create(
                model="claude-sonnet-4-5", system=system_text(datetime.date.today()),
                messages=[{"role": "user", "content": "hi"}])
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@3:20"])
        XCTAssertEqual(SourceTest.read(text).slots.first?.provenance?.volatility, .perDay)
    }

    func testAnthropicCacheControlBlockWithUnsortedJSON() throws {
        let block = { (dump: String) in
            """
            import json
            TOOLS = {"b": 1, "a": 2}
            client.messages.create(model="m", system=[
                {"type": "text", "text": "Tools: " + \(dump) + " \(self.policy)", "cache_control": {"type": "ephemeral"}},
            ], messages=[{"role": "user", "content": q}])
            """
        }
        // A dict literal keeps insertion order: the same bytes on every call (OrderStabilityTests has both sides).
        XCTAssertEqual(try SourceTest.findings(block("json.dumps(TOOLS)")), [])
        XCTAssertEqual(try SourceTest.findings(block("json.dumps(requests.get(TOOLS_URL).json())")), ["PL007@4:42"])
        XCTAssertEqual(try SourceTest.findings(block("json.dumps(requests.get(TOOLS_URL).json(), sort_keys=True)")), [])
        XCTAssertEqual(SourceTest.read(block("json.dumps(TOOLS)")).messages.first?.hasCacheBreakpoint, true)
    }

    func testLiteLLMCompletionWithTimeTime() throws {
        let text = """
            import time, litellm
            stamp = time.time()
            litellm.completion(model="gpt-4o", messages=[{"role": "system", "content": f"t={stamp}. \(policy)"},
                                                         {"role": "user", "content": "q"}])
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@3:80"])
    }

    func testLangChainFromMessagesTemplateVariables() throws {
        let text = """
            prompt = ChatPromptTemplate.from_messages([
                ("system", "Today is {current_date}. \(policy)"),
                MessagesPlaceholder("chat_history"),
                ("human", "{question}"),
            ])
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@2:26"])
        XCTAssertEqual(SourceTest.read(text).slots.map(\.variable), ["current_date", "chat_history", nil])
        XCTAssertEqual(SourceTest.read(text).slots.last?.expression, "last user message")
    }

    func testLangChainFromTemplateTripleQuoted() throws {
        let text = "t = PromptTemplate.from_template(\"\"\"\nToday is {day_of_week}, {current_date}.\n\(policy)\n{input}\"\"\")\n"
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@2:10"])
    }

    func testSystemMessageWithWorkingDirectoryInInvoke() throws {
        let text = """
            import os
            llm.invoke([SystemMessage(content=f"cwd: {os.getcwd()}\\n\(policy)"), HumanMessage(content=q)])
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@2:42"])
        XCTAssertEqual(SourceTest.read(text).slots.first?.provenance?.volatility, .perUser)
    }

    func testLlamaIndexChatMessageWithRandom() throws {
        let text = """
            import random
            seed = random.randint(0, 9)
            llm.chat([ChatMessage(role=MessageRole.SYSTEM, content=f"Seed {seed}. \(policy)"), ChatMessage(role="user", content=q)])
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@3:63"])
    }

    func testNamedSystemPromptConstantWithSecrets() throws {
        // Module-level values are read once per process: they count in a script (`SourceLifetime`).
        let text = "import secrets\nSYSTEM_PROMPT = f\"Nonce {secrets.token_hex(8)}. \(policy)\"\n" + SourceTest.scriptMain
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@2:25"])
        XCTAssertEqual(SourceTest.read(text).messages.first?.role, .system)
    }

    func testSubprocessOutputInBuiltSystemPrompt() throws {
        let text = """
            import subprocess
            def build_system_prompt():
                status = subprocess.check_output(["git", "status"]).decode()
                return "Repository status:\\n" + status + "\\n\(policy)"
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@4:37"])
    }

    func testFormatPercentJoinAndDedent() throws {
        let text = """
            import textwrap
            from datetime import datetime
            BASE = textwrap.dedent(\"\"\"
                Now: {now}. \(policy)
            \"\"\")
            A_PROMPT = BASE.format(now=datetime.now())
            B_PROMPT = "At %s. \(policy)" % datetime.utcnow()
            C_PROMPT = "\\n".join(["Hello.", f"Now {datetime.now()}", "\(policy)"])
            """ + SourceTest.scriptMain
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@4:10", "PL001@7:16", "PL001@8:39"])
    }

    func testAugmentedAssignmentBuildsThePrompt() throws {
        let text = """
            import uuid
            def ask(client, q):
                system_prompt = "Request "
                system_prompt += str(uuid.uuid4())
                system_prompt += ". \(policy)"
                return client.messages.create(model="m", system=system_prompt, messages=[{"role": "user", "content": q}])
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@4:26"])
    }

    func testSetIterationIntoThePrefix() throws {
        let text = "TAGS = set(load())\nSYSTEM_PROMPT = \"Tags: \" + \", \".join(TAGS) + \". \(policy)\"\n"
        XCTAssertEqual(try SourceTest.findings(text), ["PL007@2:28"])
    }

    func testTemplateFileLoadedAndRenderedIsRecorded() {
        let text = "out = env.get_template(\"system.j2\").render(today=datetime.now(), name=n)\n"
        let t = SourceTest.read(text)
        XCTAssertEqual(t.slots.first?.isInclude, true)
        XCTAssertEqual(t.slots.map(\.expression), ["include env.get_template(\"system.j2\")", "today=datetime.now()"])
    }

    func testSuppressionInHashComment() throws {
        let text = """
            from datetime import datetime
            # promptlint-disable-next-line PL001 -- the date is part of the product
            SYSTEM_PROMPT = f"Date {datetime.now()}. \(policy)"
            """
        XCTAssertEqual(try SourceTest.findings(text), [])
    }
}
