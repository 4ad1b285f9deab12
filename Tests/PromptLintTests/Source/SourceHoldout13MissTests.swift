import XCTest

@testable import PromptLint

/// Classes of construct behind false positives of the whole-repository set holdout13 (session 18): a
/// request helper that receives the system prompt as a parameter (`system_prompt: str`) and marks it with a
/// cache breakpoint; the name says it is the application's own instructions, not the request's input. And a
/// miss: a project helper `render(name, **context)` over a Jinja environment's `get_template(name)`, called
/// with the template's file name and the values as keyword arguments (`render("system.j2", today=…)`).
final class SourceHoldout13MissTests: XCTestCase {
    /// `RULE@line` of the PL001, PL003 and PL004 findings of `promptlint check .` on a folder holding `files`.
    private func check(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { ["PL001", "PL003", "PL004"].contains($0.ruleID) }
            .map { "\($0.path):\($0.ruleID)@\($0.line)" }
    }

    /// A crawler turn: the system text comes in as a parameter named `name`, marked for caching, before the
    /// page's own user message.
    private func turn(parameter name: String) -> String {
        """
        from anthropic import Anthropic

        client = Anthropic()


        def page_turn(\(name): str, page: str):
            messages = [{"role": "user", "content": f"Read this page: {page}"}]
            return client.messages.create(
                model="claude-haiku",
                max_tokens=512,
                system=[{"type": "text", "text": \(name), "cache_control": {"type": "ephemeral"}}],
                messages=messages,
            )
        """
    }

    /// Neither misplaced (PL004) nor too short (PL003): the marked text's length is not in the file.
    func testABreakpointOnASystemPromptParameterIsNotMisplaced() throws {
        XCTAssertEqual(try check(["crawl.py": turn(parameter: "system_prompt")]), [])
        XCTAssertEqual(try check(["crawl.py": turn(parameter: "systemMessage")]), [])
    }

    func testABreakpointAfterAParameterNamedAsTheRequestStillIs() throws {
        // A parameter named as the request's own text before the breakpoint: the marked prefix differs per call.
        XCTAssertEqual(try check(["crawl.py": turn(parameter: "user_prompt")]), ["crawl.py:PL004@11"])
    }

    func testTheSystemPromptNameIsASettingButItsUserVariantsAreNot() {
        let classifier = SlotClassifier()
        for name in ["system_prompt", "systemPrompt", "sys_prompt", "system_message"] {
            XCTAssertEqual(classifier.nameClass(tokens: NameTokens.split(name), name: name)?.volatility, .constant, name)
        }
        for name in ["user_system_prompt", "system_prompt_history", "user_prompt"] {
            XCTAssertNotEqual(classifier.nameClass(tokens: NameTokens.split(name), name: name)?.volatility, .constant, name)
        }
    }

    /// A crawler whose system template is rendered through a `**context` helper with `today` set to `value`.
    private func kwargsHelper(today value: String) -> [String: String] {
        let helper = """
            from pathlib import Path

            from jinja2 import Environment, FileSystemLoader

            _env = Environment(loader=FileSystemLoader(str(Path(__file__).parent / "prompts")))


            def render(template_name: str, **context) -> str:
                return _env.get_template(template_name).render(**context)
            """
        let agent = """
            from datetime import date

            from anthropic import Anthropic
            from prompts import render

            RELEASE_DAY = "2025-01-01"
            client = Anthropic()


            def ask(goal, page):
                system = render("system.j2", goal=goal, today=\(value))
                return client.messages.create(
                    model="claude-haiku", max_tokens=512, system=system, messages=[{"role": "user", "content": page}]
                )
            """
        return ["prompts.py": helper, "agent.py": agent, "prompts/system.j2": "Today's date: {{ today }}\n\n\(SourceTest.notedPolicy)\n"]
    }

    func testAKeywordArgumentsHelperLinksTheTemplateToTheClock() throws {
        let found = try check(kwargsHelper(today: "date.today().isoformat()")).filter { $0.hasPrefix("prompts/system.j2") }
        XCTAssertEqual(found, ["prompts/system.j2:PL001@1"])
    }

    func testAKeywordArgumentsHelperPassingAConstantDayIsClean() throws {
        // Only the name says `today` is a date, and ~300 static tokens are under the name-only threshold.
        XCTAssertEqual(try check(kwargsHelper(today: "RELEASE_DAY")), [])
    }
}
