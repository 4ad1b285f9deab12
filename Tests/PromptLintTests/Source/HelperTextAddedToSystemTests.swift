import XCTest

@testable import PromptLint

/// Per-request text that helpers of other modules write and a chat bot adds to its system prompt before the channel
/// history (holdout37 QTAlox/Chat-Bot): a block of messages drawn with `random.sample` that a helper appends to a
/// list and joins, and search results a retrieval helper returns as the first element of a tuple
/// (`ctx, links = build_search_context(text)`), added with `system += extra`. The finding names the helper's line
/// where the value enters its text and the line where the extra text joins the prompt. Near misses stay quiet: the
/// same helpers writing only fixed text, and the search text sent after the history. Own text.
final class HelperTextAddedToSystemTests: XCTestCase {
    /// A helper module whose `style_block` appends `body` (an f-string) to `parts` and joins them.
    private func styleModule(body: String) -> String {
        """
        import random

        def style_block(samples):
            parts = ["## how the group writes"]
            if samples:
                picked = random.sample(samples, min(10, len(samples)))
                lines = "\\n".join(f"- {s}" for s in picked)
                parts.append(\(body))
            return "\\n\\n".join(parts)
        """
    }

    private static let bot = """
        from openai import OpenAI
        from style import style_block

        client = OpenAI()

        def reply(history, samples):
            system = "You are Bob, a regular of this channel.\\n" + style_block(samples)
            return client.chat.completions.create(model="m", messages=[{"role": "system", "content": system}, *history])
        """

    func testAJoinedPartDrawnAtRandomInAnotherModuleIsReported() throws {
        let found = try SourceTest.folderFindings([
            "style.py": styleModule(body: #"f"examples:\n{lines}""#), "bot.py": Self.bot,
        ]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map { "\($0.path):\($0.line)" }, ["bot.py:7"])
        XCTAssertTrue(found.first?.related.contains { $0.path == "style.py" && $0.line == 8 } == true, "\(found.map(\.related))")
    }

    func testAJoinedPartOfFixedTextStaysQuiet() throws {
        let found = try SourceTest.folderFindings([
            "style.py": styleModule(body: #""keep replies short""#), "bot.py": Self.bot,
        ]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map { "\($0.path):\($0.line)" }, [])
    }

    private static let search = """
        def build_search_context(query):
            summary = web_search(query)
            if not summary:
                return "", {}
            context = f\"\"\"
        ## web results
        {summary}
        quote only what is above.
        \"\"\"
            return context, {"links": []}
        """

    /// A bot that adds the search text for `user_text` to its system prompt, or (`after`) to the last user message.
    private func searchBot(after: Bool) -> String {
        let send = after
            ? #"[{"role": "system", "content": system}, *history, {"role": "user", "content": user_text + extra}]"#
            : #"[{"role": "system", "content": system + extra}, *history]"#
        return """
            from openai import OpenAI
            from search import build_search_context

            client = OpenAI()

            def reply(history, user_text):
                extra = ""
                if user_text:
                    ctx, links = build_search_context(user_text)
                    extra += ctx
                system = "You are Bob, a regular of this channel."
                return client.chat.completions.create(model="m", messages=\(send))
            """
    }

    func testSearchTextPickedFromATupleBeforeTheHistoryIsReported() throws {
        let found = try SourceTest.folderFindings(["search.py": Self.search, "bot.py": searchBot(after: false)])
            .filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map { "\($0.path):\($0.line)" }, ["bot.py:10"])
        let related = found.first?.related ?? []
        XCTAssertTrue(related.contains { $0.path == "search.py" && $0.line == 7 }, "\(related)")
        XCTAssertTrue(related.contains { $0.path == nil && $0.line == 12 }, "\(related)")
    }

    func testSearchTextInTheLastUserMessageStaysQuiet() throws {
        let found = try SourceTest.folderFindings(["search.py": Self.search, "bot.py": searchBot(after: true)])
            .filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map { "\($0.path):\($0.line)" }, [])
    }
}
