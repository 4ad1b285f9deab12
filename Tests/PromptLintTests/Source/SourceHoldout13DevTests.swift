import XCTest

@testable import PromptLint

/// Classes of construct behind source-holdout13's development cases (session 19): sample dates and ids in a
/// prompt's worked examples (`## Example 3: …` then `Current Date: 2026-02-18`, `{"id": "a1b2…"}`), written
/// once and never filled per request; and a system text chosen by an if/else assignment whose first branch adds
/// the records retrieved for this query before the stored conversation; and a project's Gemini model factory
/// given that text (`make_model(name, system_instruction=…)`) before `start_chat(history=…)`.
final class SourceHoldout13DevTests: XCTestCase {
    /// A rendered plain-text prompt, which PL002 reads (it is quiet in source code).
    private func examplePrompt(_ heading: String) -> String {
        """
            Extract facts from the messages.

            \(heading)
            Known facts: [{"id": "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b", "text": "User owns a bike"}]
            Current Date: 2026-02-18
            Output: one JSON list.

            \(SourceTest.longRules)
            """
    }

    func testLiteralsUnderAnExampleHeadingAreSampleData() throws {
        XCTAssertEqual(try LintTest.volatileLiterals(examplePrompt("## Example 4: Vague dates")), [])
        XCTAssertEqual(try LintTest.volatileLiterals(examplePrompt("<example>").replacingOccurrences(
            of: "Output: one JSON list.", with: "Output: one JSON list.\n</example>")), [])
    }

    func testLiteralsUnderAnotherHeadingStayFindings() throws {
        XCTAssertFalse(try LintTest.volatileLiterals(examplePrompt("## Context")).isEmpty)
    }

    private func ragRoute(_ ifBranch: String, _ elseBranch: String) -> String {
        """
        from openai import OpenAI

        client = OpenAI()
        BASE = \"\"\"\(SourceTest.longRules)Records:\"\"\"


        def answer(store, query, use_rag, stored):
            if use_rag == "true":
                records = [d.page_content for d in store.similarity_search(query, k=4)]
                system = \(ifBranch)
            else:
                system = \(elseBranch)
            messages = [{"role": "system", "content": system}]
            for turn in stored:
                messages.append({"role": turn["role"], "content": turn["text"]})
            messages.append({"role": "user", "content": query})
            return client.chat.completions.create(model="gpt-4o", messages=messages)
        """
    }

    func testAnIfBranchAddingRecordsBeforeTheConversationIsRead() throws {
        let lines = try SourceTest.findingLines(ragRoute("BASE + \"\\n\".join(records) + \" Be brief.\"", "BASE + \" Be brief.\""))
        XCTAssertTrue(lines.contains("PL001@30"), "\(lines)")
    }

    func testStaticAlternativesInBothBranchesStayClean() throws {
        let lines = try SourceTest.findingLines(ragRoute("BASE + \" Be thorough.\"", "BASE + \" Be brief.\""))
        XCTAssertFalse(lines.contains { $0.hasPrefix("PL001@") }, "\(lines)")
    }

    private func geminiChat(_ instruction: String) -> [String: String] {
        let factory = """
            import google.generativeai as genai


            def make_model(name, system_instruction=""):
                return genai.GenerativeModel(name, system_instruction=system_instruction)
            """
        let app = """
            from datetime import datetime

            from factory import make_model

            SYSTEM_PROMPT = \"\"\"\(SourceTest.longRules)\"\"\"


            def answer(query, stored):
                system = \(instruction)
                model = make_model("gemini-2.0-flash", system_instruction=system)
                chat = model.start_chat(history=stored)
                return chat.send_message(query).text
            """
        return ["factory.py": factory, "app.py": app]
    }

    func testAModelFactoryGivenAVolatileInstructionBeforeAChatSession() throws {
        let found = try SourceTest.folderFindings(geminiChat("f\"Now: {datetime.now().isoformat()}\\n\" + SYSTEM_PROMPT"))
        XCTAssertEqual(found.filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }, ["app.py@29"])
        let constant = try SourceTest.folderFindings(geminiChat("SYSTEM_PROMPT"))
        XCTAssertEqual(constant.filter { $0.ruleID == "PL001" }.map(\.path), [])
    }
}
