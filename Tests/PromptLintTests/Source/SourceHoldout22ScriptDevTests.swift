import XCTest

@testable import PromptLint

/// Classes of TypeScript/JavaScript construct behind the misses of source-holdout22 (session 25, then a development
/// set): a LangChain JS message list filtered of its empty items (`[…].filter(msg => !!msg)`) before it is sent,
/// and its messages built with `new SystemMessage(…)`, which hid their text; and AI SDK options bound to a name
/// before the call (`const config = { system, messages }; streamText(config)`). From holdout24 (J-SUPHA/dbotjs
/// src/memory/promptFormatter.js 94 and 100): one value sent by both arms of an `if`/`else` is one prefix break.
final class SourceHoldout22ScriptDevTests: XCTestCase {
    // MARK: a filtered LangChain JS message list

    private func filteredList(_ filter: String, system: String = "RULES + timePart", question: String = "text") -> String {
        """
        const { SystemMessage, HumanMessage } = require("@langchain/core/messages");

        const RULES = `\(SourceTest.policy)`;

        async function answer(model, past, text) {
          const stamp = new Date().toLocaleString();
          const timePart = `\\n\\nNow: ${stamp}`;
          const messages = [
            new SystemMessage(\(system)),
            ...past,
            new HumanMessage(\(question)),
          ]\(filter);
          return model.invoke(messages);
        }
        """
    }

    /// The list filtered of empty items is the same messages in the same order: the clock before the
    /// conversation is found, where it enters the text (line 7), not at the `new SystemMessage(…)` that holds it.
    func testAFilteredMessageListIsReadAtTheClock() throws {
        XCTAssertEqual(try SourceTest.findingLines(filteredList(".filter(msg => !!msg)"), path: "bot.js"), ["PL001@7"])
        XCTAssertEqual(try SourceTest.findingLines(filteredList(".filter(Boolean)"), path: "bot.js"), ["PL001@7"])
    }

    /// Near miss: the same filtered list with the clock in the newest user turn, after the conversation, stays silent.
    func testAFilteredListWithTheClockInTheNewestTurnStaysSilent() throws {
        XCTAssertEqual(try SourceTest.findingLines(
            filteredList(".filter(Boolean)", system: "RULES", question: "text + timePart"), path: "bot.js"), [])
    }

    /// `new SystemMessage({ content })`: LangChain JS's fields object holds the text.
    func testAMessageBuiltFromAFieldsObjectIsRead() throws {
        let text = """
            import { SystemMessage, HumanMessage } from "@langchain/core/messages";

            export async function answer(model, past, text: string) {
              const system = new SystemMessage({ content: `Today is ${new Date().toISOString()}.
            \(SourceTest.policy)` });
              return model.invoke([system, ...past, new HumanMessage(text)]);
            }
            """
        XCTAssertEqual(try SourceTest.findingLines(text, path: "bot.ts"), ["PL001@4"])
        let fixed = text.replacingOccurrences(of: "${new Date().toISOString()}", with: "always")
        XCTAssertEqual(try SourceTest.findingLines(fixed, path: "bot.ts"), [])
    }

    // MARK: AI SDK options bound to a name

    private func boundOptions(_ system: String) -> String {
        """
        import { streamText } from "ai";

        const systemPrompt = `You are a helpful chat assistant.
        Build {{stamp}}.
        \(SourceTest.policy)`;

        export async function generate(messages: any[]) {
          const streamConfig: any = {
            model: "gpt-4o",
            messages,
            system: \(system),
          };
          return streamText(streamConfig);
        }
        """
    }

    /// The options object bound to a name and passed by it is read as if written in the call.
    func testOptionsBoundToANameAreRead() throws {
        XCTAssertEqual(try SourceTest.findingLines(
            boundOptions(#"systemPrompt.replaceAll("{{stamp}}", new Date().toISOString())"#), path: "chat.ts"), ["PL001@4"])
    }

    /// Near miss: the same options with the placeholder filled with a constant stay silent.
    func testBoundOptionsWithAConstantFillStaySilent() throws {
        XCTAssertEqual(try SourceTest.findingLines(
            boundOptions(#"systemPrompt.replaceAll("{{stamp}}", "v2")"#), path: "chat.ts"), [])
    }

    // MARK: one traced value sent by two alternative requests

    private func twoArms(second: String, extra: String = "") -> String {
        """
        import OpenAI from "openai";
        import { render } from "./template.js";

        const client = new OpenAI();

        export async function reply(history, summary) {
          const system = render({ date: new Date().toISOString() });\(extra)
          if (summary) {
            return client.chat.completions.create({
              model: "gpt-4o",
              messages: [{ role: "system", content: system }, { role: "system", content: summary }, ...history],
            });
          } else {
            return client.chat.completions.create({
              model: "gpt-4o",
              messages: [{ role: "system", content: \(second) }, ...history],
            });
          }
        }
        """
    }

    /// The same value, traced to the same clock, sent before the conversation by both arms: one finding, the first.
    func testOneTracedValueInTwoArmsIsOneFinding() throws {
        XCTAssertEqual(try SourceTest.findingLines(twoArms(second: "system"), path: "bot.js"), ["PL001@11"])
    }

    /// Near miss: the other arm sends a value traced to another clock read; that is a break of its own, so both stay.
    func testTwoTracedValuesInTwoArmsStayTwoFindings() throws {
        let text = twoArms(second: "later", extra: "\n  const later = render({ date: Date.now() });")
        XCTAssertEqual(try SourceTest.findingLines(text, path: "bot.js"), ["PL001@12", "PL001@17"])
    }

    // MARK: a Gemini chat session started with its own system instruction

    private func geminiSession(_ instruction: String, history: String = "history: past,") -> String {
        """
        const { GoogleGenerativeAI } = require("@google/generative-ai");
        const genAI = new GoogleGenerativeAI(process.env.KEY);
        const RULES = `\(SourceTest.policy)`;

        async function reply(message, past) {
          const now = new Date().toLocaleString();
          const prompt = `${RULES}\\nCurrent time: ${now}`;
          const model = genAI.getGenerativeModel({ model: "gemini-2.5-flash" });
          const chat = model.startChat({
            systemInstruction: \(instruction),
            \(history)
          });
          return (await chat.sendMessage(message)).response.text();
        }
        """
    }

    /// `startChat({ systemInstruction, history })`: the instruction, then the stored history, in every message, so a
    /// clock even last in the instruction breaks the prefix before the history.
    func testAChatSessionsOwnInstructionIsReadBeforeItsHistory() throws {
        XCTAssertEqual(try SourceTest.findingLines(geminiSession("{ parts: [{ text: prompt }] }"), path: "chat.js"), ["PL001@7"])
        XCTAssertEqual(try SourceTest.findingLines(geminiSession("prompt"), path: "chat.js"), ["PL001@7"])
    }

    /// Near miss: the same session started with no history: nothing follows the clock, last of the instruction.
    func testAChatSessionWithoutHistoryStaysSilent() throws {
        XCTAssertEqual(try SourceTest.findingLines(geminiSession("{ parts: [{ text: prompt }] }", history: ""), path: "chat.js"), [])
    }
}
