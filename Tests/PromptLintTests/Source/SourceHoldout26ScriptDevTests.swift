import XCTest

@testable import PromptLint

/// Classes of construct behind the misses of holdout26 (session 27, then a development set) where per-request
/// context ends a system prompt sent before the stored conversation: a helper that cleans the stored turns
/// (`trimHistory(history)`) and opens with a guard's `return []` for bad input, which was read as the helper's
/// messages, so the conversation after the system prompt vanished.
final class SourceHoldout26ScriptDevTests: XCTestCase {
    /// A chat call whose system prompt ends with `system`'s last part and whose messages are `messages`,
    /// with a helper that drops bad turns and returns the rest.
    private func trimmedChat(system: String, messages: String, guardReturn: String = "if (!Array.isArray(history)) return [];")
        -> String
    {
        """
        const Anthropic = require('@anthropic-ai/sdk');
        const client = new Anthropic();
        const RULES = `\(SourceTest.policy)`;

        function trimHistory(history) {
          \(guardReturn)
          const kept = history.filter((m) => m && (m.role === 'user' || m.role === 'assistant'));
          return kept.map((m) => ({ ...m, content: String(m.content).slice(0, 600) }));
        }

        async function reply(question, history, notes) {
          const retrievedNotes = await notes.search(question);
          const trimmed = trimHistory(history);
          const messages = \(messages);
          return client.messages.create({ model: 'm', max_tokens: 800, system: \(system), messages });
        }
        module.exports = { reply };
        """
    }

    func testContextEndingTheSystemPromptBeforeATrimmedConversationIsReported() throws {
        let text = trimmedChat(system: "RULES + retrievedNotes", messages: "[...trimmed, { role: 'user', content: question }]")
        XCTAssertEqual(try SourceTest.findingLines(text, path: "chat.js"), ["PL001@15"])
    }

    func testTheSameHelperWithoutItsGuardWasAlreadyRead() throws {
        let text = trimmedChat(
            system: "RULES + retrievedNotes", messages: "[...trimmed, { role: 'user', content: question }]", guardReturn: "")
        XCTAssertEqual(try SourceTest.findingLines(text, path: "chat.js"), ["PL001@15"])
    }

    func testTheContextInTheLastUserTurnStaysSilent() throws {
        let text = trimmedChat(
            system: "RULES", messages: "[...trimmed, { role: 'user', content: `${retrievedNotes}\\n\\n${question}` }]")
        XCTAssertEqual(try SourceTest.findingLines(text, path: "chat.js"), [])
    }

    func testContextEndingASystemPromptWithNoConversationAfterItStaysSilent() throws {
        let text = trimmedChat(system: "RULES + retrievedNotes", messages: "[{ role: 'user', content: question }]")
        XCTAssertEqual(try SourceTest.findingLines(text, path: "chat.js"), [])
    }
}
