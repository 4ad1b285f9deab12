import XCTest

@testable import PromptLint

/// A YAML prompt whose only loader (`with open(…) as f: yaml.safe_load(f)`, then `.get("system_prompt", "")`)
/// fills one named placeholder by `.replace("{SUPPORT_EMAIL}", …)`: the file's other brace groups (`{name}`, an
/// example the model copies) are literal text, sent the same on every request. A loader that fills by
/// `.format(**values)` or a Jinja render, or replaces a computed key, may fill any of them, so they stay slots; so
/// they do when no code loads the file.
final class ReplacedPlaceholderOnlyTests: XCTestCase {
    private var promptsFile: String {
        "system_prompt: |\n  You take orders for the workshop.\n"
            + "  When the customer gives a name, answer with the marker [NAME: {name}].\n"
            + String(repeating: SourceTest.longRules, count: 3).split(separator: "\n").map { "  " + $0 + "\n" }.joined()
    }

    /// The agent module loading `config/prompts.yaml` and filling its system prompt with `fill`.
    private func brain(fill: String) -> String {
        """
        import os
        import yaml
        from anthropic import Anthropic
        from jinja2 import Template

        client = Anthropic()


        def load_prompts() -> dict:
            with open("config/prompts.yaml", encoding="utf-8") as f:
                return yaml.safe_load(f) or {}


        def system_prompt() -> str:
            prompt = load_prompts().get("system_prompt", "")
            values = {"SUPPORT_EMAIL": os.getenv("SUPPORT_EMAIL", "")}
            return \(fill)


        def reply(history):
            return client.messages.create(model="claude-sonnet-4-5", max_tokens=512, system=system_prompt(), messages=history)

        """
    }

    private func pl001(_ files: [String: String]) throws -> [Int] {
        try SourceTest.folderFindings(files).filter { $0.path == "config/prompts.yaml" && $0.ruleID == "PL001" }.map(\.line)
    }

    private func pl001(fill: String) throws -> [Int] {
        try pl001(["config/prompts.yaml": promptsFile, "agent/brain.py": brain(fill: fill)])
    }

    func testBracesOtherThanTheReplacedPlaceholderAreText() throws {
        XCTAssertEqual(try pl001(fill: #"prompt.replace("{SUPPORT_EMAIL}", values["SUPPORT_EMAIL"])"#), [])
    }

    func testTheSameBracesFilledByFormatStaySlots() throws {
        XCTAssertEqual(try pl001(fill: "prompt.format(**values)"), [3])
    }

    func testTheSameBracesRenderedByJinjaStaySlots() throws {
        XCTAssertEqual(try pl001(fill: "Template(prompt).render(**values)"), [3])
    }

    /// A replace of a computed key (`"{" + key + "}"`) may fill any placeholder.
    func testAReplaceOfAComputedKeyLeavesTheBracesSlots() throws {
        XCTAssertEqual(try pl001(fill: #"prompt.replace("{" + next(iter(values)) + "}", "")"#), [3])
    }

    /// No code loads the file: nothing says how its braces are filled, so they stay slots.
    func testAPromptNoCodeLoadsKeepsItsSlots() throws {
        XCTAssertEqual(try pl001(["config/prompts.yaml": promptsFile]), [3])
    }
}
