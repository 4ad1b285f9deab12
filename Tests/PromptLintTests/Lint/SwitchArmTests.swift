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
