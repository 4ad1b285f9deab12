import XCTest

@testable import PromptLint

/// A project's own chat wrapper given its context first and then one provider-shaped body
/// (`chat(env, { system, messages })`): the body is the request,
/// so a clock in its system text comes before the stored conversation it also carries.
final class ContextFirstWrapperBodyTests: XCTestCase {
    private let wrapper = """
        export async function chat(env, opts) {
          const body = { model: "m", system: opts.system, messages: opts.messages };
          const response = await fetch("https://api.example.com/v1/messages", { method: "POST", body: JSON.stringify(body) });
          return response.json();
        }
        """

    /// `reply.ts` building a system prompt with `systemLine` and sending it with the stored turns and the new one
    /// through `call` (written with `system` and `messages`).
    private func replyModule(systemLine: String, call: String) -> String {
        """
        import { chat } from "./wrapper";

        export function buildNotePrompt(env) {
          const stamp = new Date().toISOString();
          return `You are the note keeper of a small team. Keep answers short and friendly.
        \(systemLine)
        Never invent notes that were not written.`;
        }

        export async function reply(env, stored, text) {
          const system = buildNotePrompt(env);
          const messages = [...stored.map((m) => ({ role: m.role, content: m.content })), { role: "user", content: text }];
          return \(call);
        }
        """
    }

    private func findings(systemLine: String, call: String) throws -> [String] {
        try SourceTest.folderFindings(["wrapper.ts": wrapper, "reply.ts": replyModule(systemLine: systemLine, call: call)])
            .filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.line)" }
    }

    func testAClockInTheBodyAfterTheWrappersContextComesBeforeTheConversation() throws {
        let found = try findings(systemLine: "Now: ${stamp}.", call: "chat(env, { system, messages, maxTokens: 400 })")
        XCTAssertTrue(found.contains { $0.hasSuffix("reply.ts:6") }, "\(found)")
    }

    func testAStaticSystemTextInTheSameCallStaysQuiet() throws {
        let found = try findings(systemLine: "Reply in the language of the question.", call: "chat(env, { system, messages, maxTokens: 400 })")
        XCTAssertEqual(found, [])
    }

    func testAClockInTheNewUserTurnAfterTheStoredOnesStaysQuiet() throws {
        let turn = "[...stored, { role: \"user\", content: `${new Date().toISOString()} ${text}` }]"
        let found = try findings(systemLine: "Reply in the language of the question.", call: "chat(env, { system, messages: \(turn) })")
        XCTAssertEqual(found, [])
    }
}
