import XCTest

@testable import PromptLint

/// A prompt function its own module also calls at import (`SYSTEM_PROMPT = get_system_prompt()`) runs per request
/// where another module calls it in a handler's body, so the date it reads changes with the day for those requests;
/// when the other modules only use the value computed at import, it is read once per process (source-holdout26:
/// Bharath-pg/strava-coach-bot src/llm/prompts.py lines 5 and 7, called per message by src/llm/groq_llm.py). Own text.
final class ImportAndPerUseCallerTests: XCTestCase {
    private static let prompts = """
        import datetime

        def get_system_prompt():
            today = datetime.date.today().isoformat()
            return f\"\"\"You coach runners. Today is {today}.
        \(SourceTest.longRules)\"\"\"

        SYSTEM_PROMPT = get_system_prompt()
        """

    /// A web handler sending `system` as the system message.
    private func server(_ system: String) -> String {
        """
        from fastapi import FastAPI
        from openai import OpenAI
        from prompts import get_system_prompt, SYSTEM_PROMPT
        app = FastAPI()
        client = OpenAI()

        @app.post("/chat")
        def chat(text: str):
            return client.chat.completions.create(model="m", messages=[{"role": "system", "content": \(system)}, {"role": "user", "content": text}])
        """
    }

    private func findings(_ system: String) throws -> [String] {
        try SourceTest.folderFindings(["prompts.py": Self.prompts, "server.py": server(system)])
            .filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.line)" }
    }

    func testAFunctionCalledInAHandlerRunsPerRequest() throws {
        XCTAssertEqual(try findings("get_system_prompt()"), ["prompts.py:5"])
    }

    func testTheValueComputedAtImportIsReadOnce() throws {
        XCTAssertEqual(try findings("SYSTEM_PROMPT"), [])
    }
}
