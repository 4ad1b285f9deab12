import XCTest

@testable import PromptLint

/// Classes of construct behind the TypeScript/JavaScript misses of source-holdout18 and source-holdout19
/// (session 23): a request option set only through a conditional object spread; a system prompt joined from
/// an array filtered of its empty parts; tool definitions destructured from a helper that returns them beside
/// other values; a field of the parsed request body that is the chat's own state; the note open in an editor.
final class SourceScriptRequestOptionTests: XCTestCase {
    /// `PL001@line` of `promptlint check` on a folder holding `files`, for the file `path`.
    private func pl001(_ files: [String: String], in path: String) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" && $0.path.hasSuffix(path) }.map { "PL001@\($0.line)" }
    }

    // MARK: an option set by a conditional object spread

    private func spreadRoute(head: String, spread: String) -> String {
        """
        import { streamText } from "ai";

        export async function POST(req: Request) {
          const { messages } = await req.json();
          const system = `\(head)
        \(SourceTest.policy)`;
          const result = streamText({
            model: "m",
            messages,
            \(spread),
          });
          return result.toTextStreamResponse();
        }
        """
    }

    func testASystemPromptSpreadOnAConditionIsRead() throws {
        let route = spreadRoute(head: "Now: ${new Date().toISOString()}.", spread: "...(system ? { system } : {})")
        XCTAssertEqual(try pl001(["route.ts": route], in: "route.ts"), ["PL001@5"])
    }

    func testASystemPromptSpreadAfterAnAndIsRead() throws {
        let route = spreadRoute(head: "Now: ${new Date().toISOString()}.", spread: "...(system && { system })")
        XCTAssertEqual(try pl001(["route.ts": route], in: "route.ts"), ["PL001@5"])
    }

    func testAFixedSystemPromptSpreadOnAConditionStaysClean() throws {
        let route = spreadRoute(head: "You are the help desk.", spread: "...(system ? { system } : {})")
        XCTAssertEqual(try pl001(["route.ts": route], in: "route.ts"), [])
    }

    // MARK: an array of parts filtered and joined

    private func joinedRoute(middle: String) -> String {
        """
        import { streamText } from "ai";

        function buildSystem(notes?: string): string {
          return [
            `\(SourceTest.longRules)`,
            \(middle),
            notes ? `Notes: ${notes}` : "",
          ]
            .filter(Boolean)
            .join("\\n\\n");
        }

        export async function POST(req: Request) {
          const { messages } = await req.json();
          return streamText({ model: "m", system: buildSystem(), messages }).toTextStreamResponse();
        }
        """
    }

    func testAFilteredJoinIsReadPartByPart() throws {
        // The clock is reported on its own part, not at the array as a whole.
        XCTAssertEqual(try pl001(["route.ts": joinedRoute(middle: "`Current time: ${new Date().toISOString()}`")], in: "route.ts"), ["PL001@26"])
    }

    func testAFilteredJoinOfFixedPartsStaysClean() throws {
        XCTAssertEqual(try pl001(["route.ts": joinedRoute(middle: "\"Answer in English.\"")], in: "route.ts"), [])
    }

    // MARK: tools destructured from a helper that returns them beside other values

    private func toolsRoute(description: String) -> String {
        """
        import { streamText, tool } from "ai";
        import { z } from "zod";

        async function buildContext(userId: string) {
          const summary = `Seen at ${new Date().toISOString()} for ${userId}`;
          const tools = {
            lookupOrder: tool({
              description: \(description),
              inputSchema: z.object({ id: z.string() }),
              execute: async ({ id }) => ({ id, status: "shipped" }),
            }),
          };
          return { summary, tools };
        }

        export async function POST(req: Request) {
          const { messages, userId } = await req.json();
          const { tools } = await buildContext(userId);
          return streamText({ model: "m", system: "You answer order questions.", tools, messages }).toTextStreamResponse();
        }
        """
    }

    func testToolsFromAHelperAreNotTheOtherValuesItReturns() throws {
        XCTAssertEqual(try pl001(["route.ts": toolsRoute(description: "\"Look up an order by its id.\"")], in: "route.ts"), [])
    }

    func testToolsFromAHelperThatReadTheClockAreStillPerRequest() throws {
        let route = toolsRoute(description: "`Orders placed before ${new Date().toISOString()}`")
        XCTAssertFalse(try pl001(["route.ts": route], in: "route.ts").isEmpty)
    }

    // MARK: the chat's own state read from the parsed body

    private func bodyRoute(field: String) -> String {
        """
        import { streamText } from "ai";

        export async function POST(req: Request) {
          const payload = await req.json();
          const system = `${payload.\(field)}

        You answer questions about the user's training log. Keep answers short.`;
          return streamText({ model: "m", system, messages: payload.messages }).toTextStreamResponse();
        }
        """
    }

    func testAPersonaPostedBesideTheMessagesIsTheChatsState() throws {
        XCTAssertEqual(try pl001(["route.ts": bodyRoute(field: "coachPersonality")], in: "route.ts"), [])
    }

    func testAQuestionPostedBesideTheMessagesIsStillPerRequest() throws {
        XCTAssertEqual(try pl001(["route.ts": bodyRoute(field: "question")], in: "route.ts"), ["PL001@5"])
    }

    func testAFieldNotNamedForSettingsPostedBesideTheMessagesIsStillPerRequest() throws {
        // `payload.data` (a dashboard's quotes) may change with every message; only a settings name says otherwise.
        XCTAssertEqual(try pl001(["route.ts": bodyRoute(field: "data")], in: "route.ts"), ["PL001@5"])
    }

    // MARK: the note open in an editor

    private func noteView(line: String) -> String {
        """
        import Anthropic from "@anthropic-ai/sdk";

        export class ChatView {
          history: Anthropic.MessageParam[] = [];
          client = new Anthropic();

          buildSystemPrompt(): string {
            const vaultName = this.app.vault.getName();
            const activeFile = this.app.workspace.getActiveFile();
            return `Vault: ${vaultName}
        \(line)

        \(SourceTest.policy)`;
          }

          async send(text: string) {
            this.history.push({ role: "user", content: text });
            const response = await this.client.messages.create({
              model: "m",
              max_tokens: 1024,
              system: this.buildSystemPrompt(),
              messages: this.history,
            });
            return response;
          }
        }
        """
    }

    func testTheNoteOpenWhenTheMessageIsSentIsPerRequest() throws {
        XCTAssertEqual(try pl001(["view.ts": noteView(line: "Open note: ${activeFile?.path ?? \"none\"}")], in: "view.ts"), ["PL001@11"])
    }

    func testAViewWithoutTheOpenNoteStaysClean() throws {
        XCTAssertEqual(try pl001(["view.ts": noteView(line: "Answer about the notes in this vault.")], in: "view.ts"), [])
    }
}
