import XCTest

@testable import PromptLint

/// Classes of construct behind Python misses of source-holdout17 and holdout18 (session 22): a request list
/// made of a system message joined with `+` to the stored turns and then extended, sent through the file's own
/// wrapper; a model-call hook that writes a message in front of the conversation a request object carries
/// (`request.messages = [SystemMessage(…), *request.messages]`); a `.format` call whose keywords are written
/// in another order than the template reads them (the break is where the request changes first, not the
/// first keyword); the parameter `system_prompt_context` (the settings of the system prompt, not retrieved
/// content); a choice between two constants; and a class attribute naming an imported module's prompt, sent
/// through `list(merge_message_runs(…))`.
final class SourceHoldout17PythonDevTests: XCTestCase {
    /// A chat handler that builds `payload = [system] + turns`, extends it with a tool round and sends it through
    /// its own wrapper; `line` is the system prompt's second line.
    private func storedTurnsHandler(_ line: String) -> String {
        """
        import json
        from datetime import datetime


        class Chat:
            async def load_turns(self, user_id):
                row = await self.db.fetch(user_id)
                return json.loads(row[0]) if row else []

            async def on_message(self, message):
                turns = await self.load_turns(message.author.id)
                turns.append({"role": "user", "content": message.content})
                system_prompt = f\"\"\"You are a concise assistant for the team channel.
        \(line)
        Rules: answer in three sentences at most and never print raw JSON.\"\"\"
                payload = [{"role": "system", "content": system_prompt}] + turns
                reply = await self.complete(payload)
                payload.append({"role": "assistant", "content": reply})
                return await self.complete(payload)
        """
    }

    func testAClockInASystemPromptJoinedToTheStoredTurnsAndExtended() throws {
        XCTAssertEqual(try SourceTest.findingLines(storedTurnsHandler("Current time: {datetime.now().strftime('%H:%M')}")),
                       ["PL001@14"])
    }

    func testAConstantSystemPromptJoinedToTheStoredTurnsBreaksNothing() throws {
        XCTAssertEqual(try SourceTest.findingLines(storedTurnsHandler("Be polite.")), [])
    }

    /// A model-call hook that puts a system message holding `block` in front of the request's conversation.
    private func messageHook(_ block: String) -> String {
        """
        from datetime import datetime

        from langchain_core.messages import SystemMessage


        class StatusHook:
            async def awrap_model_call(self, request, handler):
                block = \(block)
                request.messages = [
                    SystemMessage(content=block),
                    *request.messages,
                ]
                return await handler(request)
        """
    }

    func testAClockWrittenInFrontOfTheConversationARequestCarries() throws {
        XCTAssertEqual(try SourceTest.findingLines(messageHook("f\"Status at {datetime.now().isoformat()}\"")), ["PL001@8"])
    }

    func testAConstantWrittenInFrontOfTheConversationARequestCarriesBreaksNothing() throws {
        XCTAssertEqual(try SourceTest.findingLines(messageHook("\"Answer in English, briefly.\"")), [])
    }

    /// A builder filling an imported template: the clock is near its top and `runtime_context` (read on its name as
    /// retrieved content) after long rules, before more rules, but the call passes `runtime_context` first;
    /// `prefix` is read from the parameter `system_prompt_context`.
    private func builderFolder(clock: String) -> [String: String] {
        let rules = SourceTest.longRules
        return [
            "prompts.py": """
            CHAT_PROMPT = \"\"\"You are a data assistant.
            Current date and time: {current_datetime}
            \(rules)
            {runtime_context}
            \(rules)
            {discipline}
            \"\"\"
            ACT_FIRST = "Act first, then report."
            ASK_FIRST = "Ask before acting."
            """,
            "builder.py": """
            from prompts import ACT_FIRST, ASK_FIRST, CHAT_PROMPT


            class Builder:
                def build(self, *, current_datetime: str, system_prompt_context, act_first: bool = True) -> str:
                    prompt = ""
                    prefix = system_prompt_context.prefix.strip()
                    if prefix:
                        prompt += f"{prefix}\\n\\n"
                    conversation_discipline = ACT_FIRST if act_first else ASK_FIRST
                    prompt += CHAT_PROMPT.format(
                        runtime_context=system_prompt_context.runtime_context,
                        discipline=conversation_discipline,
                        current_datetime=\(clock),
                    )
                    return prompt
            """,
        ]
    }

    func testTheBreakOfAFormatCallIsTheFirstValueOfTheTemplateNotTheFirstKeyword() throws {
        let findings = try SourceTest.folderFindings(builderFolder(clock: "current_datetime"))
            .filter { $0.ruleID == "PL001" || $0.ruleID == "PL005" }
        XCTAssertEqual(findings.map { "\($0.ruleID)@\($0.path):\($0.line)" }, ["PL001@builder.py:14"])
    }

    /// Without the clock the prefix and the discipline (one of two constants) are fixed: the first break is the
    /// runtime context, read on its name as retrieved content before the second block of rules (a guess: `info`).
    func testWithoutTheClockTheBreakIsTheRetrievedContext() throws {
        let findings = try SourceTest.folderFindings(builderFolder(clock: "\"(not shown)\""))
            .filter { $0.ruleID == "PL001" || $0.ruleID == "PL005" }
        XCTAssertEqual(findings.map { "\($0.ruleID)@\($0.path):\($0.line) \($0.severity.rawValue)" }, ["PL001@builder.py:12 info"])
    }

    func testTheSettingsOfTheSystemPromptAreNotRetrievedContent() {
        let classifier = SlotClassifier()
        XCTAssertEqual(classifier.nameClass(of: "system_prompt_context")?.volatility, .constant)
        XCTAssertEqual(classifier.nameClass(of: "retrieved_context")?.volatility, .perRequest)
        XCTAssertEqual(classifier.nameClass(of: "prompt_context")?.volatility, .perRequest)
    }

    func testAChoiceBetweenTwoConstantsIsConstant() {
        var parser = SourceParser(PythonLexer.tokens(Array("ACT_FIRST if act_first else ASK_FIRST".utf8)), language: .python)
        XCTAssertEqual(parser.expression().flatMap(SourceAnalysis.literalAlternatives), 2)
        var other = SourceParser(PythonLexer.tokens(Array("ACT_FIRST if act_first else custom_rules".utf8)), language: .python)
        XCTAssertNil(other.expression().flatMap(SourceAnalysis.literalAlternatives))
    }

    /// An agent class whose attribute names another module's instruction, filled with `time` and sent before the
    /// graph state's conversation through `list(merge_message_runs(…))`.
    private func extractorFolder(time: String) -> [String: String] {
        [
            "agent/__init__.py": "",
            "agent/prompts.py": """
            INSTRUCTION = \"\"\"Reflect on the interaction and update the stored profile.

            System Time: {time}\"\"\"
            """,
            "agent/memory.py": """
            from datetime import datetime

            from langchain_core.messages import SystemMessage, merge_message_runs

            import agent.prompts as prompts


            class MemoryAgent:
                INSTRUCTION = prompts.INSTRUCTION

                def update_profile(self, state):
                    instruction = self.INSTRUCTION.format(time=\(time))
                    merged = list(merge_message_runs(messages=[SystemMessage(content=instruction)] + state["messages"]))
                    return self.extractor.invoke({"messages": merged})
            """,
        ]
    }

    func testAClockFilledIntoAnImportedInstructionNamedByAClassAttribute() throws {
        let findings = try SourceTest.folderFindings(extractorFolder(time: "datetime.now().isoformat()")).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map { "\($0.path):\($0.line)" }, ["agent/memory.py:12"])
        XCTAssertEqual(findings.first?.related.compactMap { r in r.path.map { "\($0):\(r.line)" } }, ["agent/prompts.py:3"])
    }

    func testAFixedValueFilledIntoTheImportedInstructionBreaksNothing() throws {
        XCTAssertEqual(try SourceTest.folderFindings(extractorFolder(time: "\"UTC\"")).filter { $0.ruleID == "PL001" }.count, 0)
    }
}
