import XCTest

@testable import PromptLint

/// A switch written as separate `if` blocks, each testing the same value against a different literal
/// (`{{#if (eq sectionType 'skills')}}…{{/if}}` once per section type, Jinja `{% if mode == "brief" %}`):
/// one value equals one literal at most, so a request renders one arm, and the static text after a value
/// is counted with one arm, not all of them (holdout24: superGekFordJ/resume-studio
/// src/ai/prompts/improveResumeSection.prompt line 27, a rendered tail under 500 tokens). Own text.
final class SwitchArmTests: XCTestCase {
    private func pl001(_ text: String, format: TemplateFormat) throws -> [Finding] {
        try LintTest.linter(LintTest.costConfiguration)
            .lint(text: text, path: "t.\(format.usualExtension)", format: format).findings
            .filter { $0.ruleID == "PL001" }
    }

    /// A per-request value, then one block per `(subject, literal)` pair, each ~`tokens` of guidance.
    private func handlebars(_ arms: [(String, String)], tokens: Int = 200) -> String {
        "You rewrite one field of a resume.\nTarget role: {{context.userJobTitle}}\n"
            + arms.map { "{{#if (eq \($0.0) '\($0.1)')}}\n" + CostProfileTests.prose(tokens) + "\n{{/if}}\n" }.joined()
            + "Answer with the rewritten field only.\n"
    }

    private func jinja(_ arms: [(String, String)], tokens: Int = 200) -> String {
        "You rewrite one field of a resume.\nTarget role: {{ user_job_title }}\n"
            + arms.map { "{% if \($0.0) == \"\($0.1)\" %}\n" + CostProfileTests.prose(tokens) + "\n{% endif %}\n" }.joined()
            + "Answer with the rewritten field only.\n"
    }

    func testEqualityTestsReadTheSubjectAndTheLiteral() {
        let hbs = LintTest.slot("#if (eq sectionType 'skills')", conditional: true)
        var tag = hbs
        tag.source = "{{#if (eq sectionType 'skills')}}"
        XCTAssertEqual(AlternativeBranches.equalityTest(tag)?.subject, "sectionType")
        XCTAssertEqual(AlternativeBranches.equalityTest(tag)?.literal, "skills")
        tag.source = "{%- if mode == \"brief\" -%}"
        XCTAssertEqual(AlternativeBranches.equalityTest(tag)?.subject, "mode")
        // Other conditions are not arms of a switch.
        for source in ["{{#if context.userBio}}", "{% if mode != \"brief\" %}", "{% if mode == \"a\" or fast %}",
                       "{{#if (gt count 3)}}"] {
            tag.source = source
            XCTAssertNil(AlternativeBranches.equalityTest(tag), source)
        }
    }

    func testArmsOfOneSwitchCountOneArmAfterTheValue() throws {
        let arms = ["experience", "summary", "skills", "education", "projects"].map { ("sectionType", $0) }
        XCTAssertEqual(try pl001(handlebars(arms), format: .handlebars), [])
        let modes = ["brief", "detailed", "bullet", "table", "story"].map { ("mode", $0) }
        XCTAssertEqual(try pl001(jinja(modes), format: .jinja), [])
    }

    func testAnArmLongEnoughAloneIsStillFound() throws {
        let arms = ["experience", "summary"].map { ("sectionType", $0) }
        let found = try pl001(handlebars(arms, tokens: 900), format: .handlebars)
        XCTAssertEqual(found.map(\.line), [2])
    }

    func testBlocksOnDifferentValuesOrRepeatedLiteralsStillAddUp() throws {
        // Each tests its own value: several can render together.
        let different = [("hasSkills", "yes"), ("hasProjects", "yes"), ("hasAwards", "yes"), ("hasLinks", "yes"),
                         ("hasPhoto", "yes")]
        XCTAssertEqual(try pl001(handlebars(different), format: .handlebars).map(\.line), [2])
        // The same literal twice: both blocks render for that value.
        let repeated = Array(repeating: ("mode", "brief"), count: 5)
        XCTAssertEqual(try pl001(jinja(repeated), format: .jinja).map(\.line), [2])
        // Text between the blocks ends the run: it is not a switch written as one.
        let broken = ["brief", "detailed", "bullet", "table", "story"].map {
            "{% if mode == \"\($0)\" %}\n" + CostProfileTests.prose(200) + "\n{% endif %}\nKeep the tone.\n"
        }.joined()
        let text = "You rewrite one field.\nTarget role: {{ user_job_title }}\n" + broken
        XCTAssertEqual(try pl001(text, format: .jinja).map(\.line), [2])
    }
}

/// A timestamp a Chinese or Japanese prompt gives as an example of a format (`时间格式：ISO 8601（如
/// 2026-08-17T15:00:00+08:00）`) is written once by the author, like an English `e.g.` (holdout24:
/// Cecil09312/DingDingAIAssistant agent/tools/tool_schemas.py line 18). Own text.
final class CJKExampleLiteralTests: XCTestCase {
    private func prompt(_ line: String) -> String {
        """
        from openai import OpenAI
        TOOL_PROMPT = \"\"\"你是一个日程助手，根据用户的话选择工具。
        \(line)
        \(String(repeating: "只输出 JSON，不要解释。参会人为姓名或手机号列表，地点可以为空，标题不超过二十个字。\n", count: 6))\"\"\"
        def choose(client, text):
            return client.chat.completions.create(model="m", messages=[{"role": "system", "content": TOOL_PROMPT}, {"role": "user", "content": text}])
        """
    }

    func testATimestampIntroducedAsAnExampleIsNotAVolatileLiteral() throws {
        for line in ["时间格式：ISO 8601（如 2026-08-17T15:00:00+08:00）", "开始时间例如 2026-08-17T15:00:00+08:00",
                     "日時の形式は 2026-08-17T15:00:00+09:00 です"] {
            XCTAssertEqual(try SourceTest.findings(prompt(line)).filter { $0.hasPrefix("PL002") }, [], line)
        }
    }

    func testATimestampStatedAsTheCurrentTimeIsStillFound() throws {
        for line in ["当前时间：2026-08-17T15:00:00+08:00", "现在是 2026-08-17T15:00:00+08:00，请据此计算相对日期"] {
            XCTAssertEqual(try SourceTest.findingLines(prompt(line)).filter { $0.hasPrefix("PL002") }, ["PL002@3"], line)
        }
    }
}

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
