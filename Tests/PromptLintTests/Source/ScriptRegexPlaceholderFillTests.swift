import XCTest

@testable import PromptLint

/// A prompt written in the code and filled by `.replace` with a script regex literal that names one
/// placeholder (`prompt.replace(/{{guestName}}/g, guest.name)`): the value lands where the placeholder is
/// written, before the static rules after it, as a string pattern (`"{{guestName}}"`) already does. A regex
/// that replaces punctuation (`/,/g`) names no placeholder and leaves the text as it is.
final class ScriptRegexPlaceholderFillTests: XCTestCase {
    /// A builder whose template opens with `{{slot}}` (line 2) before long rules, filled by `fill` from the
    /// request's guest, and sent as the system message before the conversation.
    private func builder(fill: String, slot: String = "{{guestName}}") -> String {
        """
        const TEMPLATE = `Guest: \(slot)
        \(SourceTest.longRules)`;

        function buildPrompt(guest) {
          let prompt = TEMPLATE;
          prompt = prompt.replace(\(fill), guest.name || "guest");
          return prompt;
        }

        export async function reply(openai, guest, history) {
          const system = buildPrompt(guest);
          return openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "system", content: system }, ...history] });
        }
        """
    }

    func testARegexNamingThePlaceholderPutsTheValueWhereItIsWritten() throws {
        XCTAssertEqual(try SourceTest.findingLines(builder(fill: "/{{guestName}}/g"), path: "prompt.ts"), ["PL001@1"])
    }

    func testAClassOfSpacesAroundTheNameStillNamesOnePlaceholder() throws {
        let code = builder(fill: "/{{[\\s]?guestName[\\s]?}}/g")
        XCTAssertEqual(try SourceTest.findingLines(code, path: "prompt.ts"), ["PL001@1"])
        XCTAssertEqual(SourceAnalysis.regexLiteralText("/{{[\\s]?guestName[\\s]?}}/g"), "{{guestName}}")
    }

    func testARegexReplacingPunctuationFillsNoPlaceholder() throws {
        // `/,/g` matches commas of the rules, not a slot: the value is not put inside the static text.
        let code = builder(fill: "/,/g", slot: "a guest")
        XCTAssertEqual(try SourceTest.findingLines(code, path: "prompt.ts").filter { $0 != "PL001@5" && $0 != "PL001@6" }, [])
        XCTAssertFalse(try SourceTest.findingLines(code, path: "prompt.ts").contains("PL001@1"))
    }

    func testAConstantFillStaysQuiet() throws {
        let code = builder(fill: "/{{guestName}}/g").replacingOccurrences(of: "guest.name || \"guest\"", with: "\"Acme\"")
        XCTAssertEqual(try SourceTest.findingLines(code, path: "prompt.ts"), [])
    }
}

/// A helper that sends one field of its parameter as the request's messages
/// (`generate(input)` posting `{ model, messages: input.messages }`), called with an object literal whose
/// `messages` is the list: that list is the request's, read at the call site.
final class HelperMessagesFieldTests: XCTestCase {
    private let helper = """
        export async function generate(input) {
          const response = await fetch("https://api.example.com/chat/completions", {
            method: "POST",
            body: JSON.stringify({ model: "chat", messages: input.messages, temperature: 0.3 }),
          });
          return response.json();
        }
        """

    /// The route: a system prompt, then `block` as a second system message, then the client's conversation.
    private func route(block: String) -> String {
        """
        import { generate } from "./llm";
        import { searchDocs } from "./docs";

        const SYSTEM = `\(SourceTest.policy)`;

        export async function chat(input) {
          const found = await searchDocs(input.question);
          const docs = \(block);
          return generate({
            mode: input.mode,
            messages: [
              { role: "system", content: SYSTEM },
              { role: "system", content: docs },
              ...input.messages,
            ],
          });
        }
        """
    }

    func testRetrievedTextBeforeTheConversationIsReported() throws {
        let found = try SourceTest.folderFindings([
            "src/llm.ts": helper,
            "src/route.ts": route(block: "found.chunks.map((c) => c.text).join(\"\\n\")"),
        ]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map(\.path), ["src/route.ts"])
    }

    func testAFixedSecondSystemMessageStaysQuiet() throws {
        let found = try SourceTest.folderFindings([
            "src/llm.ts": helper,
            "src/route.ts": route(block: "\"Answer from the docs only.\""),
        ]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map(\.path), [])
    }
}

/// A template filled from an object in a loop: `for (const [key, value] of Object.entries(values))
/// prompt = prompt.split(`{${key}}`).join(value)`. Each `{KEY}` the object names takes its entry's value where it
/// is written; the other braces stay text.
final class EntriesLoopFillTests: XCTestCase {
    private func builder(guest: String) -> String {
        """
        const TEMPLATE = `Hello {GUEST_NAME}, answer in {LANGUAGE}.
        \(SourceTest.longRules)`;

        function buildPrompt(context) {
          const values = { GUEST_NAME: \(guest), LANGUAGE: "German" };
          let prompt = TEMPLATE;
          for (const [key, value] of Object.entries(values)) {
            prompt = prompt.split(`{${key}}`).join(value);
          }
          return prompt;
        }

        export async function reply(openai, context) {
          return openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "system", content: buildPrompt(context) }] });
        }
        """
    }

    func testAnEntryOfTheObjectFillsItsPlaceholderWhereItIsWritten() throws {
        XCTAssertEqual(try SourceTest.findingLines(builder(guest: "context.guestName"), path: "prompt.ts"), ["PL001@1"])
    }

    func testAnObjectOfConstantsStaysQuiet() throws {
        XCTAssertEqual(try SourceTest.findingLines(builder(guest: "\"our guest\""), path: "prompt.ts"), [])
    }
}
