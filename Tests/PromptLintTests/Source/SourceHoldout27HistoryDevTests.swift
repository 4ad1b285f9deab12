import XCTest

@testable import PromptLint

/// Classes of construct behind the history-arm misses of holdout27 (session 29, a development set), each with
/// the near miss that must stay silent: the stored conversation rendered as text after a per-request value (the
/// turns mapped to lines in a helper, a loop that binds a turn's fields to names first, a function whose text is
/// sent from another file); entries a lorebook picks for the user's message; and a message list rebound to a
/// trimmed copy of itself before it is returned.
final class SourceHoldout27HistoryDevTests: XCTestCase {
    // MARK: the conversation mapped to lines by a helper of the builder's file

    /// A user-prompt builder that pushes `first` then `second` as sections and joins them.
    private func sections(first: String, second: String) -> String {
        """
        export function buildUserPrompt(message, context) {
          const sections = [];
          sections.push(\(first));
          sections.push(\(second));
          sections.push(`Current message: ${message}`);
          return sections.join('\\n\\n');
        }

        function renderSources(results) {
          const lines = results.map((r) => `- ${r.title}: ${r.text}`);
          return `## Source documents (answer from these only)\\n${lines.join('\\n')}`;
        }

        function renderTurns(messages) {
          const lines = messages.map((m) => `${m.author}: ${m.text}`);
          return `## Conversation so far (oldest first)\\n${lines.join('\\n')}`;
        }
        """
    }

    func testSourcesBeforeTheConversationMappedToLinesAreReported() throws {
        let text = sections(first: "renderSources(context.retrieval_results)", second: "renderTurns(context.conversation_history)")
        XCTAssertEqual(try SourceTest.findingLines(text, path: "prompt-builder.ts"), ["PL001@11"])
    }

    func testSourcesAfterTheConversationStaySilent() throws {
        let text = sections(first: "renderTurns(context.conversation_history)", second: "renderSources(context.retrieval_results)")
        XCTAssertEqual(try SourceTest.findingLines(text, path: "prompt-builder.ts"), [])
    }

    // MARK: a turn's fields bound to names in the loop that renders the conversation

    /// A handler that renders `context` and then the stored turns (each field read into a name first) into one
    /// user prompt, with `beforeTurns` and `afterTurns` around them.
    private func loopHandler(beforeTurns: String, afterTurns: String) -> String {
        """
        from openai import OpenAI

        client = OpenAI()
        RULES = \"\"\"\(SourceTest.policy)\"\"\"


        def reply(store, channel_id, message, channel_context):
            past_turns = store.recent(channel_id)
            parts = [RULES]
            \(beforeTurns)
            parts.append("Conversation history:")
            for turn in past_turns:
                speaker = turn.get("author_name")
                content = turn.get("content", "")
                parts.append(f"{speaker}: {content}")
            \(afterTurns)
            parts.append(f"User: {message}")
            return client.chat.completions.create(
                model="m", messages=[{"role": "user", "content": "\\n".join(parts)}])
        """
    }

    func testAValueBeforeTurnsWhoseFieldsAreNamedInTheLoopIsReported() throws {
        let text = loopHandler(beforeTurns: "parts.append(f\"Recent channel messages: {channel_context}\")", afterTurns: "")
        XCTAssertEqual(try SourceTest.findingLines(text), ["PL001@10"])
    }

    func testTheValueAfterTheTurnsStaysSilent() throws {
        let text = loopHandler(beforeTurns: "", afterTurns: "parts.append(f\"Recent channel messages: {channel_context}\")")
        XCTAssertEqual(try SourceTest.findingLines(text), [])
    }

    // MARK: text a function not named as a prompt returns, sent from another file

    /// A method that returns the rendered conversation after `context`, in a module that sends nothing.
    private func formatter(order: String) -> String {
        """
        class Sessions:
            def format_for_model(self, channel_id, current_message, system_prompt, channel_context=""):
                history = self.sessions[channel_id]["turns"]
                parts = [system_prompt]
                \(order)
                parts.append(f"User: {current_message}")
                return "\\n".join(parts)
        """
    }

    private let contextFirst = """
        parts.append(f"Context: {channel_context}")
                parts.append("Conversation history (oldest first):")
                for msg in history:
                    parts.append(f"{msg['role']}: {msg['content']}")
        """

    private let turnsFirst = """
        for msg in history:
                    parts.append(f"{msg['role']}: {msg['content']}")
                parts.append(f"Context: {channel_context}")
        """

    func testReturnedTextWithTheConversationAfterAValueIsReported() throws {
        XCTAssertEqual(try SourceTest.findingLines(formatter(order: contextFirst), path: "sessions.py"), ["PL001@5"])
    }

    func testReturnedTextWithTheValueAfterTheConversationStaysSilent() throws {
        XCTAssertEqual(try SourceTest.findingLines(formatter(order: turnsFirst), path: "sessions.py"), [])
    }

    func testReturnedTextWithoutALoopOverTheConversationStaysSilent() throws {
        let text = formatter(order: "parts.append(f\"Context: {channel_context}\")")
        XCTAssertEqual(try SourceTest.findingLines(text, path: "sessions.py"), [])
    }

    // MARK: lorebook entries picked by the message, and a list trimmed before it is returned

    /// A roleplay bot's message builder: a system message with `section` appended, then the stored turns, then
    /// the user's message; the list goes through `trim_to_fit` before it is returned.
    private func roleplay(section: String, sectionAfterHistory: Bool = false) -> String {
        let system = sectionAfterHistory ? "system_text" : "system_text + \"\\n\\n\" + extra"
        let late = sectionAfterHistory ? "\n        messages.append({\"role\": \"system\", \"content\": extra})" : ""
        return """
            class Bot:
                def build_chat_messages(self, channel_id, user_message):
                    messages = []
                    system_text = \"\"\"\(SourceTest.policy)\"\"\"
                    extra = \(section)
                    messages.append({"role": "system", "content": \(system)})
                    messages.extend(self.conversations[channel_id])\(late)
                    messages.append({"role": "user", "content": user_message})
                    messages = self.trim_to_fit(messages, 2000)
                    return messages
            """
    }

    func testLorebookEntriesForTheMessageBeforeTheTurnsAreReported() throws {
        let text = roleplay(section: "self.lorebook_manager.get_section(user_message)")
        XCTAssertEqual(try SourceTest.findingLines(text, path: "bot.py"), ["PL001@6"])
    }

    func testLorebookEntriesAfterTheTurnsStaySilent() throws {
        let text = roleplay(section: "self.lorebook_manager.get_section(user_message)", sectionAfterHistory: true)
        XCTAssertEqual(try SourceTest.findingLines(text, path: "bot.py"), [])
    }
}
