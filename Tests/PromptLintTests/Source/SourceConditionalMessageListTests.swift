import XCTest

@testable import PromptLint

/// A message list bound to a conditional (`hasSystem ? [...turns] : [{ role: "system", … }, ...turns]`): the options
/// are alternatives, each a request the code can send, and the option holding the system message is the one judged.
final class SourceConditionalMessageListTests: XCTestCase {
    /// A route that puts its system prompt in front of the posted conversation unless the client sent one;
    /// `stamp` is written in the system prompt, `tail` in the newest turn.
    private func route(stamp: String, tail: String = "\"go on\"", send: String) -> String {
        """
        const URL = "https://llm.example.com/v1/chat/completions";
        const RULES = "Answer in German. Keep answers short, use lists for steps and name your sources when you searched the web for them.";

        export async function handle(req: Request) {
          const { messages: turns } = await req.json();
          const hasSystem = turns.some((m: any) => m.role === "system");
          const system = `Now: ${\(stamp)}\\n\\n${RULES}`;
          const last = { role: "user", content: \(tail) };
          const messages = hasSystem ? [...turns, last] : [{ role: "system", content: system }, ...turns, last];
          \(send)
        }
        """
    }

    private let fetchSend = """
        const body = { model: "m", messages, temperature: 0.2 };
          return fetch(URL, { method: "POST", body: JSON.stringify(body) });
        """
    private let sdkSend = """
        return openai.chat.completions.create({ model: "m", messages });
        """

    func testTheOptionHoldingTheSystemMessageIsJudgedInAPostedBody() throws {
        let clock = "new Date().toLocaleString(\"de-DE\")"
        XCTAssertEqual(try SourceTest.findingLines(route(stamp: clock, send: fetchSend), path: "route.ts"), ["PL001@7"])
        // The same request with a fixed system prompt breaks nothing.
        XCTAssertEqual(try SourceTest.findingLines(route(stamp: "\"Berlin\"", send: fetchSend), path: "route.ts"), [])
        // A clock only in the newest turn leaves the prefix cacheable.
        let newest = route(stamp: "\"Berlin\"", tail: clock, send: fetchSend)
        XCTAssertEqual(try SourceTest.findingLines(newest, path: "route.ts"), [])
    }

    func testTheOptionHoldingTheSystemMessageIsJudgedInAnSDKCall() throws {
        let sdk = "import OpenAI from \"openai\";\nconst openai = new OpenAI();\n"
        let clock = "new Date().toISOString()"
        XCTAssertEqual(try SourceTest.findingLines(sdk + route(stamp: clock, send: sdkSend), path: "route.ts"), ["PL001@9"])
        XCTAssertEqual(try SourceTest.findingLines(sdk + route(stamp: "\"Berlin\"", send: sdkSend), path: "route.ts"), [])
    }
}
