import XCTest

@testable import PromptLint

/// Content retrieved for the current message that reaches a system prompt before the conversation through a
/// helper the renderer did not follow (holdout36 MG84/Claudio): a Python helper named for a prompt that grows a
/// local (`system += …`) and returns it by name, and a helper the caller awaits (`system = await build(…)`). Near misses stay quiet: the
/// same helpers returning only fixed text, and a helper that returns a local it only reassigns. Own text.
final class RetrievedForMessageHelperTests: XCTestCase {
    /// A module whose `reply` sends what `build_system_prompt` returns as the system message before `history`.
    private func module(helper: String, prelude: String = "") -> String {
        """
        from openai import OpenAI

        client = OpenAI()
        \(prelude)

        \(helper)


        def reply(user_text, history):
            system = build_system_prompt(user_text)
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
            def build_system_prompt(user_text):
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
            def build_system_prompt(user_text):
                system = "You are a patient gardening assistant."
                system += "\\nAnswer in short paragraphs."
                return system
            """
        XCTAssertEqual(try pl001(module(helper: helper)), [])
    }

    /// A helper that fills a placeholder of a configured prompt and returns the local by name (holdout33
    /// AiWaldoh/a-i-d-a, whose repo map changes with the code, not per request): not a grown local, so its text is
    /// not rendered into the caller's prompt (rendered, the strict profile would report the value at the `.replace`
    /// line 10, as the untuned change did on that repository).
    func testAHelperReturningAReassignedLocalIsNotFollowed() throws {
        let text = """
            from openai import OpenAI

            client = OpenAI()
            PROMPTS = {"ast": "You are a coding agent.\\n{repo_map}\\nUse the tools."}


            def build_system_prompt(repo_context):
                base = PROMPTS.get("ast", "You are a coding agent.")
                base = base.replace("{repo_map}", repo_context)
                return base


            def reply(history, repo_context):
                system = build_system_prompt(repo_context)
                return client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": system}, *history])
            """
        XCTAssertEqual(try pl001(text), [])
    }

    func testAnAwaitedHelperReturningMemoriesIsReported() throws {
        let helper = """
            async def build_async(user_text):
                notes = await store.search_memories(user_text)
                return "You are a patient gardening assistant.\\nWhat you remember:\\n" + notes
            """
        let text = module(helper: helper).replacingOccurrences(of: "system = build_system_prompt(user_text)", with: "system = await build_async(user_text)")
            .replacingOccurrences(of: "def reply(", with: "async def reply(")
        XCTAssertEqual(try pl001(text), ["PL001@8"])
    }

    func testAnAwaitedHelperOfFixedTextStaysQuiet() throws {
        let helper = """
            async def build_async(user_text):
                return "You are a patient gardening assistant.\\nAnswer in short paragraphs."
            """
        let text = module(helper: helper).replacingOccurrences(of: "system = build_system_prompt(user_text)", with: "system = await build_async(user_text)")
            .replacingOccurrences(of: "def reply(", with: "async def reply(")
        XCTAssertEqual(try pl001(text), [])
    }
}
