import XCTest

@testable import PromptLint

/// Template functions registered in code by name (`prompts.addFunction("forecast", async () => …)`, the
/// Teams AI library) and called from a prompt-folder template (`{{forecast}}` in `skprompt.txt`): the
/// callback's return value fills the slot at every render.
final class SourceTemplateFunctionTests: XCTestCase {
    /// The bot: registers `forecast`, whose callback returns `body` (an expression).
    private func bot(body: String) -> String {
        """
        import { Application, DefaultPromptManager } from "@microsoft/teams-ai";
        const app = new Application({ ai: { prompt: "chat", promptManager: new DefaultPromptManager("./prompts") } });
        app.ai.prompts.addFunction("forecast", async (context, state) => {
          \(body)
        });
        """
    }

    private let template = """
        You are a cheerful travel helper. Suggest what to pack for the day.

        forecast: {{forecast}}

        {{$history}}

        Traveller: {{$input}}
        Helper:
        """

    private func findings(body: String) throws -> [String] {
        let files = ["index.ts": bot(body: body), "prompts/chat/skprompt.txt": template]
        return try SourceTest.folderFindings(files).filter { $0.path == "prompts/chat/skprompt.txt" && $0.ruleID == "PL001" }
            .map { "\($0.line):\($0.severity)" }
    }

    func testTheRegisteredFunctionIsTracedToTheFetch() {
        let fetched = "const response = await fetch(\"https://api.example.com/forecast\");\n  return JSON.stringify(await response.json());"
        let functions = SourceAnalysis(SourceText(bot(body: fetched)), language: .script).templateFunctions()
        XCTAssertEqual(functions.map(\.name), ["forecast"])
        XCTAssertEqual(functions.first?.slot.provenance?.volatility, .perRequest)
    }

    func testAFunctionFetchingDataPerRenderBreaksThePrefixBeforeTheHistory() throws {
        let fetched = "const response = await fetch(\"https://api.example.com/forecast\");\n  return JSON.stringify(await response.json());"
        XCTAssertEqual(try findings(body: fetched).map { $0.split(separator: ":")[0] }, ["3"])
    }

    func testAFunctionReturningAConstantBreaksNothing() throws {
        XCTAssertEqual(try findings(body: "return \"sunny with light wind\";"), [])
    }
}
