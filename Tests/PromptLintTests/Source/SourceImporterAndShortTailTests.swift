import XCTest

@testable import PromptLint

/// Python source of source-holdout18/19 (session 23), written here: which modules count as importers of a
/// prompt module when several projects share the checked folder, and how long a static tail must be for a
/// clock before it to be noted when the tail is cut by later values.
final class SourceImporterAndShortTailTests: XCTestCase {
    // MARK: importers of another project

    /// A command-line assistant whose prompt module reads the clock at import.
    private let cliPrompt = """
        from datetime import datetime

        SYSTEM_PROMPT = f\"\"\"Today is {datetime.now().strftime('%Y-%m-%d %H:%M')}.
        \(SourceTest.longRules)
        \"\"\"

        """

    private let cliMain = """
        import sys
        from openai import OpenAI
        from prompt import SYSTEM_PROMPT

        client = OpenAI()


        def main():
            print(client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": sys.argv[1]}]))


        if __name__ == "__main__":
            main()

        """

    /// Another project's web route importing its own `agent/prompt.py` by a relative import.
    private let otherRoute = """
        from fastapi import APIRouter
        from ...agent.prompt import GREETING

        router = APIRouter()


        @router.get("/hello")
        def hello():
            return {"text": GREETING}

        """

    private func pl001(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.line)" }.sorted()
    }

    func testARelativeImportOfAnotherProjectDoesNotMakeACommandLineProgramAServer() throws {
        let files = [
            "cli/agent/prompt.py": cliPrompt, "cli/agent/main.py": cliMain,
            "web/app/agent/prompt.py": "GREETING = \"Hello\"\n", "web/app/api/routes/hello.py": otherRoute,
        ]
        XCTAssertEqual(try pl001(files), ["cli/agent/main.py:10", "cli/agent/prompt.py:3"])
    }

    func testTheSameRelativeImportWithinTheProjectStillMakesItAServer() throws {
        // The route's `...agent.prompt` is the clock's own module: a server imports it, so the clock read at
        // import is the same for every request the process serves.
        let files = ["web/app/agent/prompt.py": cliPrompt, "web/app/api/routes/hello.py": otherRoute.replacingOccurrences(of: "GREETING", with: "SYSTEM_PROMPT")]
        XCTAssertEqual(try pl001(files), [])
    }

    func testAnImportLineNamesAModuleOnlyWhenWhatPrecedesItLeadsToItsFolder() {
        let module = ["app", "agent", "assistant"]
        XCTAssertTrue(ProgramLifetimes.names(module, in: "from ...agent.assistant import A", importedFrom: "app/web/routes/x.py"))
        XCTAssertFalse(ProgramLifetimes.names(["bot", "agent", "assistant"], in: "from ...agent.assistant import A", importedFrom: "app/web/routes/x.py"))
        XCTAssertTrue(ProgramLifetimes.names(module, in: "from agent.assistant import A", importedFrom: "tools/run.py"))
        XCTAssertTrue(ProgramLifetimes.names(module, in: "from app.agent.assistant import A", importedFrom: "main.py"))
        XCTAssertFalse(ProgramLifetimes.names(module, in: "from lib.agent.assistant import A", importedFrom: "main.py"))
        XCTAssertFalse(ProgramLifetimes.names(module, in: "from my_agent.assistant import A", importedFrom: "main.py"))
        XCTAssertFalse(ProgramLifetimes.names(module, in: "from agent.assistant_v2 import A", importedFrom: "main.py"))
        let script = ["web", "src", "lib", "prompts", "system"]
        XCTAssertTrue(ProgramLifetimes.names(script, in: "import { s } from \"../lib/prompts/system\";", importedFrom: "web/src/app/route.ts"))
        XCTAssertFalse(ProgramLifetimes.names(script, in: "import { s } from \"../lib/prompts/system\";", importedFrom: "api/app/route.ts"))
        XCTAssertTrue(ProgramLifetimes.names(script, in: "import { s } from \"@/lib/prompts/system\";", importedFrom: "web/src/app/route.ts"))
    }

    // MARK: a clock before a tail cut by later values

    private func checkIn(instructions: Int) -> String {
        let block = String(repeating: SourceTest.policy + " ", count: instructions)
        return """
            from datetime import datetime, timezone


            def build_checkin_prompt(goal, active, overdue, stale, notes, reflections, profile, stats):
                now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
                return f\"\"\"Time: {now}
            Main goal for this quarter: {goal}
            Tasks still active and not yet finished:
            {active}
            Tasks overdue past their due date:
            {overdue}
            Tasks untouched for two weeks or more:
            {stale}
            Recent journal notes written by the user:
            {notes}
            Recent answers to the weekly reflection question:
            {reflections}
            Execution learning profile of the user:
            {profile}
            Counts of created and finished tasks:
            {stats}

            \(block)
            \"\"\"

            """
    }

    func testAClockBeforeShortLabelsAndAShortTailIsNotNoted() throws {
        // ~190 static tokens of instructions after the last value: under the 256 a note needs (with the labels
        // between the values, ~260); the labels move with their values and save nothing.
        XCTAssertEqual(try pl001(["bot/prompts.py": checkIn(instructions: 3)]), [])
    }

    func testAClockBeforeValuesAndALongerTailIsStillNoted() throws {
        let found = try SourceTest.folderFindings(["bot/prompts.py": checkIn(instructions: 5)]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map { "\($0.path):\($0.line)" }, ["bot/prompts.py:6"])
        XCTAssertEqual(found.first?.severity, .info)
    }
}
