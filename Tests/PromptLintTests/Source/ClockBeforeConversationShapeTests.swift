import XCTest

@testable import PromptLint

/// Request shapes that hid a clock written into the system text before the conversation (session 37, helper t37e):
/// a body unpacked with `**`, Gemini's REST body posted as JSON, a stored session's list with the system message put
/// in front of it, and `generate_content_stream` given turns named for the conversation. Each with the near miss
/// that must stay silent (the same shape with a fixed system text, or without a conversation after it).
final class ClockBeforeConversationShapeTests: XCTestCase {
    /// Asserts that the strict profile reports `expected` (`rule@line`, in order) in the Python file `text`.
    private func assertFindings(_ expected: [String], in text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try SourceTest.findingLines(text), expected, file: file, line: line)
    }

    // MARK: a body unpacked with `**`

    /// A helper that builds the request body (system text `opening` + the prompt, then the stored turns) and
    /// a caller that sends it with `create(**params)`.
    private func unpackedBody(opening: String) -> String {
        """
        from datetime import datetime
        from openai import OpenAI

        client = OpenAI()


        def build_params(system_prompt, messages):
            recent = messages[-20:]
            opening = \(opening)
            params = {"model": "m", "messages": [{"role": "system", "content": opening + system_prompt}, *recent]}
            return params


        def ask(system_prompt, messages):
            params = build_params(system_prompt, messages)
            return client.chat.completions.create(**params)
        """
    }

    func testAClockInAnUnpackedBodyIsReported() throws {
        try assertFindings(["PL001@9"], in: unpackedBody(opening: "f\"Now {datetime.now().strftime('%H:%M')}.\\n\\n\""))
    }

    func testAFixedOpeningInAnUnpackedBodyStaysSilent() throws {
        try assertFindings([], in: unpackedBody(opening: "\"Answer in the user's language.\\n\\n\""))
    }

    func testUnpackingAParameterStaysSilent() throws {
        // A wrapper passing on the keyword arguments it was given: nothing here says what they hold.
        try assertFindings([], in: """
            from openai import OpenAI

            client = OpenAI()


            def ask(**kwargs):
                return client.chat.completions.create(**kwargs)
            """)
    }

    // MARK: Gemini's REST body posted as JSON

    /// A Gemini REST call whose instruction is `instruction` and whose contents are `contents`, built from the
    /// stored history when `contents` is `contents`.
    private func geminiPost(instruction: String, contents: String = "contents") -> String {
        """
        import datetime
        import requests


        def respond(chat_id, message, history):
            now = datetime.datetime.now()
            system_text = \(instruction)
            contents = []
            for turn in history:
                contents.append({"role": turn["role"], "parts": [{"text": turn["content"]}]})
            contents.append({"role": "user", "parts": [{"text": message}]})
            payload = {"contents": \(contents), "system_instruction": {"parts": {"text": system_text}}}
            return requests.post(URL, json=payload, timeout=30)
        """
    }

    func testAClockInAPostedGeminiInstructionIsReported() throws {
        try assertFindings(["PL001@7"], in: geminiPost(instruction: "f\"You are a reminder bot. It is {now.strftime('%H:%M')}.\""))
    }

    func testAFixedPostedGeminiInstructionStaysSilent() throws {
        try assertFindings([], in: geminiPost(instruction: "\"You are a reminder bot.\""))
    }

    func testAPostedGeminiInstructionBeforeOneFixedTurnStaysSilent() throws {
        // No conversation after the instruction: a single fixed question is not the history arm.
        try assertFindings([], in: geminiPost(
            instruction: "f\"You are a reminder bot. It is {now.strftime('%H:%M')}.\"",
            contents: "[{\"role\": \"user\", \"parts\": [{\"text\": \"Say hello.\"}]}]"))
    }

    // MARK: a stored session's list with the system message put in front

    /// A handler that loads a session, puts a system message with `opening` in front of its stored messages and
    /// sends them.
    private func storedSession(opening: String, front: String = "session.messages.insert(0, system_msg)") -> String {
        """
        from datetime import datetime
        from openai import OpenAI

        client = OpenAI()
        SYSTEM_PROMPT = open("system_prompt.md").read()


        def handle(store, key, text):
            session = store.get_or_create(key)
            system_msg = {"role": "system", "content": \(opening) + SYSTEM_PROMPT}
            session.messages = [m for m in session.messages if m.get("role") != "system"]
            \(front)
            session.messages.append({"role": "user", "content": text})
            return client.chat.completions.create(model="m", messages=session.messages)
        """
    }

    func testAClockPutInFrontOfAStoredSessionIsReported() throws {
        try assertFindings(["PL001@10"], in: storedSession(opening: "f\"Now {datetime.now().strftime('%H:%M:%S')}.\\n\""))
    }

    func testAFixedMessageInFrontOfAStoredSessionStaysSilent() throws {
        try assertFindings([], in: storedSession(opening: "\"You are the HR assistant.\\n\""))
    }

    func testAClockAppendedAfterAStoredSessionStaysSilent() throws {
        // The system message put after the stored turns: the conversation before it is still a stable prefix.
        try assertFindings([], in: storedSession(
            opening: "f\"Now {datetime.now().strftime('%H:%M:%S')}.\\n\"", front: "session.messages.append(system_msg)"))
    }

    // MARK: generate_content_stream given turns named for the conversation

    /// A google-genai streaming call with the instruction `instruction` and `contents=messages`.
    private func geminiStream(instruction: String) -> String {
        """
        from datetime import datetime
        from google import genai
        from google.genai.types import GenerateContentConfig

        gemini = genai.Client()
        SYSTEM_TEXT = "You are <@{bot_user_id}>, a helpful Slack assistant. Current time: {current_time}."


        def build_system_prompt(bot_user_id):
            return \(instruction)


        def stream(bot_user_id, messages):
            return gemini.models.generate_content_stream(
                model="m", contents=messages,
                config=GenerateContentConfig(system_instruction=build_system_prompt(bot_user_id)))
        """
    }

    func testAClockInAStreamedInstructionBeforeTheMessagesIsReported() throws {
        // Reported at the template's `{current_time}`, where the clock lands.
        try assertFindings(["PL001@6"], in: geminiStream(
            instruction: "SYSTEM_TEXT.format(bot_user_id=bot_user_id, current_time=datetime.now().strftime('%H:%M:%S'))"))
    }

    func testAFixedStreamedInstructionStaysSilent() throws {
        try assertFindings([], in: geminiStream(instruction: "SYSTEM_TEXT.format(bot_user_id='U0BOT', current_time='not given')"))
    }
}
