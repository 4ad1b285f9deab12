import XCTest

@testable import PromptLint

/// A builder that reads the clock and renders a template file with it (`render_prompt("agent_system.md",
/// {"current_time": now})`), and another module that sends what the builder returns before the conversation
/// (`[SystemMessage(content=system_prompt)] + state["messages"]`), is one prefix break found twice: at the
/// template's `{{ current_time }}` and at the send site. The builder writes no text of its own, so the send site's
/// finding names no place in a prompt; both trace to the builder's clock, and the template's finding lists the
/// builder's render call: the send site is folded into the template's finding, which takes its severity
/// (holdout27: konf-dev/unspool backend/src/agents/hot_path/graph.py line 64 and backend/prompts/agent_system.md
/// line 150). Own text.
final class RenderedTemplateSendSiteTests: XCTestCase {
    private let renderer = """
        from pathlib import Path
        from jinja2 import Environment, FileSystemLoader

        _env = Environment(loader=FileSystemLoader(str(Path(__file__).parent.parent / "prompts")))

        def render_prompt(name, variables):
            return _env.get_template(name).render(**variables)

        """

    private func template(_ task: String) -> String {
        """
        You are the day planner of a note-taking app. \(task)

        Current time: {{ current_time }}
        Use it for every date you compute.

        \(Array(repeating: SourceTest.policy, count: 8).joined(separator: "\n"))
        """
    }

    private func builder(templates: [String]) -> String {
        var text = """
            from datetime import datetime, timezone
            from app.prompt_renderer import render_prompt

            def _current_time():
                return datetime.now(timezone.utc).strftime("%A %H:%M")

            """
        for (i, name) in templates.enumerated() {
            text += """

                def build_prompt_\(i)(profile):
                    current_time = _current_time()
                    return render_prompt("\(name)", {"profile": profile, "current_time": current_time})

                """
        }
        return text
    }

    private let graph = """
        from langchain_core.messages import SystemMessage
        from langchain_openai import ChatOpenAI
        from app.system_prompt import build_prompt_0

        llm = ChatOpenAI(model="gpt-4o")

        async def call_model(state):
            system_prompt = build_prompt_0(state.get("profile"))
            full_messages = [SystemMessage(content=system_prompt)] + state["messages"]
            return await llm.ainvoke(full_messages)

        """

    private func findings(templates: [String], sent: Bool = true) throws -> [Finding] {
        var files = ["app/prompt_renderer.py": renderer, "app/system_prompt.py": builder(templates: templates)]
        if sent { files["app/graph.py"] = graph }
        for (i, name) in templates.enumerated() { files["prompts/" + name] = template("Task \(i).") }
        return try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }
    }

    func testTheSendSiteOfARenderedTemplateIsFoldedIntoTheTemplatesFinding() throws {
        let found = try findings(templates: ["agent_system.md"])
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, ["prompts/agent_system.md@3"])
        let kept = try XCTUnwrap(found.first)
        // The send site shows the conversation after the prompt; the template alone costs little.
        XCTAssertEqual(kept.severity, .warning)
        XCTAssertEqual(try findings(templates: ["agent_system.md"], sent: false).map(\.severity), [.info])
        XCTAssertTrue(kept.message.contains("The prompt is sent at app/graph.py line 9"), kept.message)
        XCTAssertTrue(kept.related.contains { $0.path == "app/graph.py" && $0.line == 9 })
    }

    /// Near miss: two templates filled from one clock by the same builder file; the send site's value traces to
    /// that clock, which does not say which template it sends, so its finding stays where it is.
    func testOneClockFillingTwoTemplatesLeavesTheSendSiteItsFinding() throws {
        let found = try findings(templates: ["agent_system.md", "planner.md"])
        XCTAssertTrue(found.contains { $0.path == "app/graph.py" && $0.line == 9 }, found.map { "\($0.path)@\($0.line)" }.description)
        XCTAssertEqual(found.filter { $0.path.hasPrefix("prompts/") }.count, 2)
    }
}
