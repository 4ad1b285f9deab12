import XCTest

@testable import PromptLint

/// The values code passes to a template reach its included partials (Jinja's `include` renders with the same
/// context): a clock passed for a variable a partial writes is evidence there, not a guess from the name.
/// Holdout24: extractumio/ag3ntum prompts/system.j2 includes modules/identity.j2, whose `current_date`
/// src/core/agent_core.py fills with `datetime.now()`. Own text.
final class PartialLinkedValueTests: XCTestCase {
    private func findings(_ partial: String) throws -> [Finding] {
        try SourceTest.folderFindings([
            "agent.py": """
                import anthropic
                from datetime import datetime
                from jinja2 import Environment, FileSystemLoader
                env = Environment(loader=FileSystemLoader("prompts"))
                def ask(question):
                    context = {"current_date": datetime.now().strftime("%A, %B %d, %Y")}
                    system = env.get_template("system.j2").render(**context)
                    return anthropic.Anthropic().messages.create(model="m", system=system, messages=[{"role": "user", "content": question}])
                """,
            "prompts/system.j2": "{% include 'modules/identity.j2' %}\n\n" + CostProfileTests.prose(700) + "\n",
            "prompts/modules/identity.j2": partial,
        ]).filter { $0.ruleID == "PL001" && $0.path == "prompts/system.j2" }
    }

    func testAValuePassedToTheIncludingTemplateIsEvidenceInThePartial() throws {
        let found = try findings("# Identity\nYou are the workspace agent.\nDate: {{ current_date }}\n")
        XCTAssertEqual(found.map(\.line), [1])
        XCTAssertEqual(found.first?.severity, .warning)
        XCTAssertTrue(found.first?.message.contains("agent.py") == true, found.first?.message ?? "")
    }

    func testAPartialVariableTheCodeDoesNotPassKeepsItsOwnJudgement() throws {
        let found = try findings("# Identity\nYou are the workspace agent.\nDate: {{ report_date }}\n")
        XCTAssertFalse(found.contains { $0.message.contains("agent.py") || $0.severity == .warning }, "\(found)")
    }
}
