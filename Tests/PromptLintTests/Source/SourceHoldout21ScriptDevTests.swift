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

    private func runtimeAgent(time: String, returned: String, typeArguments: String = "") -> String {
        """
        import { Agent } from '@mastra/core/agent';
        import { Memory } from '@mastra/memory';

        export const planner = new Agent\(typeArguments)({
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

    func testAnAgentWithTypeArgumentsIsReadLikeOneWithout() throws {
        let typed = runtimeAgent(time: "new Date().toISOString()", returned: "header + rules", typeArguments: "<'planner', any, any, Runtime>")
        XCTAssertEqual(try SourceTest.findingLines(typed, path: "agent.ts"), ["PL001@9"])
        let fixed = runtimeAgent(time: "'the first of May'", returned: "header + rules", typeArguments: "<'planner', any, any, Runtime>")
        XCTAssertEqual(try SourceTest.findingLines(fixed, path: "agent.ts"), [])
    }

    func testAnInstructionsFunctionsReturnsAreAlternativesNotParts() throws {
        // The persona's name is returned alone when it is set; the long rules are the other path. Read as one
        // prompt, the rules would be static text after the name.
        let text = """
            import { Agent } from '@mastra/core/agent';

            export const guide = new Agent({
              name: 'guide',
              instructions: ({ runtimeContext }) => {
                const persona = runtimeContext.get('persona-name') as string;
                if (persona) return `You are ${persona}.`;
                return `\(SourceTest.longRules)`;
              },
              model: 'm',
            });
            """
        XCTAssertEqual(try SourceTest.findingLines(text, path: "agent.ts"), [])
        XCTAssertEqual(SourceTest.read(text, path: "agent.ts").messages.filter { $0.role == .system }.count, 1)
    }

    func testReturnedLocalsWithADateAloneStaySilent() throws {
        // A date is the same through a session: under the default profile it breaks no conversation.
        let text = runtimeAgent(time: "new Date().toISOString().split('T')[0]", returned: "header + rules")
        let findings = try LintTest.linter(Configuration(baseDirectory: "/")).lint(text: text, path: "agent.ts", format: nil).findings
        XCTAssertEqual(findings.filter { $0.ruleID == "PL001" }.map(\.line), [])
        let clock = runtimeAgent(time: "new Date().toISOString()", returned: "header + rules")
        let clockFindings = try LintTest.linter(Configuration(baseDirectory: "/")).lint(text: clock, path: "agent.ts", format: nil).findings
        XCTAssertEqual(clockFindings.filter { $0.ruleID == "PL001" }.map(\.line), [9])
    }

    func testAReturnedLocalThatIsNoTextIsNotAnInstructionsPrompt() throws {
        // `rules.length` is a number: the function's returns hold no text, so the rules are not read as its system
        // prompt (the function stays one opaque value).
        let text = runtimeAgent(time: "new Date().toISOString()", returned: "rules.length")
        let system = SourceTest.read(text, path: "agent.ts").messages.filter { $0.role == .system }
        XCTAssertFalse(system.isEmpty)
        XCTAssertFalse(system.contains { $0.segments.contains { if case .text = $0 { true } else { false } } })
    }

    // MARK: a system message bound to a name, then listed before the conversation

    private func namedSystemMessage(content: String) -> String {
        """
        const BASE = `\(SourceTest.policy)`;

        export async function answer(chat, question: string) {
          const history = chat.sessions.getMessages();
          const notes = await chat.memory.search(question);
          const systemMessage: Message = { role: 'system' as const, content: \(content) };
          const messagesWithSystem = [systemMessage, ...history];
          return chat.service.send(messagesWithSystem);
        }
        """
    }

    func testASystemMessageBoundToANameIsReadInTheListThatSendsIt() throws {
        XCTAssertEqual(try SourceTest.findingLines(namedSystemMessage(content: "BASE + notes"), path: "chat.ts"), ["PL001@6"])
    }

    func testAStaticSystemMessageBoundToANameStaysSilent() throws {
        XCTAssertEqual(try SourceTest.findingLines(namedSystemMessage(content: "BASE"), path: "chat.ts"), [])
    }

    // MARK: a field of message objects picked from a list built here

    private func pickedSystemMessage(systemContent: String) -> String {
        """
        import { streamText } from "ai";

        export async function submit(messages: ChatMessage[], text: string) {
          const opening: ChatMessage = { id: crypto.randomUUID(), role: "system", content: \(systemContent), timestamp: Date.now() };
          const userMsg: ChatMessage = { id: crypto.randomUUID(), role: "user", content: text, timestamp: Date.now() };
          const history = [opening, ...messages, userMsg];
          const systemMsg = history.find((m) => m.role === "system");
          return streamText({
            model: "m",
            system: systemMsg.content,
            messages: history.filter((m) => m.role !== "system"),
          });
        }
        """
    }

    func testTheContentOfAPickedMessageIsNotItsIdOrTimestamp() throws {
        XCTAssertEqual(try SourceTest.findingLines(pickedSystemMessage(systemContent: "`\(SourceTest.policy)`"), path: "chat.ts"), [])
    }

    func testAClockInThePickedMessagesContentIsStillRead() throws {
        let content = "`Now: ${new Date().toISOString()}. \(SourceTest.policy)`"
        XCTAssertEqual(try SourceTest.findingLines(pickedSystemMessage(systemContent: content), path: "chat.ts"), ["PL001@4"])
    }

    // MARK: a message list built around another module's prompt, handed to the file's own client

    private func processor(tail: String) -> String {
        """
        import { buildSystemPrompt } from "./prompts.js";

        export class Processor {
          async handle(chatId: string, text: string) {
            const history = await this.storage.getHistory(chatId);
            const systemPrompt = buildSystemPrompt(text);
            const messagesForLlm = [
              { role: "system", content: systemPrompt },
              \(tail),
            ];
            return this.llm.createCompletion(messagesForLlm);
          }
        }
        """
    }

    private let builder = """
        export function buildSystemPrompt(text: string): string {
          const stamp = new Date().toISOString();
          return `\(SourceTest.policy)
        Now: ${stamp}`;
        }
        """

    func testAPromptBuiltElsewhereBeforeTheStoredConversationOfABuiltListIsLinked() throws {
        let files = ["bot/prompts.ts": builder, "bot/processor.ts": processor(tail: "...this.window(history, 20)")]
        XCTAssertEqual(try pl001(files, in: "bot/prompts.ts"), ["PL001@4"])
    }

    func testAPromptBuiltElsewhereBeforeOnlyTheQuestionStaysSilent() throws {
        let files = ["bot/prompts.ts": builder, "bot/processor.ts": processor(tail: "{ role: \"user\", content: text }")]
        XCTAssertEqual(try pl001(files, in: "bot/prompts.ts"), [])
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
