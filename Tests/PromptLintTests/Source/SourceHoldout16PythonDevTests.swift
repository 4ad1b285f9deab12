import XCTest

@testable import PromptLint

/// Classes of construct behind Python misses of source-holdout16 and holdout17 (session 21): Bedrock Runtime's
/// Converse API (`converse(system=[{"text": …}, {"cachePoint": …}], messages=…)`); a helper that returns the
/// stored conversation, with a user-only list as its `except` fallback; a field of an object built with
/// keywords (`ctx = Context(question=q, request_id=str(uuid4()))`) read on its own; content retrieved for the
/// request's input by a helper of the file; and one element of a tuple a function returns.
final class SourceHoldout16PythonDevTests: XCTestCase {
    /// A Bedrock handler whose system block ends with `context` and carries a cache point, sent before the
    /// session's stored turns.
    private func converseHandler(_ context: String) -> String {
        """
        import boto3
        from datetime import datetime, timezone

        bedrock = boto3.client("bedrock-runtime")
        RULES = \"\"\"\(SourceTest.longRules)\"\"\"


        def answer(store, session_id, question):
            messages = store.load_turns(session_id)
            messages.append({"role": "user", "content": [{"text": question}]})
            prompt = RULES + \(context)
            return bedrock.converse(
                modelId="anthropic.claude-3-5-haiku",
                messages=messages,
                system=[{"text": prompt}, {"cachePoint": {"type": "default"}}],
            )
        """
    }

    func testAClockInABedrockSystemBlockBeforeTheStoredConversation() throws {
        XCTAssertEqual(try SourceTest.findingLines(converseHandler("f\"\\nCurrent time: {datetime.now(timezone.utc).isoformat()}\"")),
                       ["PL001@31"])
    }

    func testAConstantBedrockSystemBlockBreaksNothing() throws {
        XCTAssertEqual(try SourceTest.findingLines(converseHandler("\"\\nAnswer in English.\"")), [])
    }

    /// A class whose history helper returns the stored turns plus the question, or only the question when
    /// the store fails; the request puts `extra` at the end of the system prompt.
    private func fallbackHistory(_ extra: String) -> String {
        """
        from datetime import datetime
        from openai import OpenAI

        client = OpenAI()
        RULES = \"\"\"\(SourceTest.policy)\"\"\"


        class Handler:
            def build_history(self):
                try:
                    turns = self.store.get_turns(self.session_id)
                    turns.append({"role": "user", "content": self.question})
                    return turns
                except Exception:
                    return [{"role": "user", "content": self.question}]

            def reply(self):
                messages = self.build_history()
                system = RULES + \(extra)
                return client.chat.completions.create(
                    model="gpt-4o", messages=[{"role": "system", "content": system}] + messages)
        """
    }

    func testAClockBeforeTheStoredTurnsAHelperReturnsDespiteItsFallback() throws {
        XCTAssertEqual(try SourceTest.findingLines(fallbackHistory("f\" Now: {datetime.now().isoformat()}\"")), ["PL001@19"])
    }

    func testAConstantBeforeTheStoredTurnsAHelperReturnsBreaksNothing() throws {
        XCTAssertEqual(try SourceTest.findingLines(fallbackHistory("\" Be brief.\"")), [])
    }

    /// An agent loop that builds a context object with keywords (one of them a fresh id) and passes it to the
    /// method that writes the system prompt, which reads `field` of it before the stored conversation.
    private func contextObject(_ field: String) -> String {
        """
        import uuid
        from dataclasses import dataclass
        from datetime import datetime
        from anthropic import Anthropic

        client = Anthropic()
        RULES = \"\"\"\(SourceTest.policy)\"\"\"


        @dataclass
        class TurnContext:
            tone: str
            started: str
            turn_id: str


        class Loop:
            def system_prompt(self, ctx):
                return RULES + "\\nTone: " + ctx.\(field)

            def run(self, history):
                ctx = TurnContext(tone="warm", started=datetime.now().isoformat(), turn_id=str(uuid.uuid4()))
                return client.messages.create(
                    model="claude-sonnet-4-5", max_tokens=1024, system=self.system_prompt(ctx), messages=history)
        """
    }

    func testAFieldOfAContextObjectIsWhatItsConstructionPassed() throws {
        // The object also holds a fresh id and a clock; the tone read here is a constant.
        XCTAssertEqual(try SourceTest.findingLines(contextObject("tone")), [])
    }

    func testAClockFieldOfAContextObjectBeforeTheConversation() throws {
        XCTAssertEqual(try SourceTest.findingLines(contextObject("started")), ["PL001@19"])
    }

    /// A companion whose system prompt ends with a block a helper of the file builds from the memories that
    /// `key` finds, sent before the conversation.
    private func recallBlock(_ key: String) -> String {
        """
        from openai import OpenAI

        client = OpenAI()
        RULES = \"\"\"\(SourceTest.policy)\"\"\"


        def _recall_block(store, key):
            hits = store.lookup(key)
            lines = [h.summary for h in hits]
            return "Things you remember:\\n" + "\\n".join(lines)


        def reply(store, history, user_input):
            parts = [RULES]
            recalled = _recall_block(store, \(key))
            parts.append(recalled)
            system = "\\n\\n".join(parts)
            return client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "system", "content": system}] + history)
        """
    }

    func testMemoriesRecalledForTheUserInputBeforeTheConversation() throws {
        XCTAssertEqual(try SourceTest.findingLines(recallBlock("user_input")), ["PL001@16"])
    }

    func testMemoriesRecalledForAFixedKeyAreNotRetrievedPerRequest() throws {
        XCTAssertEqual(try SourceTest.findingLines(recallBlock("\"pinned\"")), [])
    }

    /// A loader returning the text and a record stamped with the clock; the prompt uses the element `name`.
    private func tupleElement(_ name: String) -> String {
        """
        from datetime import datetime
        from openai import OpenAI

        client = OpenAI()


        def load_voice():
            text = \"\"\"\(SourceTest.policy)\"\"\"
            return (text, {"loaded_at": datetime.now().isoformat()})


        def reply(history):
            voice, record = load_voice()
            return client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "system", "content": "Voice:\\n" + str(\(name))}] + history)
        """
    }

    func testTheTextElementOfAReturnedTupleIsNotStampedByItsNeighbour() throws {
        XCTAssertEqual(try SourceTest.findingLines(tupleElement("voice")), [])
    }

    func testTheStampedElementOfAReturnedTupleIsPerRequest() throws {
        XCTAssertEqual(try SourceTest.findingLines(tupleElement("record")), ["PL001@15"])
    }
}
