import XCTest

@testable import PromptLint

/// PL003 on a marked system block that opens with a prompt loaded from elsewhere (a YAML file read through
/// `.get(key, default)`) and then has a few lines appended: the loaded text's length is not in the file, so
/// the appended lines are not the prefix's size. A block of short text written in the file keeps PL003.
final class SourceLoadedPromptMinimumTests: XCTestCase {
    /// `RULE@line` of the PL003 findings of `promptlint check .` on a folder holding `app.py` = `source`.
    private func minimumFindings(_ source: String) throws -> [String] {
        try SourceTest.folderFindings(["app.py": source]).filter { $0.ruleID == "PL003" }.map { "\($0.ruleID)@\($0.line)" }
    }

    /// A request whose marked system text is `opening`, with a short note appended to it.
    private func request(opening: String, prelude: String = "") -> String {
        """
        import yaml
        from anthropic import Anthropic

        client = Anthropic()
        \(prelude)

        def load_settings() -> dict:
            with open("settings.yaml") as f:
                return yaml.safe_load(f) or {}


        def reply(history, question):
            system_text = \(opening)
            system_text += "\\n\\nAnswer in at most three sentences.\\n"
            return client.messages.create(
                model="claude-haiku",
                max_tokens=256,
                system=[{"type": "text", "text": system_text, "cache_control": {"type": "ephemeral"}}],
                messages=history + [{"role": "user", "content": question}],
            )
        """
    }

    func testALoadedPromptWithAppendedLinesIsNotSaidToBeShort() throws {
        let opening = #"load_settings().get("system_prompt", "You are a helpful assistant.")"#
        XCTAssertEqual(try minimumFindings(request(opening: opening)), [])
    }

    func testAShortWrittenPromptWithAppendedLinesKeepsPL003() throws {
        // Near miss: the same block opening with a same-file constant under the minimum.
        let found = try minimumFindings(request(opening: "BASE_PROMPT", prelude: #"BASE_PROMPT = "You are a helpful assistant.""#))
        XCTAssertEqual(found, ["PL003@18"])
    }
}
