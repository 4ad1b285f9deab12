import XCTest

@testable import PromptLint

/// A value named as instructions (`style_instruction`) that a call computes from the request's input is per-request:
/// the name only guesses the text is the application's own, and the call shows it follows each message. Near misses
/// keep their reading: a helper that ignores the text it is given, a choice between fixed texts, instructions built
/// from a setting, and the value in the last user turn. Own text.
final class SourceInstructionNameTests: XCTestCase {
    /// `PL001@line` for each PL001 warning of `text`.
    private func warnings(_ text: String) throws -> [String] {
        try LintTest.linter().lint(text: text, path: "reply.py", format: nil).findings
            .filter { $0.ruleID == "PL001" && $0.severity == .warning }.map { "PL001@\($0.line)" }
    }

    /// A reply function that computes `style_instruction` with `setup` and sends it in a system message between
    /// the static prompt and the stored conversation (the message at line 41).
    private func reply(_ setup: String, last: String = "user_text") -> String {
        """
        from openai import OpenAI
        from .mood import describe_mood

        client = OpenAI()
        SYSTEM = \"\"\"\(SourceTest.longRules)\"\"\"
        settings = load_settings()


        def ignore_text(text):
            return "Answer warmly."


        def pick_length(text):
            return "Keep it short." if len(text) < 40 else "Explain step by step."


        def reply(history: list[dict], user_text: str):
            \(setup)
            return client.chat.completions.create(model="gpt-4o", messages=[
                {"role": "system", "content": SYSTEM},
                {"role": "system", "content": style_instruction},
                *history,
                {"role": "user", "content": \(last)},
            ])
        """
    }

    func testInstructionsComputedFromTheUsersTextBeforeTheHistoryAreFound() throws {
        let lines = try warnings(reply("style_instruction = describe_mood(user_text)"))
        XCTAssertEqual(lines, ["PL001@41"], "\(lines)")
    }

    func testInstructionsFromAHelperThatIgnoresTheTextMakeNoWarning() throws {
        XCTAssertEqual(try warnings(reply("style_instruction = ignore_text(user_text)")), [])
    }

    func testAChoiceBetweenFixedInstructionsMakesNoWarning() throws {
        XCTAssertEqual(try warnings(reply("style_instruction = pick_length(user_text)")), [])
    }

    func testInstructionsBuiltFromASettingMakeNoWarning() throws {
        XCTAssertEqual(try warnings(reply("style_instruction = describe_mood(settings.tone)")), [])
    }

    func testInstructionsOnlyInTheLastUserTurnMakeNoWarning() throws {
        let source = reply("style_instruction = describe_mood(user_text)", last: "user_text + style_instruction")
            .replacingOccurrences(of: "{\"role\": \"system\", \"content\": style_instruction},\n", with: "")
        XCTAssertEqual(try warnings(source), [])
    }

    func testNamesOfInstructions() {
        for name in ["style_instruction", "safety_guidelines", "reply_rules", "toneInstructions"] {
            XCTAssertTrue(SlotClassifier.namesInstructions(tokens: NameTokens.split(name)), name)
        }
        for name in ["instructions", "user_instructions", "rag_context_rules", "style_note"] {
            XCTAssertFalse(SlotClassifier.namesInstructions(tokens: NameTokens.split(name)), name)
        }
    }
}
