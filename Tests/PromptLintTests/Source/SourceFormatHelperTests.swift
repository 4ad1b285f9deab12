import XCTest

@testable import PromptLint

/// Python helpers that fill a template passed in with a dict passed in after setting entries of their own
/// (`context["current_date"] = datetime.now()…; return template.format(**context)`), in one file and with the
/// helper, the templates and the call in three modules (session 23). Written here.
final class SourceFormatHelperTests: XCTestCase {
    private func prompts(slot: String) -> String {
        """
        BASE_PROMPT = \"\"\"
        You are the assistant of a vending-machine company.
        - \(slot)
        - Always answer in {lang}.
        \(SourceTest.longRules)
        \"\"\"

        PROMPTS = {
            "answer": BASE_PROMPT + \"\"\"
        Answer the user's question with the data given.
        \"\"\",
        }

        """
    }

    private func helper(sets value: String) -> String {
        """
        from datetime import datetime

        MODEL_LABEL = "vending-assistant-v2"


        def build_prompt(template: str, context: dict) -> str:
            context["stamp"] = \(value)
            return template.format(**context)

        """
    }

    private let service = """
        from openai import OpenAI
        from src.constants.prompts import PROMPTS
        from src.utils.format import build_prompt

        client = OpenAI()


        def answer(question: str, lang: str):
            prompt = build_prompt(PROMPTS["answer"], {"lang": lang})
            messages = [{"role": "system", "content": prompt}, {"role": "user", "content": question}]
            return client.chat.completions.create(model="gpt-4o", messages=messages)

        """

    private func folder(slot: String, sets value: String) -> [String: String] {
        [
            "src/__init__.py": "", "src/constants/__init__.py": "", "src/utils/__init__.py": "",
            "src/constants/prompts.py": prompts(slot: slot), "src/utils/format.py": helper(sets: value),
            "src/services/__init__.py": "", "src/services/chat.py": service,
        ]
    }

    private func pl001(_ files: [String: String]) throws -> [Finding] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }
    }

    func testAClockAHelperOfAnotherModuleSetsBreaksTheTemplateTheCallPasses() throws {
        let found = try pl001(folder(slot: "Now: {stamp}", sets: "datetime.now().strftime(\"%Y-%m-%d %H:%M:%S\")"))
        let call = found.filter { $0.path.hasSuffix("src/services/chat.py") }
        XCTAssertEqual(call.map(\.line), [9], "\(found.map { "\($0.path):\($0.line) \($0.message)" })")
        XCTAssertTrue(call.first?.message.contains("build_prompt") == true, call.first?.message ?? "")
        XCTAssertTrue(
            call.first?.related.contains { $0.path?.hasSuffix("src/constants/prompts.py") == true && $0.line == 3 } == true,
            "\(call.first?.related ?? [])")
    }

    func testAConstantTheHelperSetsLeavesTheTemplateClean() throws {
        // Near miss: the helper fills the slot with a label of its own module, the same for every request.
        XCTAssertEqual(try pl001(folder(slot: "Model: {stamp}", sets: "MODEL_LABEL")).map { "\($0.path):\($0.line)" }, [])
    }

    private func oneFile(sets value: String) -> String {
        """
        from datetime import datetime
        from openai import OpenAI

        TEMPLATE = \"\"\"You are a helpful assistant.
        Stamp: {stamp}
        Answer in {lang}.
        \(SourceTest.longRules)
        \"\"\"

        client = OpenAI()


        def fill(template: str, values: dict) -> str:
            values["stamp"] = \(value)
            return template.format(**values)


        def answer(question: str, lang: str):
            messages = [{"role": "system", "content": fill(TEMPLATE, {"lang": lang})}, {"role": "user", "content": question}]
            return client.chat.completions.create(model="gpt-4o", messages=messages)

        """
    }

    func testAnEntrySetByKeyBeforeFormatFillsItsField() throws {
        let found = try SourceTest.findings(oneFile(sets: "datetime.now().isoformat()"))
        XCTAssertTrue(found.contains { $0.hasPrefix("PL001@") }, "\(found)")
    }

    func testAConstantEntrySetByKeyBeforeFormatIsStatic() throws {
        XCTAssertEqual(try SourceTest.findings(oneFile(sets: "\"v2\"")).filter { $0.hasPrefix("PL001@") }, [])
    }
}
