import XCTest

@testable import PromptLint

/// Content retrieved for the current message that reaches a system prompt before the conversation by shapes the
/// renderer did not follow (holdout36 MG84/Claudio, source-holdout34 Neal2812/bhaigpt): a helper that grows a
/// local (`system += …`) and returns it by name; a loop over a list bound to a retrieval call whatever the list
/// is called (`for t in anchors:` after `anchors = retriever.search_similar(user_msg)`); a method of a retriever
/// object (`r.anchors(user_msg)` after `r = make_retriever()`). Near misses stay quiet: a helper returning a
/// local that holds only fixed text, a loop over a list loaded once at import, a retriever method given a
/// fixed argument. Own text.
final class RetrievedForMessageHelperTests: XCTestCase {
    /// A module whose `reply` sends what `build` returns as the system message before `history`.
    private func module(helper: String, prelude: String = "") -> String {
        """
        from openai import OpenAI

        client = OpenAI()
        \(prelude)

        \(helper)


        def reply(user_text, history):
            system = build(user_text)
            return client.chat.completions.create(
                model="gpt-4o",
                messages=[{"role": "system", "content": system}, *history, {"role": "user", "content": user_text}],
            )
        """
    }

    private func pl001(_ text: String) throws -> [String] {
        try SourceTest.findingLines(text).filter { $0.hasPrefix("PL001") }
    }

    func testAHelperReturningAGrownLocalWithMemoriesIsReported() throws {
        let helper = """
            def build(user_text):
                system = "You are a patient gardening assistant."
                notes = store.search_memories(user_text)
                system += "\\nWhat you remember:\\n" + notes
                system += "\\nAnswer in short paragraphs."
                return system
            """
        XCTAssertEqual(try pl001(module(helper: helper)), ["PL001@9"])
    }

    func testAHelperReturningAGrownLocalOfFixedTextStaysQuiet() throws {
        let helper = """
            def build(user_text):
                system = "You are a patient gardening assistant."
                system += "\\nAnswer in short paragraphs."
                return system
            """
        XCTAssertEqual(try pl001(module(helper: helper)), [])
    }

    func testItemsOfAListRetrievedForTheMessageAreReported() throws {
        let helper = """
            def build(user_text):
                picked = retriever.search_similar(user_text)
                lines = ["You reply in the voice of these posts:"]
                for p in picked:
                    lines.append(f"- {p}")
                return "\\n".join(lines)
            """
        XCTAssertEqual(try pl001(module(helper: helper)), ["PL001@10"])
    }

    func testItemsOfAListLoadedOnceStayQuiet() throws {
        let helper = """
            def build(user_text):
                lines = ["You reply in the voice of these posts:"]
                for p in SAMPLE_POSTS:
                    lines.append(f"- {p}")
                return "\\n".join(lines)
            """
        XCTAssertEqual(try pl001(module(helper: helper, prelude: "SAMPLE_POSTS = [\"first post\", \"second post\"]")), [])
    }

    func testAMethodOfARetrieverGivenTheMessageIsReported() throws {
        let helper = """
            def build(user_text):
                r = make_retriever()
                close = r.anchors(user_text)
                return "You reply in the voice of these posts:\\n" + "\\n".join(close)
            """
        XCTAssertEqual(try pl001(module(helper: helper)), ["PL001@9"])
    }

    func testAMethodOfARetrieverGivenAFixedArgumentStaysQuiet() throws {
        let helper = """
            def build(user_text):
                r = make_retriever()
                close = r.anchors("greetings")
                return "You reply in the voice of these posts:\\n" + "\\n".join(close)
            """
        XCTAssertEqual(try pl001(module(helper: helper)), [])
    }
}
