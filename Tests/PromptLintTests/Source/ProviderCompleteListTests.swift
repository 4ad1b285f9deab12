import XCTest

@testable import PromptLint

/// A project's own provider layer chosen at run time (`const provider = createProviderFromEnv()`), sent a
/// role-tagged message list by `provider.complete([{ role: "system", … }, { role: "user", … }], tools)`: that list
/// is the request, as a facade's. Near misses: the same call given a list of plain strings, and the same user text
/// with the chat history ahead of the current message. Written here.
final class ProviderCompleteListTests: XCTestCase {
    /// A bot module whose user input holds `userLines` (joined by newlines) after a long static system prompt.
    private func bot(userLines: String, sent: String = #"[{ role: "system", content: SYSTEM }, { role: "user", content: input }]"#) -> String {
        """
        import { createProviderFromEnv } from "./llm/index.js";
        import { renderHistory } from "./session.js";

        const provider = createProviderFromEnv();
        const SYSTEM = "\(SourceTest.policy)";

        function buildUserInput(ctx, chatHistory) {
          const now = new Date().toISOString();
          return [
            \(userLines)
          ].join("\\n");
        }

        export async function handle(ctx) {
          const chatHistory = renderHistory(ctx.session.messages);
          const input = buildUserInput(ctx, chatHistory);
          const reply = await provider.complete(\(sent), tools);
          return reply.text;
        }

        """
    }

    private func pl001(_ module: String) throws -> [String] {
        try SourceTest.folderFindings(["bot/llm.ts": module]).filter { $0.ruleID == "PL001" }.map { "PL001@\($0.line)" }
    }

    func testCurrentMessageStampBeforeTheHistoryText() throws {
        let lines = #"`[${now}] ${ctx.message.text}`, "--- Chat history ---", chatHistory"#
        XCTAssertEqual(try pl001(bot(userLines: lines)), ["PL001@10"])
    }

    func testHistoryTextBeforeTheCurrentMessageIsQuiet() throws {
        // Near miss: the stored history first, the request's own lines last.
        let lines = #""--- Chat history ---", chatHistory, `[${now}] ${ctx.message.text}`"#
        XCTAssertEqual(try pl001(bot(userLines: lines)), [])
    }

    func testAListWithoutRolesIsNoRequest() throws {
        // Near miss: `complete` given plain strings is not a message list.
        let lines = #"`[${now}] ${ctx.message.text}`, "--- Chat history ---", chatHistory"#
        XCTAssertEqual(try pl001(bot(userLines: lines, sent: "[SYSTEM, input]")), [])
    }
}
