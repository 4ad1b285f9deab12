import XCTest

@testable import PromptLint

/// Text added in place to the first message of the list a request sends (`messages[0]["content"] += …`,
/// `messages[0].content += …`), directly or to a trimmed copy of the list: it ends the system message, before
/// the stored turns, so a per-request value added there breaks the cache of the conversation after it. The
/// near misses: a constant addition, and an addition made after the send.
final class SourceOpeningContentAdditionTests: XCTestCase {
    /// A Python chat handler: system message, stored turns, the new message, a trimmed copy, and `addition`
    /// written before (or after) the send.
    private func handler(addition: String, afterSend: Bool = false) -> String {
        let line = "    kept[0][\"content\"] += \(addition)"
        return """
            from datetime import datetime
            from openai import OpenAI

            client = OpenAI()
            SYSTEM = \"\"\"\(SourceTest.policy)\"\"\"

            def reply(history, text):
                messages = [{"role": "system", "content": SYSTEM}]
                messages.extend(history)
                messages.append({"role": "user", "content": text})
                kept = trim_messages(messages, 4000)
            \(afterSend ? "" : line)
                answer = client.chat.completions.create(model="gpt-4o", messages=kept)
            \(afterSend ? line : "")
                return answer
            """
    }

    func testClockAddedToTheFirstMessageOfATrimmedCopyIsReported() throws {
        let text = handler(addition: "f\"\\n\\nNow: {datetime.now()}\"")
        XCTAssertEqual(try SourceTest.findingLines(text, path: "chat.py"), ["PL001@12"])
    }

    func testConstantAddedToTheFirstMessageStaysSilent() throws {
        let text = handler(addition: "\"\\n\\nAnswer briefly.\"")
        XCTAssertEqual(try SourceTest.findingLines(text, path: "chat.py"), [])
    }

    func testClockAddedAfterTheSendStaysSilent() throws {
        let text = handler(addition: "f\"\\n\\nNow: {datetime.now()}\"", afterSend: true)
        XCTAssertEqual(try SourceTest.findingLines(text, path: "chat.py"), [])
    }

    func testClockAddedToTheFirstScriptMessageIsReported() throws {
        let text = """
            import OpenAI from "openai";
            const client = new OpenAI();
            const SYSTEM = `\(SourceTest.policy)`;

            export async function reply(history, text) {
              const messages = [{ role: "system", content: SYSTEM }, ...history, { role: "user", content: text }];
              messages[0].content += `\\n\\nNow: ${new Date().toISOString()}`;
              return client.chat.completions.create({ model: "gpt-4o", messages });
            }
            """
        XCTAssertEqual(try SourceTest.findingLines(text, path: "chat.ts"), ["PL001@7"])
    }
}
