import XCTest

@testable import PromptLint

/// A helper function called through a namespace import (`import * as clock from "./clock"`, then
/// `clock.localNow()`) is the module's function, traced into that module like a named import's call, not a
/// method of an opaque value: a clock it reads in the system prompt before the stored conversation is
/// reported (holdout37, caiua0800/backend-acessor, session 38). A helper returning fixed text, and the same
/// clock placed after the conversation, stay quiet.
final class NamespaceImportCallTests: XCTestCase {
    private let clockModule = """
        import moment from "moment-timezone";

        export function localNow(): string {
          return moment().tz("Europe/Paris").format("YYYY-MM-DD HH:mm:ss Z");
        }

        export function brandName(): string {
          return "Acme Travel";
        }
        """

    private func reply(_ opening: String, closing: String = "") -> String {
        """
        import * as clock from "../services/clock";
        import * as memory from "../services/memory";
        import OpenAI from "openai";

        const client = new OpenAI();

        export async function reply(userId: string, text: string): Promise<string> {
          const chatHistoryText = await memory.loadHistory(userId);
          const systemMessage = `
            \(opening)
            \(SourceTest.notedPolicy)
            ### CONVERSATION SO FAR ###
            ${chatHistoryText}
            \(closing)
            Reply to the last user message.
          `;
          const r = await client.chat.completions.create({
            model: "gpt-4o",
            messages: [{ role: "system", content: systemMessage }, { role: "user", content: text }],
          });
          return r.choices[0].message.content ?? "";
        }
        """
    }

    private func pl001(_ opening: String, closing: String = "") throws -> [String] {
        let files = ["src/services/clock.ts": clockModule, "src/specialists/reply.ts": reply(opening, closing: closing)]
        return try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.line)" }
    }

    func testAClockOfAHelperCalledThroughItsModuleIsReported() throws {
        XCTAssertEqual(try pl001("[Now: ${clock.localNow()}]"), ["src/specialists/reply.ts:10"])
    }

    func testAFixedTextHelperThroughItsModuleStaysQuiet() throws {
        XCTAssertEqual(try pl001("Agency: ${clock.brandName()}"), [])
    }

    func testTheClockAfterTheConversationStaysQuiet() throws {
        XCTAssertEqual(try pl001("You answer travellers.", closing: "[Now: ${clock.localNow()}]"), [])
    }

    private let pythonClock = """
        from datetime import datetime

        def local_now():
            return datetime.now().strftime("%Y-%m-%d %H:%M:%S")

        def brand():
            return "Acme Travel"
        """

    private func pythonBot(_ value: String) -> String {
        """
        import clock
        from openai import OpenAI

        client = OpenAI()

        RULES = \"\"\"\(SourceTest.notedPolicy)\"\"\"

        def reply(history, text):
            system = f"Now: {\(value)}\\n{RULES}"
            messages = [{"role": "system", "content": system}] + history + [{"role": "user", "content": text}]
            return client.chat.completions.create(model="gpt-4o", messages=messages)
        """
    }

    func testAPythonModuleFunctionCalledThroughItsModuleIsTracedThere() throws {
        let found = { (value: String) in
            try SourceTest.folderFindings(["clock.py": self.pythonClock, "bot.py": self.pythonBot(value)])
                .filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.line)" }
        }
        XCTAssertEqual(try found("clock.local_now()"), ["bot.py:9"])
        XCTAssertEqual(try found("clock.brand()"), [])
    }
}
