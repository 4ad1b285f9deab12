import XCTest

@testable import PromptLint

/// A tool loop over `[...stored conversation, this request's question]` whose appends are the model's replies and
/// tool results: what the loop appends are this question's own rounds, so the question (and a clock written into it)
/// is the newest turn, not a prefix of later requests (source-holdout25's rafahaubert engine: a false positive once
/// the question's text traced to the request's input).
final class SourceToolLoopAfterHistoryTests: XCTestCase {
    private func engine(loopAppends: String) -> String {
        """
        import Anthropic from "@anthropic-ai/sdk";
        const anthropic = new Anthropic();

        export async function handle(incoming: { text: string }[], conversa: { history: any[] }, system: string) {
          let texto = incoming.map((m) => m.text).join("\\n");
          texto += "\\n(one message could not be read)";
          const now = new Intl.DateTimeFormat("pt-BR", { timeStyle: "short" }).format(new Date());
          const messages: Anthropic.MessageParam[] = [
            ...conversa.history,
            { role: "user", content: `[now: ${now}]\\n\\n${texto}` },
          ];
          for (let turn = 0; turn < 5; turn++) {
            const response = await anthropic.messages.create({
              model: "claude-x", max_tokens: 512,
              system: [{ type: "text", text: system, cache_control: { type: "ephemeral" } }],
              messages,
            });
        \(loopAppends)
          }
        }
        """
    }

    func testTheQuestionAfterTheConversationIsTheNewestTurnOfAToolLoop() throws {
        let rounds = """
                messages.push({ role: "assistant", content: response.content });
                messages.push({ role: "user", content: [{ type: "tool_result", tool_use_id: "t", content: "ok" }] });
            """
        XCTAssertEqual(try SourceTest.findingLines(engine(loopAppends: rounds), path: "engine.ts"), [])
    }

    /// Near miss: a loop that appends a new user turn each pass is a chat loop: the list is the conversation so far,
    /// and the clock written into its first question comes before every later turn.
    func testAChatLoopAppendingNewQuestionsStillBreaksAfterTheClock() throws {
        let chat = """
                messages.push({ role: "assistant", content: response.content });
                messages.push({ role: "user", content: await nextQuestion() });
            """
        XCTAssertEqual(try SourceTest.findingLines(engine(loopAppends: chat), path: "engine.ts").count, 1)
    }
}
