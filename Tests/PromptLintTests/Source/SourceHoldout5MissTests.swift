import XCTest

@testable import PromptLint

/// Classes of construct behind the misses and false alarms of source-holdout5 (session 11): chat loops
/// that append the model's replies to a module-level list, system messages put in front with
/// `unshift`/`insert(0, …)`, retrieved memories added with `+=` in a `forEach` callback or after an `if`
/// header, prompt builders returning lists joined with `+`, and the year of the current date.
final class SourceHoldout5MissTests: XCTestCase {
    private let policy = SourceTest.policy

    func testAChatLoopListIsTheConversationAfterTheSystemMessage() throws {
        let text = """
            import openai
            client = openai.Client()
            messages = []
            while True:
                user_input = input("User: ")
                messages.append({"role": "user", "content": user_input})
                related_memories = memory.search(user_input)
                system_message = [{"role": "system", "content": f"Answer honestly. Known facts: {related_memories}"}]
                response = client.chat.completions.create(model="gpt-4o", messages=system_message + messages)
                messages.append({"role": "assistant", "content": response.choices[0].message.content})
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@8:85"])
        // Appended outside a loop, the same turns are this request's own messages, not a growing history.
        let once = text.replacingOccurrences(of: "while True:\n    ", with: "if True:\n    ")
        XCTAssertEqual(try SourceTest.findings(once), [])
    }

    func testUnshiftPutsTheSystemMessageBeforeTheHistory() throws {
        let text = """
            export async function run(userMessage, sessionId) {
              const history = (await getSessionHistory(sessionId, 10)).map(m => ({ role: m.role, content: m.content }));
              let systemPrompt = `\(policy)`;
              const similarMemories = await searchSimilarMessages(userMessage);
              if (similarMemories.length > 0) systemPrompt += similarMemories.map(m => m.content).join("\\n");
              history.unshift({ role: "system", content: systemPrompt });
              history.push({ role: "user", content: userMessage });
              return client.chat.completions.create({ model: "gpt-4o", messages: history });
            }
            """
        XCTAssertEqual(try SourceTest.findingLines(text, path: "loop.ts"), ["PL001@5"])
        // Pushed instead, the system message comes after the history, which then stays a cacheable prefix.
        let pushed = text.replacingOccurrences(of: "history.unshift(", with: "history.push(")
        XCTAssertEqual(try SourceTest.findings(pushed, path: "loop.ts"), [])
    }

    func testTextAddedInAForEachCallbackIsTheCollection() throws {
        let text = """
            const SYSTEM_PROMPT = `\(policy)`;
            export async function runAgent(userMessage, memory) {
              const recent = memory.getRecentContext(10);
              const semanticMemories = await memory.recall(userMessage, 5);
              let systemText = SYSTEM_PROMPT;
              semanticMemories.forEach(mem => {
                systemText += `- ${mem.role}: ${mem.text}\\n`;
              });
              const messages = [
                { role: "system", content: systemText },
                ...recent.map((m) => ({ role: m.role, content: m.content })),
                { role: "user", content: userMessage },
              ];
              return client.chat.completions.create({ model: "gpt-4o", messages });
            }
            """
        XCTAssertEqual(try SourceTest.findings(text, path: "agent.ts"), ["PL001@6:3"])
        // A callback that builds its own text leaves the prompt as it was.
        let local = text.replacingOccurrences(of: "systemText += ", with: "const line = ")
        XCTAssertEqual(try SourceTest.findings(local, path: "agent.ts"), [])
    }

    func testAPromptBuilderReturningJoinedLists() throws {
        let text = """
            def build_prompt(history, retrieved_chunks, question):
                system_message = {"role": "system", "content": "\(policy)"}
                context_str = "\\n\\n".join(chunk["text"] for chunk in retrieved_chunks)
                context_message = {"role": "system", "content": f"Context:\\n\\n{context_str}"}
                history_messages = []
                for item in history[-6:]:
                    history_messages.append({"role": item["role"], "content": item["content"]})
                return [system_message, context_message] + history_messages + [{"role": "user", "content": question}]
            """
        XCTAssertEqual(try SourceTest.findings(text).map { String($0.prefix(8)) }, ["PL001@4:"])
    }

    func testTheCurrentYearIsStable() throws {
        let text = """
            export async function reply(messages) {
              return streamText({
                model,
                system: `You have ${new Date().getUTCFullYear() - 2019} years of experience. \(policy)`,
                messages,
              });
            }
            """
        XCTAssertEqual(try SourceTest.findings(text, path: "actions.ts"), [])
        let python = """
            import datetime
            def answer(history):
                system = f"It is {datetime.datetime.now().year}. \(policy)"
                return client.chat.completions.create(model="m", messages=[{"role": "system", "content": system}] + history)
            """
        XCTAssertEqual(try SourceTest.findings(python), [])
        let spec = python.replacingOccurrences(of: "{datetime.datetime.now().year}", with: "{datetime.datetime.now():%Y}")
        XCTAssertEqual(try SourceTest.findings(spec), [])
        let strftime = python.replacingOccurrences(of: ".year}", with: ".strftime('%Y')}")
        XCTAssertEqual(try SourceTest.findings(strftime), [])
        XCTAssertEqual(try SourceTest.findings(python.replacingOccurrences(of: ".year", with: ".minute")).count, 1)
        // The clock itself is not.
        let clock = text.replacingOccurrences(of: "new Date().getUTCFullYear()", with: "Date.now()")
        XCTAssertEqual(try SourceTest.findings(clock, path: "actions.ts").count, 1)
    }
}
