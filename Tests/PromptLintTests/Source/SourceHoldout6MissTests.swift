import XCTest

@testable import PromptLint

/// Classes of construct behind the TypeScript/JavaScript misses and false alarms of source-holdout6 and
/// holdout7 (session 12): a message list written in a function and returned to the caller, a placeholder
/// filled by `.replace` with the clock, content blocks held in a variable, tool tables built from imported
/// tools, a chat engine's prompt given as a function, LangChain models called with one text, and Claude
/// Agent SDK sessions.
final class SourceHoldout6MissTests: XCTestCase {
    private let policy = SourceTest.policy

    func testAReturnedMessageListWithAReplacedClockIsARequest() throws {
        let text = """
            export const defaultSystemPrompt = `
            You are a helpful assistant.
            Current date and time: {{ datetime }}
            \(policy)
            `.trim();

            export class SystemPromptPlugin {
                async preprocessModelInput(messages, parameters) {
                    const output = [
                        {
                            role: 'system',
                            content: (this.options?.systemPrompt || defaultSystemPrompt)
                                .replace('{{ datetime }}', new Date().toLocaleString()),
                        },
                        ...messages,
                    ];
                    return { messages: output, parameters };
                }
            }
            """
        // Reported at the placeholder, the line to move, as a `.format` field is.
        XCTAssertEqual(try SourceTest.findings(text, path: "system-prompt.ts"), ["PL001@3:24"])
        let fixed = text.replacingOccurrences(of: "new Date().toLocaleString()", with: "'the current session'")
        XCTAssertNotEqual(fixed, text)
        // Filled with a constant, the placeholder is text nothing in the file fills: at most a note.
        func severities(_ t: String) throws -> [Severity] {
            try LintTest.linter().lint(text: t, path: "system-prompt.ts", format: nil).findings.filter { $0.ruleID == "PL001" }.map(\.severity)
        }
        XCTAssertEqual(try severities(text), [.warning])
        XCTAssertFalse(try severities(fixed).contains(.warning))
    }

    func testContentBlocksHeldInAVariableKeepTheirBreakpoint() throws {
        let text = """
            import Anthropic from "@anthropic-ai/sdk";
            export async function POST(req) {
              const body = await req.json();
              const messages = body.messages;
              const dynamic = buildState(body.character);
              const system = [
                { type: "text", text: `\(policy)`, cache_control: { type: "ephemeral" } },
                ...(dynamic ? [{ type: "text", text: dynamic }] : []),
              ];
              const client = new Anthropic();
              return client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 700, system, messages });
            }
            """
        XCTAssertEqual(try SourceTest.findings(text, path: "route.ts"), [])
        // The per-request block before the static one, with the breakpoint after both, breaks the prefix.
        let early = text.replacingOccurrences(
            of: "{ type: \"text\", text: `\(policy)`, cache_control: { type: \"ephemeral\" } },\n    ...(dynamic ? [{ type: \"text\", text: dynamic }] : []),",
            with: "{ type: \"text\", text: `Request: ${body.topic}` },\n    { type: \"text\", text: `\(policy)`, cache_control: { type: \"ephemeral\" } },")
        XCTAssertNotEqual(early, text)
        XCTAssertEqual(try SourceTest.findingLines(early, path: "route.ts"), ["PL001@7"])
    }

    func testATableOfImportedToolsIsFixed() throws {
        let text = """
            import { generateText } from "ai";
            import { memoryTools } from "#/tools/memory";
            import { discordTools } from "#/tools/discord";
            export async function reply(message, history) {
              return generateText({
                model,
                system: `You answer in the channel. \(policy) The user is ${message.author.id}.`,
                messages: history,
                tools: { ...discordTools, ...memoryTools },
              });
            }
            """
        XCTAssertEqual(try SourceTest.findingLines(text, path: "reply.ts"), ["PL001@7"])
    }

    func testAChatEnginePromptGivenAsAFunctionIsItsText() throws {
        let text = """
            import { ContextChatEngine } from "llamaindex";
            export const setChatEngine = async (index) => {
              const customQaPrompt = function ({ context = "", query = "" }) {
                return `
                  ${context}
                  \(policy)
                  Query: ${query}`;
              };
              return new ContextChatEngine({ retriever: index.asRetriever(), contextSystemPrompt: customQaPrompt });
            };
            """
        XCTAssertEqual(try SourceTest.findingLines(text, path: "engine.js"), ["PL001@5"])
    }

    func testALangChainModelCalledWithOneTextIsARequest() throws {
        let text = """
            import { Replicate } from "langchain/llms/replicate";
            export async function POST(req) {
              const { prompt } = await req.json();
              const recentChatHistory = await memory.readLatestHistory(key);
              const relevantHistory = (await memory.vectorSearch(recentChatHistory)).map(d => d.pageContent).join("\\n");
              const model = new Replicate({ model: "llama-2-13b-chat" });
              return model.call(`
                \(policy)
                Relevant details: ${relevantHistory}

                ${recentChatHistory}`);
            }
            """
        XCTAssertEqual(try SourceTest.findingLines(text, path: "route.ts"), ["PL001@9"])
        // A function's own `call` is no model request.
        let plain = text.replacingOccurrences(of: "new Replicate({ model: \"llama-2-13b-chat\" })", with: "makeHandler()")
        XCTAssertEqual(try SourceTest.findings(plain, path: "route.ts"), [])
    }

    func testAClaudeAgentSessionPutsTheSystemPromptBeforeItsConversation() throws {
        let text = """
            import { query } from "@anthropic-ai/claude-agent-sdk";
            function envBlock() {
              return `Local time: ${new Date().toLocaleString()}`;
            }
            export async function run(promptInput, sessionId) {
              const env = envBlock();
              return query({
                prompt: promptInput,
                options: { ...(sessionId ? { resume: sessionId } : {}), systemPrompt: `\(policy)\\n\\n${env}` },
              });
            }
            """
        XCTAssertEqual(try SourceTest.findingLines(text, path: "route.ts"), ["PL001@3"])
        // A database query with options is not a model request.
        let db = "export async function find(db) {\n  return db.query({ sql: \"select 1\", options: { systemPrompt: \"x\" } });\n}\n"
        XCTAssertEqual(try SourceTest.findings(db, path: "db.ts"), [])
    }
}
