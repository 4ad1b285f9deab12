import XCTest

@testable import PromptLint

/// A route that builds the system prompt from the request's message and hands it to `reply(user, system, text)`,
/// a wrapper in another module that adds the stored turns and calls `send(model, system, turns)`, which puts the
/// system text before them. The wrapper's own body holds no request, so the helper it calls is what says where
/// its parameter goes. Also read when the route runs in an `async` callback over the request's events.
final class WrappedSystemHelperTests: XCTestCase {
    /// The LLM module: `send` puts its system text before the turns, `reply` wraps it with the stored turns.
    private static let llm = """
        import OpenAI from "openai";

        const client = new OpenAI();
        const stored = new Map<string, { role: string; content: string }[]>();

        async function send(model: string, systemPrompt: string, turns: { role: string; content: string }[]) {
          const response = await client.chat.completions.create({
            model,
            messages: [{ role: "system", content: systemPrompt }, ...turns],
          });
          return response.choices[0]?.message?.content ?? "";
        }

        export async function reply(userId: string, systemPrompt: string, text: string) {
          const history = stored.get(userId) ?? [];
          const updated = [...history, { role: "user", content: text }];
          const answer = await send("gpt-4o", systemPrompt, updated);
          stored.set(userId, [...updated, { role: "assistant", content: answer }]);
          return answer;
        }
        """

    /// The prompt module: the question closes the system prompt.
    private static let prompt = """
        export function buildSystemPrompt(question: string): string {
          return `You are the shop's assistant. Answer from the price list only.

        <question>
        ${question}
        </question>`;
        }
        """

    /// The three modules, the route's handler body being `handler`.
    private func folder(_ handler: String) -> [String: String] {
        [
            "lib/llm.ts": Self.llm,
            "lib/prompt.ts": Self.prompt,
            "app/route.ts": """
            import { buildSystemPrompt } from "../lib/prompt";
            import { reply } from "../lib/llm";

            export async function POST(req: Request) {
            \(handler)
              return new Response("ok");
            }
            """,
        ]
    }

    /// The PL001 findings of `folder(handler)`, as `path:line`, and whether one names the question's slot.
    private func findings(_ handler: String) throws -> (lines: [String], namesSlot: Bool) {
        let found = try SourceTest.folderFindings(folder(handler)).filter { $0.ruleID == "PL001" }
        let namesSlot = found.contains { $0.related.contains { $0.path == "lib/prompt.ts" && $0.line == 5 } }
        return (found.map { "\($0.path):\($0.line)" }, namesSlot)
    }

    func testTheRequestsMessageBeforeTheTurnsThroughAWrapper() throws {
        let (lines, namesSlot) = try findings("""
              const body = await req.json();
              await reply(body.userId, buildSystemPrompt(body.message), body.message);
            """)
        XCTAssertEqual(lines, ["app/route.ts:6"])
        XCTAssertTrue(namesSlot)
    }

    func testAFixedQuestionThroughAWrapperBreaksNothing() throws {
        let (lines, _) = try findings("""
              const body = await req.json();
              await reply(body.userId, buildSystemPrompt("What is on sale?"), body.message);
            """)
        XCTAssertEqual(lines, [])
    }

    func testTheMessageOfEachEventAnAsyncCallbackHandles() throws {
        let (lines, namesSlot) = try findings("""
              const body = JSON.parse(await req.text());
              await Promise.all(
                body.events.map(async (event) => {
                  const text = event.message.text;
                  await reply(event.userId, buildSystemPrompt(text), text);
                }),
              );
            """)
        XCTAssertEqual(lines, ["app/route.ts:9"])
        XCTAssertTrue(namesSlot)
    }

    func testAnAsyncCallbackOverFixedTopicsBreaksNothing() throws {
        let (lines, _) = try findings("""
              const body = await req.json();
              await Promise.all(
                ["prices", "opening hours"].map(async (topic) => {
                  await reply(body.userId, buildSystemPrompt(topic), topic);
                }),
              );
            """)
        XCTAssertEqual(lines, [])
    }
}
