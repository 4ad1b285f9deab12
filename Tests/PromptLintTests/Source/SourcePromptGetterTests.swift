import XCTest

@testable import PromptLint

/// A prompt a function of the file returns when called with no arguments (`reaction_prompt =
/// get_reaction_prompt()`): given nothing of the request, it is the same prompt on every call unless data flow
/// finds a clock or random value in it, whatever the `prompt` word of the variable suggests.
final class SourcePromptGetterTests: XCTestCase {
    private let getter = """
        import anthropic

        from settings_store import read_setting

        client = anthropic.Anthropic()


        def get_reaction_prompt() -> str:
            return read_setting("reaction_prompt")


        def react(history: list[dict]):
            reaction_prompt = get_reaction_prompt()
            system = [{"type": "text", "text": reaction_prompt, "cache_control": {"type": "ephemeral"}}]
            return client.messages.create(model="claude-sonnet-4-6", max_tokens=50, system=system, messages=history)
        """

    /// `RULE@line` of the prefix-break and breakpoint findings of `text`.
    private func findings(_ text: String) throws -> [String] {
        try LintTest.linter().lint(text: text, path: "app.py", format: nil).findings
            .filter { ["PL001", "PL004"].contains($0.ruleID) }
            .map { "\($0.ruleID)@\($0.line)" }
    }

    func testAPromptFromAnArgumentlessGetterOfTheFileKeepsTheBreakpointReachable() throws {
        XCTAssertEqual(try findings(getter), [])
    }

    func testAGetterNamedForTheUsersPromptIsStillJudgedByItsName() throws {
        let user = getter.replacingOccurrences(of: "get_reaction_prompt", with: "get_user_prompt")
        XCTAssertEqual(try findings(user), ["PL004@14"])
    }

    func testAGetterThatReadsTheClockIsStillFound() throws {
        let clock = getter
            .replacingOccurrences(of: "import anthropic\n", with: "from datetime import datetime\n\nimport anthropic\n")
            .replacingOccurrences(of: "read_setting(\"reaction_prompt\")", with: "read_setting(\"reaction_prompt\") + datetime.now().isoformat()")
        XCTAssertEqual(try findings(clock), ["PL001@15"])
    }

    func testAGetterGivenTheRequestIsNotReadAsFixed() throws {
        // The getter is passed the conversation: what it returns may be made from it.
        let given = getter
            .replacingOccurrences(of: "def get_reaction_prompt() -> str:", with: "def get_reaction_prompt(history) -> str:")
            .replacingOccurrences(of: "reaction_prompt = get_reaction_prompt()", with: "reaction_prompt = get_reaction_prompt(history)")
        XCTAssertEqual(try findings(given), ["PL004@14"])
    }
}
