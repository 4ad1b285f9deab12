import XCTest

@testable import PromptLint

/// How long the program that reads a module-level clock lives, across modules (holdout18, session 22): a
/// voice assistant whose entry point loops forever (its client module's `__main__` block is only a self-test)
/// and a server that builds its agent's prompt once, at import, are long-running, so the clock is the same
/// for all their requests; an interactive session that reads the terminal and quits on a command, and a
/// script run, stay short-lived (convention point 3 of Eval/README.md).
final class WholeRepositoryLifetimeTests: XCTestCase {
    private let prompt = """
        import datetime

        system_prompt = f\"\"\"The current date and time is {datetime.datetime.now().strftime('%Y-%m-%d %H:%M:%S')}.
        \(SourceTest.longRules)
        \"\"\"

        """

    private let client = """
        from openai import OpenAI
        from prompt import system_prompt

        client = OpenAI()


        class Assistant:
            def reply(self, history):
                return client.chat.completions.create(
                    model="gpt-4o", messages=[{"role": "system", "content": system_prompt}] + history)


        if __name__ == "__main__":
            print(Assistant().reply([{"role": "user", "content": "hi"}]))

        """

    private func assistant(loop: String) -> [String: String] {
        ["prompt.py": prompt, "client.py": client, "main.py": """
            from client import Assistant
            from detector import listen

            assistant = Assistant()
            history = []
            while True:
            \(loop)
                history.append({"role": "user", "content": heard})
                assistant.reply(history)

            """]
    }

    private func pl001(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.line)" }.sorted()
    }

    func testAnEndlessLoopTwoImportsAwayMakesTheClockConstant() throws {
        XCTAssertEqual(try pl001(assistant(loop: "    heard = listen()")), [])
    }

    func testAnInteractiveLoopThatReadsTheTerminalAndQuitsStaysShortLived() throws {
        let loop = """
                heard = input("> ")
                if heard == "quit":
                    break
            """
        XCTAssertEqual(try pl001(assistant(loop: loop)), ["client.py:10", "prompt.py:3"])
    }

    func testALoopWithAWayOutIsNotLongRunning() {
        XCTAssertEqual(ProgramLifetime.markers(in: "while True:\n    job = next_job()\n    if not job:\n        break\n"), .unknown)
        XCTAssertEqual(ProgramLifetime.markers(in: "def run():\n    while True:\n        handle(queue.get())\n"), .server)
        XCTAssertEqual(ProgramLifetime.markers(in: "while True:\n    q = prompt(\"> \")\n    answer(q)\n"), .unknown)
    }

    private let promptFunction = """
        from datetime import datetime


        def get_system_prompt():
            today = datetime.now().strftime("%Y-%m-%d")
            return f\"\"\"Today is {today}.
        \(SourceTest.longRules)
        \"\"\"

        """

    private func agent(callAtImport: Bool) -> String {
        callAtImport
            ? """
            from openai import OpenAI
            from prompts import get_system_prompt

            client = OpenAI()
            SYSTEM = get_system_prompt()


            def reply(history):
                return client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": SYSTEM}] + history)

            """
            : """
            from openai import OpenAI
            from prompts import get_system_prompt

            client = OpenAI()


            def reply(history):
                return client.chat.completions.create(
                    model="gpt-4o", messages=[{"role": "system", "content": get_system_prompt()}] + history)

            """
    }

    private let server = """
        from fastapi import FastAPI
        from agent import reply

        app = FastAPI()


        @app.post("/chat")
        def chat(body: dict):
            return reply(body["messages"])

        """

    private let script = """
        import sys
        from agent import reply

        if __name__ == "__main__":
            print(reply([{"role": "user", "content": sys.argv[1]}]))

        """

    func testAPromptFunctionCalledOnlyAtImportOfAServerModuleIsConstant() throws {
        XCTAssertEqual(try pl001(["prompts.py": promptFunction, "agent.py": agent(callAtImport: true), "main.py": server]), [])
    }

    func testAPromptFunctionCalledPerRequestStillBreaksThePrefix() throws {
        XCTAssertEqual(try pl001(["prompts.py": promptFunction, "agent.py": agent(callAtImport: false), "main.py": server]),
                       ["prompts.py:6"])
    }

    func testAPromptFunctionCalledAtImportOfAScriptCountsPerRun() throws {
        let findings = try SourceTest.folderFindings(["prompts.py": promptFunction, "agent.py": agent(callAtImport: true), "main.py": script])
            .filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map { "\($0.path):\($0.line)" }, ["prompts.py:6"])
        XCTAssertTrue(findings.first?.message.contains("short-lived program") == true, "\(findings.map(\.message))")
    }
}
