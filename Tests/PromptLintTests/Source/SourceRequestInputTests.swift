import XCTest

@testable import PromptLint

/// A value a call computes from the request's input is per-request: a voice agent classifies the caller's new
/// utterance (`intent = classify_turn_intent(user_text)`) and puts the class's guidance note in a system message
/// between the static prompt and the transcript (source-holdout23: SyedAbbas-CM/ai-voice-receptionist
/// packages/core_agent/brain.py lines 210/287). Near misses make no warning: the value only in the last user turn,
/// a length of a setting, a lookup keyed by the user's id, a helper that ignores the text it is given. Own text.
final class SourceRequestInputTests: XCTestCase {
    /// `PL001@line` for each PL001 warning of `text` (an unknown value stays an `info` note, as before).
    private func warnings(_ text: String, path: String = "app.py") throws -> [String] {
        try LintTest.linter().lint(text: text, path: path, format: nil).findings
            .filter { $0.ruleID == "PL001" && $0.severity == .warning }.map { "PL001@\($0.line)" }
    }

    private func python(_ body: String) -> String {
        """
        from openai import OpenAI
        from .classifiers import classify_turn_intent
        from .store import get_user_profile

        client = OpenAI()
        SYSTEM = \"\"\"\(SourceTest.longRules)\"\"\"
        settings = load_settings()


        def pick_note(text):
            return "Answer briefly."


        \(body)
        """
    }

    private func pythonHandler(_ setup: String, _ note: String) -> String {
        python("""
        async def handle_turn(state, user_text: str, user_id: str):
            \(setup)
            messages = [{"role": "system", "content": SYSTEM}]
            messages.append({"role": "system", "content": \(note)})
            messages.extend(state.to_llm_messages())
            return client.chat.completions.create(model="gpt-4o", messages=messages)
        """)
    }

    func testAClassOfTheCallersUtteranceBeforeTheTranscriptIsFound() throws {
        let lines = try warnings(pythonHandler("intent = classify_turn_intent(user_text)", "intent.system_note"))
        XCTAssertEqual(lines, ["PL001@37"], "\(lines)")
    }

    func testAMethodOfAnUnknownClassifierCalledOnTheMessageIsFound() throws {
        let lines = try warnings(pythonHandler("intent = self_classifier.classify(user_text.strip())", "intent.note"))
        XCTAssertEqual(lines, ["PL001@37"], "\(lines)")
    }

    func testAClassStoredOnTheCallStateAndReadBackWithGetattrIsFound() throws {
        let source = python("""
        async def handle_turn(state, user_text: str):
            state.last_intent = classify_turn_intent(user_text)
            for _ in range(3):
                messages = [{"role": "system", "content": SYSTEM}]
                intent = getattr(state, "last_intent", None)
                if intent is not None:
                    messages.append({"role": "system", "content": intent.system_note})
                messages.extend(state.to_llm_messages())
                client.chat.completions.create(model="gpt-4o", messages=messages)
        """)
        XCTAssertEqual(try warnings(source), ["PL001@40"])
    }

    func testTheClassOnlyInTheLastUserTurnMakesNoWarning() throws {
        let source = python("""
        async def handle_turn(state, user_text: str):
            intent = classify_turn_intent(user_text)
            messages = [{"role": "system", "content": SYSTEM}]
            messages.extend(state.to_llm_messages())
            messages.append({"role": "user", "content": f"{user_text} ({intent.label})"})
            return client.chat.completions.create(model="gpt-4o", messages=messages)
        """)
        XCTAssertEqual(try warnings(source), [])
    }

    func testTheLengthOfASettingMakesNoWarning() throws {
        let lines = try warnings(pythonHandler("n = len(settings.GREETING)", "f\"Greeting of {n} characters.\""))
        XCTAssertEqual(lines, [], "\(lines)")
    }

    func testALookupKeyedByTheUsersIdMakesNoWarning() throws {
        let lines = try warnings(pythonHandler("record = get_user_profile(user_id)", "record.tone"))
        XCTAssertEqual(lines, [], "\(lines)")
    }

    func testAHelperThatIgnoresTheTextItIsGivenMakesNoWarning() throws {
        let lines = try warnings(pythonHandler("note = pick_note(user_text)", "note"))
        XCTAssertEqual(lines, [], "\(lines)")
    }

    func testAParameterNotNamedAsTheInputMakesNoWarning() throws {
        let source = python("""
        async def handle_turn(state, welcome_text: str):
            intent = classify_turn_intent(welcome_text)
            messages = [{"role": "system", "content": SYSTEM}]
            messages.append({"role": "system", "content": intent.system_note})
            messages.extend(state.to_llm_messages())
            return client.chat.completions.create(model="gpt-4o", messages=messages)
        """)
        XCTAssertEqual(try warnings(source), [])
    }

    private func script(_ placement: String) -> String {
        """
        import OpenAI from "openai";
        import { classifyIntent } from "./intent";

        const client = new OpenAI();
        const SYSTEM = `\(SourceTest.longRules)`;

        export async function answer(userMessage: string, history: { role: string; content: string }[]) {
          const intent = classifyIntent(userMessage);
          const messages = [
            { role: "system", content: SYSTEM },
            \(placement)
          ];
          return client.chat.completions.create({ model: "gpt-4o", messages });
        }
        """
    }

    func testAScriptClassOfTheUsersMessageBeforeTheHistoryIsFound() throws {
        let source = script("""
        { role: "system", content: intent.guidance },
            ...history,
            { role: "user", content: userMessage },
        """)
        let lines = try warnings(source, path: "route.ts")
        XCTAssertEqual(lines, ["PL001@31"], "\(lines)")
    }

    func testAScriptClassOnlyInTheLastUserTurnMakesNoWarning() throws {
        let source = script("""
        ...history,
            { role: "user", content: `${userMessage} (${intent.label})` },
        """)
        XCTAssertEqual(try warnings(source, path: "route.ts"), [])
    }

    func testNamesOfTheRequestsInput() {
        for name in ["user_text", "message", "userQuery", "new_message", "utterance", "caller_prompt"] {
            XCTAssertTrue(SourceAnalysis.namesRequestInput(name), name)
        }
        for name in ["welcome_message", "system_prompt", "text", "prompt", "content", "error_message", "user_id"] {
            XCTAssertFalse(SourceAnalysis.namesRequestInput(name), name)
        }
    }
}
