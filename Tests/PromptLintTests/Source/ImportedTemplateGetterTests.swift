import XCTest

@testable import PromptLint

/// A template another module of the folder returns from a function called with no arguments (`template_text =
/// report_template_text()`, imported): given nothing of the request, it is the same text on every call unless data
/// flow finds a clock or random value in it, whatever the variable holding it is called (holdout35:
/// Boichenko/orbitia_bot services/prompt_builder.py line 311, a fixed JSON report skeleton). Own text.
final class ImportedTemplateGetterTests: XCTestCase {
    private static let templates = """
        import json

        def report_skeleton() -> dict:
            return {"title": "Yearly outlook", "sections": ["career", "money", "home"]}

        def report_template_text() -> str:
            return json.dumps(report_skeleton(), ensure_ascii=False, indent=2)
        """

    /// A builder putting what `getter` returns into `template_text` before ~500 static tokens and the chart data.
    private func builder(_ getter: String) -> String {
        """
        from openai import OpenAI
        from templates import report_template_text, load_text
        client = OpenAI()

        def build_prompt(chart: str) -> str:
            template_text = \(getter)
            return f\"\"\"You write yearly outlooks. Fill this JSON:
        {template_text}
        \(SourceTest.longRules)
        Chart: {chart}\"\"\"

        def report(chart: str):
            return client.chat.completions.create(model="m", messages=[{"role": "user", "content": build_prompt(chart)}])
        """
    }

    private func findings(_ getter: String, templates: String = templates) throws -> [String] {
        let extra = "\n\ndef load_text() -> str:\n    return open('notes.txt').read()\n"
        return try SourceTest.folderFindings(["templates.py": templates + extra, "builder.py": builder(getter)])
            .filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.line)" }
    }

    func testAnImportedArgumentlessTemplateGetterGivesFixedText() throws {
        XCTAssertEqual(try findings("report_template_text()"), [])
    }

    func testAnImportedGetterNotNamedForATemplateIsStillJudgedByTheVariablesName() throws {
        XCTAssertEqual(try findings("load_text()"), ["builder.py:8"])
    }

    func testAnImportedTemplateGetterThatReadsTheClockIsStillFound() throws {
        let clock = Self.templates
            .replacingOccurrences(of: "import json\n", with: "import json\nfrom datetime import datetime\n")
            .replacingOccurrences(of: "indent=2)", with: "indent=2) + datetime.now().isoformat()")
        XCTAssertEqual(try findings("report_template_text()", templates: clock).count, 1)
    }
}
