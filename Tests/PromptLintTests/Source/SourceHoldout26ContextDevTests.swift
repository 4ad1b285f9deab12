import XCTest

@testable import PromptLint

/// Classes of construct behind the misses of holdout26 (session 28, a development set) where per-request context
/// ends a system prompt sent before the stored conversation: lines pushed in a callback over retrieved items
/// (`memories.forEach((m) => lines.push(…))`) or a `for…of` loop, then joined into the prompt; an if/else whose
/// `else` branch builds fixed text while the other branch lists matched items; a count of the messages exchanged
/// (`profile.totalMessages`), read as the conversation by its name; and a Python helper that appends the messages
/// to a list it returns, sent through a name (`messages = self._build_messages(data)`).
final class SourceHoldout26ContextDevTests: XCTestCase {
    /// A chat handler whose system prompt is `RULES` plus what `build` adds to `system`, sent with `messages`.
    private func handler(build: String, messages: String) -> String {
        """
        import OpenAI from 'openai';
        const client = new OpenAI();
        const RULES = `\(SourceTest.policy)`;

        export async function reply(userMessage, history) {
          const memories = await recallMemories(userMessage);
          let system = RULES;
        \(build)
          const messages = \(messages);
          return client.chat.completions.create({ model: 'm', messages });
        }
        """
    }

    private let withConversation = "[{ role: 'system', content: system }, ...history, { role: 'user', content: userMessage }]"

    func testLinesPushedInACallbackOverMemoriesAreReportedWhereTheyAreJoined() throws {
        let build = """
              const lines = ['Remembered:'];
              memories.forEach((m) => lines.push(`- ${m}`));
              system += `\\n\\n${lines.join('\\n')}`;
            """
        XCTAssertEqual(try SourceTest.findingLines(handler(build: build, messages: withConversation), path: "bot.js"), ["PL001@10"])
    }

    func testLinesPushedInAForOfLoopAreReported() throws {
        let build = """
              const lines = [];
              for (const m of memories) { lines.push(`- ${m}`); }
              system += `\\n\\n${lines.join('\\n')}`;
            """
        XCTAssertEqual(try SourceTest.findingLines(handler(build: build, messages: withConversation), path: "bot.js"), ["PL001@10"])
    }

    func testPushedLinesWithNoConversationAfterThemStaySilent() throws {
        let build = """
              const lines = ['Remembered:'];
              memories.forEach((m) => lines.push(`- ${m}`));
              system += `\\n\\n${lines.join('\\n')}`;
            """
        let messages = "[{ role: 'system', content: system }, { role: 'user', content: userMessage }]"
        XCTAssertEqual(try SourceTest.findingLines(handler(build: build, messages: messages), path: "bot.js"), [])
    }

    func testPushedLinesInTheLastUserTurnStaySilent() throws {
        let build = """
              const lines = ['Remembered:'];
              memories.forEach((m) => lines.push(`- ${m}`));
              const note = lines.join('\\n');
            """
        let messages = "[{ role: 'system', content: system }, ...history, { role: 'user', content: `${note}\\n\\n${userMessage}` }]"
        XCTAssertEqual(try SourceTest.findingLines(handler(build: build, messages: messages), path: "bot.js"), [])
    }

    func testLinesPushedFromAFixedListStaySilent() throws {
        let build = """
              const lines = [];
              ['Be brief.', 'Be kind.'].forEach((rule) => lines.push(`- ${rule}`));
              system += `\\n\\n${lines.join('\\n')}`;
            """
        XCTAssertEqual(try SourceTest.findingLines(handler(build: build, messages: withConversation), path: "bot.js"), [])
    }

    /// Context whose `if` branch adds the retrieved memories and whose `else` branch writes fixed text.
    private func branches(elseBranch: String) -> String {
        """
              let memoryContext = '';
              if (memories.length > 0) {
                memoryContext = `\\n\\nRemembered:\\n${memories.join('\\n')}`;
                memoryContext += '\\nUse these only when relevant.';
              } else {
                memoryContext = '\\n\\nNothing remembered yet.';
            \(elseBranch)
              }
              system += memoryContext;
            """
    }

    func testTheBranchWithTheMemoriesIsReadAlthoughTheElseBranchIsLastAndConstant() throws {
        let build = branches(elseBranch: "    memoryContext += '\\nAsk the user about their plans.';")
        XCTAssertEqual(try SourceTest.findingLines(handler(build: build, messages: withConversation), path: "bot.js"), ["PL001@10"])
    }

    func testBranchesThatBothSetConstantsStaySilent() throws {
        let build = """
              let memoryContext = '';
              if (memories.length > 0) {
                memoryContext = '\\n\\nYou know this user.';
                memoryContext += '\\nGreet them warmly.';
              } else {
                memoryContext = '\\n\\nThis is a new user.';
                memoryContext += '\\nIntroduce yourself.';
              }
              system += memoryContext;
            """
        XCTAssertEqual(try SourceTest.findingLines(handler(build: build, messages: withConversation), path: "bot.js"), [])
    }

    /// A system prompt ending with a field of the user's profile about their messages, then `messages`.
    private func profilePrompt(field: String, messages: String) -> String {
        """
        import OpenAI from 'openai';
        const client = new OpenAI();
        const RULES = `\(SourceTest.policy)`;

        export async function reply(userMessage, history, profile) {
          const system = `${RULES}\\n\\nMessages so far: ${profile.\(field)}`;
          const messages = \(messages);
          return client.chat.completions.create({ model: 'm', messages });
        }
        """
    }

    func testAMessageCountBeforeTheConversationIsReported() throws {
        let text = profilePrompt(field: "totalMessages", messages: withConversation)
        XCTAssertEqual(try SourceTest.findingLines(text, path: "bot.js"), ["PL001@6"])
    }

    func testAMessageLimitSettingStaysSilent() throws {
        let text = profilePrompt(field: "maxMessages", messages: withConversation)
        XCTAssertEqual(try SourceTest.findingLines(text, path: "bot.js"), [])
    }

    func testAMessageCountWithNoConversationAfterItStaysSilent() throws {
        let text = profilePrompt(field: "messageCount", messages: "[{ role: 'system', content: system }, { role: 'user', content: userMessage }]")
        XCTAssertEqual(try SourceTest.findingLines(text, path: "bot.js"), [])
    }

    func testMessageCountsAreNamedAsCountsNotAsTheConversation() {
        XCTAssertTrue(SlotClassifier.countsConversation("userProfile.totalMessages"))
        XCTAssertTrue(SlotClassifier.countsConversation("message_count"))
        XCTAssertFalse(SlotClassifier.countsConversation("max_messages"))
        XCTAssertFalse(SlotClassifier.countsConversation("recent_messages"))
        XCTAssertEqual(SlotClassifier().nameClass(of: "msgCount")?.kind, .value)
        XCTAssertEqual(SlotClassifier().nameClass(of: "recentMessages")?.kind, .history)
    }

    /// A LangChain companion whose helper builds the messages; `memoryIn` puts the memories in the system
    /// message (`system`) or in the last human message (`human`).
    private func companion(memoryIn: String, history: Bool = true) -> String {
        let systemText = memoryIn == "system" ? "f\"{self.persona}\\n\\nWhat you remember:\\n{memories}\"" : "self.persona"
        let humanText = memoryIn == "human" ? "f\"{memories}\\n\\n{data['input']}\"" : "data['input']"
        let turns = history ? """
                    for user_turn, ai_turn in data.get("history", []):
                        messages.append(HumanMessage(content=user_turn))
                        messages.append(AIMessage(content=ai_turn))
            """ : ""
        return """
            from langchain_core.messages import SystemMessage, HumanMessage, AIMessage
            from langchain_openai import ChatOpenAI

            class Companion:
                def __init__(self, persona):
                    self.model = ChatOpenAI(model="gpt-4o-mini")
                    self.persona = persona

                def _build_messages(self, data):
                    memories = data.get("memories", "")
                    messages = []
                    messages.append(SystemMessage(content=\(systemText)))
            \(turns)
                    messages.append(HumanMessage(content=\(humanText)))
                    return messages

                def reply(self, text, history, memories):
                    messages = self._build_messages({"input": text, "history": history, "memories": memories})
                    return self.model.invoke(messages).content
            """
    }

    func testMemoriesEndingTheSystemMessageOfAHelpersListAreReported() throws {
        XCTAssertEqual(try SourceTest.findingLines(companion(memoryIn: "system"), path: "companion.py"), ["PL001@12"])
    }

    func testMemoriesInTheLastHumanMessageStaySilent() throws {
        XCTAssertEqual(try SourceTest.findingLines(companion(memoryIn: "human"), path: "companion.py"), [])
    }

    func testMemoriesWithNoConversationAfterThemStaySilent() throws {
        XCTAssertEqual(try SourceTest.findingLines(companion(memoryIn: "system", history: false), path: "companion.py"), [])
    }
}
