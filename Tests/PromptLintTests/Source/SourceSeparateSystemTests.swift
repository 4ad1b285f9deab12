import XCTest

@testable import PromptLint

/// Gemini chat handlers whose system instruction is a request config (`types.GenerateContentConfig`) bound to a
/// name, in both branches of an `if`, and sent with the stored turns as `contents=`: directly, and through a
/// helper of the file that takes the contents and the config as two parameters; and a helper of another module
/// that sends its `system` parameter before its `messages` parameter, whose break is reported once. A clock in
/// the system text comes before the conversation; a fixed text there breaks nothing.
final class SourceSeparateSystemTests: XCTestCase {
    /// A handler writing `value` into the system instruction and sending the history after it, by `send`.
    private func geminiHandler(_ value: String, send: String) -> String {
        """
        from datetime import datetime

        from google import genai
        from google.genai import types

        client = genai.Client()


        def ask(contents, config, *, model="gemini-2.5-flash"):
            return client.models.generate_content(model=model, contents=contents, config=config)


        def handle(text, history, careful):
            system_prompt = f"You help with the shop's orders. Time: {\(value)}. Answer briefly."
            contents = history + [types.Content(role="user", parts=[types.Part.from_text(text=text)])]
            if careful:
                config = types.GenerateContentConfig(system_instruction=system_prompt, temperature=0)
            else:
                config = types.GenerateContentConfig(system_instruction=system_prompt)
            return \(send)
        """
    }

    private let direct = "client.models.generate_content(model=\"gemini-2.5-flash\", contents=contents, config=config)"
    private let throughHelper = "ask(contents, config)"

    func testAClockInABoundConfigBeforeTheContentsSentDirectly() throws {
        XCTAssertEqual(try SourceTest.findingLines(geminiHandler("datetime.now().strftime('%H:%M')", send: direct)), ["PL001@14"])
    }

    func testAClockInABoundConfigBeforeTheContentsAHelperSends() throws {
        XCTAssertEqual(try SourceTest.findingLines(geminiHandler("datetime.now().strftime('%H:%M')", send: throughHelper)), ["PL001@14"])
    }

    func testAFixedSystemInstructionBeforeTheContentsBreaksNothing() throws {
        XCTAssertEqual(try SourceTest.findingLines(geminiHandler("'UTC'", send: direct)), [])
        XCTAssertEqual(try SourceTest.findingLines(geminiHandler("'UTC'", send: throughHelper)), [])
    }

    /// A client module whose `reply(system, messages)` sends the system text beside the turns, and a handler
    /// that appends `note` to its system text and passes the stored turns.
    private func anthropicFolder(note: String) -> [String: String] {
        [
            "bot/llm.py": """
            from anthropic import Anthropic

            client = Anthropic()


            def reply(system, messages):
                return client.messages.create(model="claude-sonnet-4-5", max_tokens=300, system=system, messages=messages)
            """,
            "bot/chat.py": """
            import uuid

            from bot.llm import reply


            def answer(turns, text):
                system = "You are the clinic's booking assistant. Be polite and brief.\\n" + \(note)
                messages = turns[-10:] + [{"role": "user", "content": text}]
                return reply(system, messages)
            """,
        ]
    }

    func testARequestIdInTheSystemTextAnotherModulesHelperSendsIsReportedOnce() throws {
        let findings = try SourceTest.folderFindings(anthropicFolder(note: "str(uuid.uuid4())")).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.count, 1)
    }

    func testAFixedNoteInTheSystemTextAHelperSendsBreaksNothing() throws {
        let findings = try SourceTest.folderFindings(anthropicFolder(note: "\"Never give prices.\"")).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.count, 0)
    }
}
