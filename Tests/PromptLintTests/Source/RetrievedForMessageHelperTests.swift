import XCTest

@testable import PromptLint

/// Content retrieved for the current message that reaches a system prompt before the conversation through a
/// helper the renderer did not follow (holdout36 MG84/Claudio): a helper that grows a local (`system += …`) and
/// returns it by name, and a helper the caller awaits (`system = await build(…)`). Near misses stay quiet: the
/// same helpers returning only fixed text. Own text.
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

    func testAnAwaitedHelperReturningMemoriesIsReported() throws {
        let helper = """
            async def build_async(user_text):
                notes = await store.search_memories(user_text)
                return "You are a patient gardening assistant.\\nWhat you remember:\\n" + notes
            """
        let text = module(helper: helper).replacingOccurrences(of: "system = build(user_text)", with: "system = await build_async(user_text)")
            .replacingOccurrences(of: "def reply(", with: "async def reply(")
        XCTAssertEqual(try pl001(text), ["PL001@8"])
    }

    func testAnAwaitedHelperOfFixedTextStaysQuiet() throws {
        let helper = """
            async def build_async(user_text):
                return "You are a patient gardening assistant.\\nAnswer in short paragraphs."
            """
        let text = module(helper: helper).replacingOccurrences(of: "system = build(user_text)", with: "system = await build_async(user_text)")
            .replacingOccurrences(of: "def reply(", with: "async def reply(")
        XCTAssertEqual(try pl001(text), [])
    }
}
