import XCTest

@testable import PromptLint

/// Agents that load their system prompt from `prompts/{self.name}.md`, add request notes to it in place
/// (`prompt = f"{prompt}\n\n{note}" if note else prompt`), fill its clock with `replace`, and append it as the
/// system message of a list the conversation then extends: each prompt file the loader can name gets the
/// clock at its own placeholder, and the fill in code is not reported again.
final class SourceAgentPromptFolderTests: XCTestCase {
    /// The agent base class; `fill` is the value passed for `{current_time}`, `turns` what follows the system message.
    private func agent(fill: String, turns: String = "messages.extend(history)") -> String {
        """
        from datetime import datetime
        from pathlib import Path
        from openai import OpenAI

        PROMPTS = Path(__file__).resolve().parent.parent / "prompts"


        class Agent:
            name = ""

            def __init__(self):
                self.client = OpenAI()
                self.system_prompt = self._load_prompt()

            def _load_prompt(self):
                path = PROMPTS / f"{self.name}.md"
                return path.read_text(encoding="utf-8")

            def answer(self, question, history, note="", override=None):
                prompt = override or self.system_prompt
                if note:
                    prompt = f"{prompt}\\n\\n{note}" if prompt else note
                stamp = \(fill)
                prompt = prompt.replace("{current_time}", stamp)
                messages = []
                messages.append({"role": "system", "content": prompt})
                \(turns)
                messages.append({"role": "user", "content": question})
                return self.client.chat.completions.create(model="gpt-4o", messages=messages)
        """
    }

    private func findings(fill: String, turns: String = "messages.extend(history)") throws -> [Finding] {
        try SourceTest.folderFindings([
            "prompts/chat.md": "# Chat\n\n" + SourceTest.longRules + "\n\nNow: {current_time}\n",
            "prompts/search.md": "# Search\n\n" + SourceTest.longRules + "\n\nNow: {current_time}\n",
            "src/agents/base.py": agent(fill: fill, turns: turns),
        ]).filter { $0.ruleID == "PL001" }
    }

    private let clock = "datetime.now().strftime(\"%H:%M\")"

    func testEachPromptTheLoaderCanNameGetsTheClockBeforeTheConversation() throws {
        let found = try findings(fill: clock)
        XCTAssertEqual(found.map(\.path), ["prompts/chat.md", "prompts/search.md"])
        XCTAssertEqual(found.map(\.severity), [.warning, .warning])
        XCTAssertTrue(found.allSatisfy { $0.message.contains("src/agents/base.py line 24") }, "\(found.map(\.message))")
    }

    func testAConstantFillLeavesThePromptsQuiet() throws {
        XCTAssertEqual(try findings(fill: "\"Asia/Taipei\"").map(\.path), [])
    }

    func testWithoutAConversationTheClosingClockIsQuiet() throws {
        XCTAssertEqual(try findings(fill: clock, turns: "pass").map(\.path), [])
    }

    /// A matched prompt without the placeholder gets nothing; the fill in code is folded into the one that has it.
    func testAMatchedFileWithoutThePlaceholderStaysQuiet() throws {
        let found = try SourceTest.folderFindings([
            "prompts/chat.md": "# Chat\n\n" + SourceTest.longRules + "\n\nNow: {current_time}\n",
            "prompts/plain.md": "# Plain\n\n" + SourceTest.longRules + "\n",
            "src/agents/base.py": agent(fill: clock),
        ]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map(\.path), ["prompts/chat.md"])
    }
}
