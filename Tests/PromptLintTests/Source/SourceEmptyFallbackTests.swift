import XCTest

@testable import PromptLint

/// A prompt written `template.format(…) or ""`: the empty fallback adds no text, so the prompt is the
/// formatted template and its values are read as they would be without the fallback.
final class SourceEmptyFallbackTests: XCTestCase {
    /// `prompts.py` holds a template opening with `{now}`; `middleware.py` formats it with `stamp` in a
    /// `@dynamic_prompt` function that `create_agent` runs on every model call, with `fallback` after `or`.
    private func folder(stamp: String, fallback: String = "\"\"") -> [String: String] {
        [
            "app/prompts.py": """
                TEMPLATE = \"\"\"Now: {now}
                \(SourceTest.policy)\"\"\"
                """,
            "app/middleware.py": """
                from datetime import datetime

                from langchain.agents import create_agent
                from langchain.agents.middleware import ModelRequest, dynamic_prompt

                from app.prompts import TEMPLATE


                @dynamic_prompt
                def clock_prompt(request: ModelRequest) -> str:
                    now = \(stamp)
                    return TEMPLATE.format(now=now) or \(fallback)


                agent = create_agent("openai:gpt-4o", tools=[], middleware=[clock_prompt])
                """,
        ]
    }

    private func warnings(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" && $0.severity == .warning }
            .map { "\($0.path)@\($0.line)" }.sorted()
    }

    func testAnEmptyFallbackLeavesTheFormattedTemplateAsThePrompt() throws {
        XCTAssertEqual(try warnings(folder(stamp: "datetime.now().isoformat()")), ["app/middleware.py@12"])
    }

    func testAFixedValueBeforeAnEmptyFallbackStaysQuiet() throws {
        XCTAssertEqual(try warnings(folder(stamp: "\"the launch\"")), [])
    }
}
