import XCTest

@testable import PromptLint

/// Classes of TypeScript construct behind the misses of source-holdout21 (session 25, then a development set):
/// a type assertion before a fallback (`ctx.get("time") as string || new Date().toISOString()`), which hid
/// the fallback; an agent's instructions function that returns its own locals joined with `+`, not a
/// literal; and an index module that re-exports its prompt modules (`export * from "./archivist"`), through
/// which the prompt function was not found from the file that sends it.
final class SourceHoldout21ScriptDevTests: XCTestCase {
    /// `PL001@line` of `promptlint check` on a folder holding `files`, for the file `path`.
    private func pl001(_ files: [String: String], in path: String) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" && $0.path.hasSuffix(path) }.map { "PL001@\($0.line)" }
    }

    // MARK: a type assertion before a fallback

    private func assertedFallback(_ value: String) -> String {
        """
        import { streamText } from "ai";

        export async function reply(settings: Map<string, unknown>, messages) {
          const sent = \(value);
          return streamText({ model: "m", system: `Current time: ${sent}
        \(SourceTest.policy)`, messages });
        }
        """
    }

    func testAFallbackAfterATypeAssertionIsStillRead() throws {
        XCTAssertEqual(try SourceTest.findingLines(assertedFallback(
            "settings.get('theme') as string || new Date().toISOString()"), path: "chat.ts"), ["PL001@5"])
        XCTAssertEqual(try SourceTest.findingLines(assertedFallback(
            "settings.get('theme') as string | undefined ?? new Date().toISOString()"), path: "chat.ts"), ["PL001@5"])
    }

    func testAFixedFallbackAfterATypeAssertionStaysSilent() throws {
        XCTAssertEqual(try SourceTest.findingLines(assertedFallback("settings.get('theme') as string || 'light'"), path: "chat.ts"), [])
    }

    // MARK: an instructions function returning its locals

    private func runtimeAgent(time: String, returned: String) -> String {
        """
        import { Agent } from '@mastra/core/agent';
        import { Memory } from '@mastra/memory';

        export const planner = new Agent({
          name: 'planner',
          memory: new Memory({ options: { lastMessages: 10 } }),
          instructions: ({ runtimeContext }) => {
            const sentTime = runtimeContext.get('sent-time') as string || \(time);
            const header = `Now: ${sentTime}\\n`;
            const rules = `\(SourceTest.policy)`;
            return \(returned);
          },
          model: 'm',
        });
        """
    }

    func testAnInstructionsFunctionReturningItsLocalsIsTheAgentsSystemPrompt() throws {
        XCTAssertEqual(try SourceTest.findingLines(runtimeAgent(time: "new Date().toISOString()", returned: "header + rules"), path: "agent.ts"), ["PL001@9"])
    }

    func testReturnedLocalsWithADateAloneStaySilent() throws {
        XCTAssertEqual(try SourceTest.findingLines(runtimeAgent(time: "new Date().toISOString().split('T')[0]", returned: "header + rules"), path: "agent.ts"), [])
    }

    func testAReturnedLocalThatIsNoTextIsNotAnInstructionsPrompt() throws {
        // `rules.length` is a number: the function's returns hold no text, so no system prompt is read from them.
        let text = runtimeAgent(time: "new Date().toISOString()", returned: "rules.length")
        XCTAssertFalse(SourceTest.read(text, path: "agent.ts").messages.contains { $0.role == .system })
    }

    // MARK: an index module re-exporting the prompt modules

    private func archivist(clock: String) -> String {
        """
        export function getScribePrompt(setting: string): string {
          return `You are the scribe of a role-playing game set in ${setting}.
        \(SourceTest.policy)

        The turn just played ended at ${\(clock)}.`;
        }
        """
    }

    private func runner(importing spec: String) -> String {
        """
        import { generateText } from "ai";
        import { getScribePrompt } from "\(spec)";

        export async function runScribe(history) {
          const systemPrompt = getScribePrompt("the north");
          return generateText({ model: "m", system: systemPrompt, messages: history });
        }
        """
    }

    func testAPromptFunctionReExportedByAnIndexModuleIsFoundFromItsSender() throws {
        let clock = "new Date().toISOString()"
        for index in ["export * from \"./scribe\";\nexport * from \"./shared\";\n", "export { getScribePrompt } from \"./scribe\";\n",
                      "export { getScribePrompt as getScribePrompt } from \"./scribe\";\n"] {
            let files = ["prompts/index.ts": index, "prompts/scribe.ts": archivist(clock: clock),
                         "prompts/shared.ts": "export const SHARED = 1;\n", "scribe.ts": runner(importing: "./prompts")]
            XCTAssertEqual(try pl001(files, in: "prompts/scribe.ts"), ["PL001@5"], index)
        }
    }

    func testAReExportedPromptWithoutAClockStaysSilent() throws {
        let files = ["prompts/index.ts": "export * from \"./scribe\";\n", "prompts/scribe.ts": archivist(clock: "setting.length"),
                     "scribe.ts": runner(importing: "./prompts")]
        XCTAssertEqual(try pl001(files, in: "prompts/scribe.ts"), [])
    }

    func testReExportsAreReadAsImportsOfTheIndexModule() {
        let text = """
            export * from "./a";
            export * as b from "./b";
            export { c, d as e, type F } from "./c";
            export { g };
            export const h = 1;
            """
        let imports = SourceImports.scan(ScriptLexer.tokens(Array(text.utf8)), language: .script)
        XCTAssertEqual(imports["*./a"], ImportedName(module: "./a", name: nil))
        XCTAssertEqual(imports["b"], ImportedName(module: "./b", name: nil))
        XCTAssertEqual(imports["c"], ImportedName(module: "./c", name: "c"))
        XCTAssertEqual(imports["e"], ImportedName(module: "./c", name: "d"))
        XCTAssertEqual(imports["F"], ImportedName(module: "./c", name: "F"))
        XCTAssertNil(imports["g"])
        XCTAssertNil(imports["h"])
    }
}
