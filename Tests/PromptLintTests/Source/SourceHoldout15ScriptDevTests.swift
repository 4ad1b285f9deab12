import XCTest

@testable import PromptLint

/// Classes of construct behind the TypeScript misses of source-holdout15 (session 20): a message list
/// written as a literal that puts a system message before the conversation and hands it on (to a hook, a
/// handler, the caller) instead of sending it in the file, where the system text is a parameter or another
/// function's result, so the list holds no prompt text of its own; and a value the code names dynamic
/// (`dynamicContext`), built by a handler the file cannot see, placed between that system message and the
/// conversation.
final class SourceHoldout15ScriptDevTests: XCTestCase {
    private let shellAgent = """
        export class ShellLoop {
          private async nextTurn(systemPrompt: string, dynamicContext: string, signal: AbortSignal) {
            const outgoing = [
              { role: "system" as const, content: systemPrompt },
              { role: "user" as const, content: `<env>\\n${dynamicContext}\\n</env>` },
              { role: "assistant" as const, content: "Got it." },
              ...this.transcript.all(),
            ];
            return this.hooks.run("before-send", outgoing, signal);
          }
        }
        """

    func testADynamicNamedValueBetweenTheSystemMessageAndTheConversationIsFound() throws {
        XCTAssertEqual(try SourceTest.findingLines(shellAgent, path: "loop.ts"), ["PL001@5"])
    }

    func testAnUntracedValueWithAPlainNameThereStaysClean() throws {
        // Nothing says the notes change between calls: a parameter of unknown volatility.
        let plain = shellAgent.replacingOccurrences(of: "dynamicContext", with: "workspaceNotes")
        XCTAssertEqual(try SourceTest.findings(plain, path: "loop.ts"), [])
    }

    func testADynamicNamedValueAfterTheConversationStaysClean() throws {
        let late = shellAgent
            .replacingOccurrences(of: "      { role: \"user\" as const, content: `<env>\\n${dynamicContext}\\n</env>` },\n", with: "")
            .replacingOccurrences(of: "      ...this.transcript.all(),\n",
                                  with: "      ...this.transcript.all(),\n      { role: \"user\" as const, content: dynamicContext },\n")
        XCTAssertEqual(try SourceTest.findings(late, path: "loop.ts"), [])
    }

    func testAWordStartingWithDynamicIsNotTheWordDynamic() throws {
        // `dynamics` (a physics term) and a bare `dynamic` flag say nothing of the value changing per call.
        let physics = shellAgent.replacingOccurrences(of: "dynamicContext", with: "dynamicsNotes")
        XCTAssertEqual(try SourceTest.findings(physics, path: "loop.ts"), [])
    }

    private let tieredInput = """
        import { convertToModelMessages, type UIMessage } from "ai";

        const CACHED = { providerOptions: { anthropic: { cacheControl: { type: "ephemeral" } } } };

        function volatileBlock(city: string): string {
          const now = new Date();
          const clock = now.toLocaleTimeString("en-US", { hour: "numeric", minute: "2-digit" });
          return `Local time: ${clock}, in ${city}`;
        }

        export async function prepareTurn(options: TurnOptions) {
          const { ui, city } = options;
          const { parts } = staticSections(options.channel);
          const stablePrompt = parts.join("\\n");
          const block = volatileBlock(city);
          const history = await convertToModelMessages(ui);
          const outgoing = [
            { role: "system" as const, content: stablePrompt, ...CACHED },
            ...(block ? [{ role: "system" as const, content: block }] : []),
            ...history,
          ];
          return { outgoing, stablePrompt };
        }
        """

    func testAClockSystemMessageSpreadBeforeTheConversationOfAHandedOnListIsFound() throws {
        XCTAssertEqual(try SourceTest.findingLines(tieredInput, path: "turn.ts"), ["PL001@8"])
    }

    func testTheSameBlockSpreadAfterTheConversationStaysClean() throws {
        let late = tieredInput
            .replacingOccurrences(of: "    ...(block ? [{ role: \"system\" as const, content: block }] : []),\n    ...history,\n",
                                  with: "    ...history,\n    ...(block ? [{ role: \"system\" as const, content: block }] : []),\n")
        XCTAssertEqual(try SourceTest.findings(late, path: "turn.ts"), [])
    }

    func testAListOfDataRecordsWithoutAConversationIsNoRequest() throws {
        // A system-looking record before a spread of other records is not a request when nothing after it
        // is a conversation: the block is last, so nothing follows the clock.
        let records = tieredInput
            .replacingOccurrences(of: "    ...history,\n", with: "")
        XCTAssertEqual(try SourceTest.findings(records, path: "turn.ts"), [])
    }
}
