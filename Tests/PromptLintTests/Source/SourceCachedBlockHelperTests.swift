import XCTest

@testable import PromptLint

/// A helper of the file that wraps whatever it is given in a `cache_control` content block
/// (`system=cached_block(system_prompt)`): the block holds the caller's argument, so the argument is traced and
/// named from the call, not judged by the helper's parameter name (`text`).
final class SourceCachedBlockHelperTests: XCTestCase {
    private let helper = """
        import anthropic

        client = anthropic.Anthropic()
        GUIDE = "You are a patient tutor. Explain each step and check the learner's understanding first."


        def cached_block(text: str) -> list[dict]:
            return [{"type": "text", "text": text, "cache_control": {"type": "ephemeral"}}]


        def load_instructions() -> str:
            return GUIDE


        def reply(history: list[dict]):
            system_prompt = load_instructions()
            return client.messages.create(model="claude-sonnet-4-6", max_tokens=500,
                                          system=cached_block(system_prompt), messages=history)
        """

    /// `RULE@line` of the prefix-break and breakpoint findings of `text`.
    private func findings(_ text: String) throws -> [String] {
        try LintTest.linter().lint(text: text, path: "app.py", format: nil).findings
            .filter { ["PL001", "PL004"].contains($0.ruleID) }
            .map { "\($0.ruleID)@\($0.line)" }
    }

    func testTheSystemPromptWrappedByACachingHelperIsNotJudgedByTheParameterName() throws {
        XCTAssertEqual(try findings(helper), [])
    }

    func testTheNewestMessageWrappedByTheSameHelperIsStillFound() throws {
        // The caller passes the newest message: traced through the call, it precedes the conversation.
        let newest = helper.replacingOccurrences(
            of: "system_prompt = load_instructions()", with: "system_prompt = history[-1][\"content\"]")
        XCTAssertEqual(try findings(newest), ["PL001@8"])
    }

    func testRetrievedTextPassedByAParameterIsJudgedByTheArgumentName() throws {
        // The caller's own parameter says it holds retrieved documents: reported where the block is written.
        let retrieved = helper
            .replacingOccurrences(of: "def reply(history: list[dict]):", with: "def reply(history: list[dict], retrieved_docs: str):")
            .replacingOccurrences(of: "    system_prompt = load_instructions()\n", with: "")
            .replacingOccurrences(of: "cached_block(system_prompt)", with: "cached_block(retrieved_docs)")
        XCTAssertEqual(try findings(retrieved), ["PL001@8"])
    }
}
