import XCTest

@testable import PromptLint

/// A value named dynamic (`dynamic_tips_text`) that the method builds only from the object's state set when
/// it is created (a list the constructor loads from a file): the code shows it is the same for every request,
/// so it outweighs the name. A near miss keeps the name's word: the same value built from state the request
/// handler itself changes.
final class SourceConstructionStateTests: XCTestCase {
    private let helper = """
        import json
        from openai import OpenAI

        class Helper:
            def __init__(self):
                self.client = OpenAI()
                self.tips = []
                self.load_tips()

            def load_tips(self):
                with open("tips.json") as f:
                    self.tips = json.load(f)

            def answer(self, history, question):
                dynamic_tips_text = "None."
                if self.tips:
                    dynamic_tips_text = "\\n".join([f"- {tip}" for tip in self.tips])
                system = f"You are a helpful assistant.\\nTips:\\n{dynamic_tips_text}"
                messages = [{"role": "system", "content": system}] + history
                messages.append({"role": "user", "content": question})
                return self.client.chat.completions.create(model="gpt-4o", messages=messages)
        """

    func testAValueBuiltFromStateLoadedAtConstructionStaysClean() throws {
        XCTAssertEqual(try SourceTest.findings(helper, path: "helper.py"), [])
    }

    func testTheSameValueBuiltFromStateTheHandlerChangesIsFound() throws {
        let changed = helper.replacingOccurrences(
            of: "        dynamic_tips_text = \"None.\"\n",
            with: "        self.tips.append(question)\n        dynamic_tips_text = \"None.\"\n")
        XCTAssertEqual(try SourceTest.findingLines(changed, path: "helper.py"), ["PL001@19"])
    }
}
