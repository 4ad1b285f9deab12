import XCTest

@testable import PromptLint

/// Single-call prompts whose request value sits before a long static tail (holdout30's development misses, written
/// here): a request sent through a wrapper that forwards its parameter whole as the body (a retry helper), a last
/// user message that holds pages of rules after the user's text, and a constant table imported from another module
/// and rendered by a comprehension, which is static text of the prompt.
final class SourceHoldout30StaticTailDevTests: XCTestCase {
    /// A retry wrapper that sends `params` whole, and a caller writing the body with `system` as its system text.
    private func retryWrapper(system: String) -> String {
        """
        const OpenAI = require("openai");
        const openai = new OpenAI();
        async function withRetry(params, label) {
          for (let attempt = 1; attempt <= 3; attempt += 1) {
            try {
              return await openai.chat.completions.create(params);
            } catch (error) {
              if (attempt === 3) throw error;
            }
          }
        }
        async function classify(text) {
          const completion = await withRetry({
            model: "gpt-4o-mini",
            messages: [
              { role: "system", content: \(system) },
              { role: "user", content: text },
            ],
          }, "classify");
          return completion.choices[0].message.content;
        }
        module.exports = { classify };
        """
    }

    /// A request whose last user message is `prompt`, a template literal holding `user`, after a short system message.
    private func lastUserMessage(_ user: String) -> String {
        """
        const OpenAI = require("openai");
        const openai = new OpenAI();
        async function parseEntry(userInput) {
          const prompt = `\(user)`;
          const completion = await openai.chat.completions.create({
            model: "gpt-4o-mini",
            messages: [
              { role: "system", content: "Return valid JSON only." },
              { role: "user", content: prompt },
            ],
          });
          return completion.choices[0].message.content;
        }
        module.exports = { parseEntry };
        """
    }

    func testABodyForwardedWholeByAWrapperIsReadAtTheCall() throws {
        let clockFirst = retryWrapper(system: "`Today is ${new Date().toISOString()}.\n\(SourceTest.longRules)`")
        XCTAssertEqual(try SourceTest.findingLines(clockFirst, path: "classify.js"), ["PL001@16"])
        // The clock after the rules moves nothing out of the cached prefix.
        let clockLast = retryWrapper(system: "`\(SourceTest.longRules)Today is ${new Date().toISOString()}.`")
        XCTAssertEqual(try SourceTest.findingLines(clockLast, path: "classify.js"), [])
    }

    func testALastUserMessageWithALongStaticTailKeepsItsLayout() throws {
        let inputFirst = lastUserMessage("Text: \"${userInput}\"\n\n\(SourceTest.longRules)")
        XCTAssertEqual(try SourceTest.findingLines(inputFirst, path: "parse.js"), ["PL001@4"])
        // The user's text after the rules, or before one short line, is the request's input and nothing more.
        let inputLast = lastUserMessage("\(SourceTest.longRules)\nText: \"${userInput}\"")
        XCTAssertEqual(try SourceTest.findingLines(inputLast, path: "parse.js"), [])
        let shortTail = lastUserMessage("Text: \"${userInput}\"\n\nAnswer with one JSON object.")
        XCTAssertEqual(try SourceTest.findingLines(shortTail, path: "parse.js"), [])
    }

    /// A module-level table of sixteen topics with five items each (about 320 tokens as rendered).
    private let topics = "TOPICS = {\n" + (1...16).map { n in
        let items = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"].map { "\"\($0) item \(n)\"" }
        return "    \"Topic \(n)\": [\(items.joined(separator: ", "))],\n"
    }.joined() + "}\n"

    /// A prompt function listing the topics `table` renders after the message and ~300 tokens of rules, and its request.
    private func classifier(table: String) -> String {
        """
        from openai import OpenAI
        from topics import TOPICS

        client = OpenAI()


        def build_prompt(message: str, extra: dict) -> str:
            listed = "\\n".join([f"- {name}: {', '.join(items)}" for name, items in \(table)])
            return f\"\"\"Classify the message below.
        "{message}"
        \(SourceTest.notedPolicy)
        {listed}
        Return one JSON object.\"\"\"


        def classify(message: str) -> str:
            prompt = build_prompt(message, {})
            reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
            return reply.choices[0].message.content
        """
    }

    func testAConstantTableRenderedByAComprehensionIsStaticText() throws {
        let imported = try SourceTest.folderFindings(["topics.py": topics, "prompts.py": classifier(table: "TOPICS.items()")])
        XCTAssertEqual(imported.filter { $0.ruleID == "PL001" }.map { "\($0.path):\($0.line)" }, ["prompts.py:10"])
        // A table the caller passes is not known here: the rules alone are under the threshold.
        let passed = try SourceTest.folderFindings(["topics.py": topics, "prompts.py": classifier(table: "extra.items()")])
        XCTAssertEqual(passed.filter { $0.ruleID == "PL001" }.count, 0)
    }
}
