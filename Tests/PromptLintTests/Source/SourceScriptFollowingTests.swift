import XCTest

@testable import PromptLint

/// TypeScript patterns the data flow must follow (or must not): an ES module import through a path alias
/// written with the emitted `.js` name, a helper that posts its messages to a chat endpoint with `fetch`,
/// and a tool handler held by an object, which runs only when the model calls the tool.
final class SourceScriptFollowingTests: XCTestCase {
    private func pl001(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }
    }

    // MARK: `@/services/meta.js` names `src/services/meta.ts`

    private func aliasedMetadata(_ value: String) -> [String: String] {
        [
            "src/services/meta.ts": """
                import { DateTime } from "luxon";

                export function currentMetadata(): string {
                  const now = \(value);
                  return `Current time: ${now}`;
                }
                """,
            "src/services/reply.ts": """
                import OpenAI from "openai";
                import { currentMetadata } from "@/services/meta.js";

                const client = new OpenAI();

                export async function reply(turns: { role: "user" | "assistant"; content: string }[], text: string) {
                  const messages: any[] = [];
                  messages.push({ role: "system", content: "\(SourceTest.policy)" });
                  messages.push({ role: "system", content: currentMetadata() });
                  for (const { role, content } of turns) {
                    messages.push({ role, content });
                  }
                  messages.push({ role: "user", content: text });
                  return client.chat.completions.create({ model: "gpt-4o", messages });
                }
                """,
        ]
    }

    func testClockOfAHelperImportedThroughAnAliasWithItsEmittedNameBeforeTheConversationIsAFinding() throws {
        // At the call that pushes the helper's text; the helper's field, where the clock enters, is its related site.
        let files = aliasedMetadata("DateTime.now().toISO()")
        XCTAssertEqual(try pl001(files), ["src/services/reply.ts@9"])
        let finding = try SourceTest.folderFindings(files).first { $0.ruleID == "PL001" }
        XCTAssertTrue(finding?.related.contains { $0.path == "src/services/meta.ts" && $0.line == 5 } == true, "\(String(describing: finding))")
    }

    func testConstantOfAHelperImportedThroughAnAliasWithItsEmittedNameIsClean() throws {
        XCTAssertEqual(try pl001(aliasedMetadata("\"the deployment's region\"")), [])
    }

    // MARK: a helper posting its parameter as the `messages` of a chat body

    private func postedChat(context: String, model: String = "model: process.env.MODEL,") -> [String: String] {
        [
            "src/ai/client.ts": """
                export async function chatOverHttp(messages: { role: string; content: string }[]) {
                  const response = await fetch("https://api.example.com/openai/v1/chat/completions", {
                    method: "POST",
                    headers: { "Content-Type": "application/json" },
                    body: JSON.stringify({
                      \(model)
                      messages,
                      temperature: 0.2,
                    }),
                  });
                  const data = await response.json();
                  return data.choices[0].message.content;
                }
                """,
            "src/ai/handler.ts": """
                import { chatOverHttp } from "./client.js";

                export async function handle(text: string, history: { role: "user" | "assistant"; content: string }[]) {
                  return chatOverHttp([
                    { role: "system", content: "\(SourceTest.policy)" },
                    { role: "system", content: `Context: ${\(context)}` },
                    ...history,
                    { role: "user", content: text },
                  ]);
                }
                """,
        ]
    }

    func testClockInAListPostedByAFetchHelperBeforeTheConversationIsAFinding() throws {
        XCTAssertEqual(try pl001(postedChat(context: "new Date().toISOString()")), ["src/ai/handler.ts@6"])
    }

    func testConstantInAListPostedByAFetchHelperIsClean() throws {
        XCTAssertEqual(try pl001(postedChat(context: "\"read-only mode\"")), [])
    }

    func testAPostedBodyWithoutAModelIsNoChatRequest() throws {
        // A webhook or logging call that posts some `messages` is not a model's request.
        XCTAssertEqual(try pl001(postedChat(context: "new Date().toISOString()", model: "")), [])
    }

    // MARK: a tool whose handler reads the clock or a random id

    private func toolAgent(handlerValue: String, descriptionValue: String = "\"Request a restart of a service.\"") -> String {
        """
        import { generateText } from "ai";
        import { openai } from "@ai-sdk/openai";
        import { randomUUID } from "node:crypto";

        function requestRestart(service: string) {
          const id = \(handlerValue);
          return { approvalId: id, service };
        }

        function createTools() {
          return {
            restart: {
              description: \(descriptionValue),
              execute: async (payload: { service: string }) => requestRestart(payload.service),
            },
          };
        }

        export async function runAgent(text: string, history: string) {
          const tools = createTools();
          const result = await generateText({
            model: openai("gpt-4o"),
            tools,
            system: `\(SourceTest.policy)\\n\\nRecent conversation:\\n${history}`,
            prompt: text,
          });
          return result.text;
        }
        """
    }

    func testAnIdMadeInsideAToolHandlerIsNotAValueOfTheToolList() throws {
        XCTAssertEqual(try SourceTest.findingLines(toolAgent(handlerValue: "randomUUID()"), path: "agent.ts"), [])
    }

    func testAClockInAToolDescriptionStillIsAValueOfTheToolList() throws {
        let text = toolAgent(handlerValue: "randomUUID()", descriptionValue: "`Restarts a service (as of ${new Date().toISOString()}).`")
        // At the request's `tools` option.
        XCTAssertEqual(try SourceTest.findingLines(text, path: "agent.ts"), ["PL001@23"])
    }

    // MARK: a value its writer names static

    private func namedContext(_ name: String) -> String {
        """
        import { generateText } from "ai";
        import { openai } from "@ai-sdk/openai";

        export async function runAgent(text: string, \(name): string, history: { role: "user" | "assistant"; content: string }[]) {
          const result = await generateText({
            model: openai("gpt-4o"),
            system: `Memory:\\n${\(name)}\\n\\n\(SourceTest.longRules.replacingOccurrences(of: "\n", with: " "))`,
            messages: [...history, { role: "user", content: text }],
          });
          return result.text;
        }
        """
    }

    func testAContextNamedStaticIsNotJudgedPerRequestFromItsName() throws {
        XCTAssertEqual(try SourceTest.findingLines(namedContext("staticContext"), path: "agent.ts"), [])
        XCTAssertEqual(SlotClassifier().nameClass(of: "STATIC_CONTEXT")?.volatility, .constant)
    }

    func testAContextNamedOtherwiseStillIsJudgedPerRequestFromItsName() throws {
        XCTAssertEqual(try SourceTest.findingLines(namedContext("retrievedContext"), path: "agent.ts"), ["PL001@7"])
        XCTAssertEqual(SlotClassifier().nameClass(of: "context")?.volatility, .perRequest)
        // One word is no qualifier: `static` alone says nothing of the value.
        XCTAssertNil(SlotClassifier().nameClass(of: "static"))
    }

    // MARK: stored turns re-shaped to the provider's fields

    private func reshapedTurns(callback: String) -> [String: String] {
        [
            "src/app.ts": """
                import { chatWithTools } from "./lib/chat";

                type Turn = { role: "user" | "assistant"; content: string; timestamp: string };

                export async function send(turns: Turn[], raw: string, systemPrompt: string) {
                  const userTurn: Turn = { role: "user", content: raw, timestamp: new Date().toISOString() };
                  const next = [...turns, userTurn];
                  return chatWithTools(systemPrompt, next);
                }
                """,
            "src/lib/chat.ts": """
                import Anthropic from "@anthropic-ai/sdk";

                const client = new Anthropic();

                export async function chatWithTools(systemPrompt: string, messages: { role: "user" | "assistant"; content: string; timestamp: string }[]) {
                  const apiMessages: Anthropic.MessageParam[] = messages.map(\(callback));
                  for (let round = 0; round < 5; round++) {
                    const response = await client.messages.create({
                      model: "claude-sonnet-4-5",
                      max_tokens: 1024,
                      system: systemPrompt,
                      messages: apiMessages,
                    });
                    apiMessages.push({ role: "assistant", content: response.content });
                  }
                }
                """,
        ]
    }

    func testATimestampOfStoredTurnsDroppedByTheMapIsNoClockInTheConversation() throws {
        XCTAssertEqual(try pl001(reshapedTurns(callback: "(m) => ({ role: m.role, content: m.content })")), [])
    }

    func testAClockTheMapItselfReadsStaysAClockInTheConversation() throws {
        let callback = "(m) => ({ role: m.role, content: `[${new Date().toISOString()}] ${m.content}` })"
        XCTAssertEqual(try pl001(reshapedTurns(callback: callback)), ["src/lib/chat.ts@6"])
    }

    // MARK: a value or nothing: `cond ? format(value) : ""`

    private func optionalSection(_ section: String) -> String {
        """
        import OpenAI from "openai";

        const client = new OpenAI();

        function formatNotes(notes: { text: string }[]): string {
          return notes.map((n) => `- ${n.text}`).join("\\n");
        }

        function strictRules(): string {
          return "Answer only from the knowledge base.";
        }

        export async function answer(question: string, strict: boolean) {
          const notes = await store.similaritySearch(question, 4);
          const lines = [
            "You are the Acme support assistant.",
            \(section),
            "\(SourceTest.longRules.replacingOccurrences(of: "\n", with: " "))",
          ];
          return client.chat.completions.create({
            model: "gpt-4o",
            messages: [{ role: "system", content: lines.join("\\n") }, { role: "user", content: question }],
          });
        }
        """
    }

    func testRetrievedNotesOrNothingBeforeLongRulesIsAFinding() throws {
        XCTAssertEqual(try SourceTest.findingLines(optionalSection("notes.length ? formatNotes(notes) : \"\""), path: "answer.ts"), ["PL001@17"])
    }

    func testFixedRulesOrNothingBeforeLongRulesIsClean() throws {
        XCTAssertEqual(try SourceTest.findingLines(optionalSection("strict ? strictRules() : \"\""), path: "answer.ts"), [])
    }
}
