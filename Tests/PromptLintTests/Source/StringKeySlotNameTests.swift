import XCTest

@testable import PromptLint

/// A slot that reads a state's entry by a string key (`state['search_results']`) is judged by the key's name,
/// like the same entry read as a field (`state.search_results`), also when a serializer lays it out
/// (`json.dumps(state['search_results'])`); an index or a key held in a variable ends the name. An entry of a loop
/// over fixtures or of a test function's case keeps the name of what it reads.
final class StringKeySlotNameTests: XCTestCase {
    /// A graph node that writes `expression` into the system prompt, sent before the conversation
    /// (`state["messages"]`) or, with `afterHistory`, in a system message after it.
    private func graphNode(_ expression: String, afterHistory: Bool = false) -> String {
        let system = "SystemMessage(content=SYSTEM_PROMPT + f\"\\n\\nFound:\\n{\(expression)}\")"
        let messages = afterHistory ? "state[\"messages\"] + [\(system)]" : "[\(system)] + state[\"messages\"]"
        return """
        from langchain_core.messages import SystemMessage
        from langchain_openai import ChatOpenAI

        llm = ChatOpenAI(model="gpt-4o")
        SYSTEM_PROMPT = \"\"\"\(SourceTest.policy)\"\"\"


        async def respond(state):
            response = await llm.ainvoke(\(messages))
            return {"messages": [response]}
        """
    }

    func testEntryReadByAKeyNamedForSearchResultsIsPerRequest() throws {
        XCTAssertEqual(try SourceTest.findingLines(graphNode("state['search_results']")), ["PL001@9"])
        XCTAssertEqual(try SourceTest.findingLines(graphNode("state[\"search_results\"]")), ["PL001@9"])
        XCTAssertEqual(try SourceTest.findingLines(graphNode("json.dumps(state['search_results'], indent=2)")), ["PL001@9"])
    }

    /// `RULE@line` for each PL001 finding of `text` under the default profile (as `promptlint check` runs),
    /// where a per-user value before the conversation keeps the user's prefix and is not reported.
    private func defaultProfileFindings(_ text: String) throws -> [String] {
        try LintTest.linter(LintTest.costConfiguration).lint(text: text, path: "app.py", format: nil).findings
            .filter { $0.ruleID == "PL001" }.map { "\($0.ruleID)@\($0.line)" }
    }

    func testEntryReadByAKeyNamedForAGuestSettingStaysQuietByDefault() throws {
        XCTAssertEqual(try defaultProfileFindings(graphNode("state['guest_language']")), [])
        XCTAssertEqual(try defaultProfileFindings(graphNode("json.dumps(state['search_results'])")), ["PL001@9"])
    }

    func testEntryReadByAKeyIsJudgedLikeTheSameField() throws {
        for key in ["search_results", "guest_language"] {
            XCTAssertEqual(
                try SourceTest.findings(graphNode("state['\(key)']")), try SourceTest.findings(graphNode("state.\(key)")),
                key)
        }
    }

    func testEntryReadByAKeyAfterTheConversationStaysQuiet() throws {
        XCTAssertEqual(try SourceTest.findingLines(graphNode("state['search_results']", afterHistory: true)), [])
    }

    func testSlotVariableReadsStringKeysOnly() {
        XCTAssertEqual(SourceAnalysis.slotVariable("state['results']"), "state.results")
        XCTAssertEqual(SourceAnalysis.slotVariable("state[\"a\"][\"b\"][0]"), "state.a.b")
        XCTAssertEqual(SourceAnalysis.slotVariable("items[0]"), "items")
        XCTAssertEqual(SourceAnalysis.slotVariable("state[key]"), "state")
        XCTAssertEqual(SourceAnalysis.slotVariable("state['a b']"), "state")
        XCTAssertEqual(SourceAnalysis.slotVariable("json.dumps(state['results'], indent=2)"), "state.results")
        XCTAssertEqual(SourceAnalysis.slotVariable("json.dumps(TOOLS)"), "json.dumps")
        XCTAssertEqual(SourceAnalysis.slotVariable("str(state['results'])"), "str")
        XCTAssertEqual(SourceAnalysis.slotVariable("['x']"), "")
    }

    /// A script that sends each fixture of a table, its entry written into the system prompt before the
    /// conversation, from a loop (`for fixture in CASES:`) or from a test function given the case.
    private func fixtureRun(_ key: String, inTestFunction: Bool) -> String {
        let body = """
            response = llm.invoke([SystemMessage(content=SYSTEM_PROMPT + f"\\n\\nFound:\\n{fixture['\(key)']}")] + history)
        """
        let run = inTestFunction
            ? "def test_respond(fixture, history):\n\(body)\n    return response"
            : "def respond_all(history):\n    for fixture in CASES:\n    \(body)"
        return """
        from langchain_core.messages import SystemMessage
        from langchain_openai import ChatOpenAI

        llm = ChatOpenAI(model="gpt-4o")
        SYSTEM_PROMPT = \"\"\"\(SourceTest.policy)\"\"\"
        CASES = [{"search_results": "a", "text": "b"}]


        \(run)
        """
    }

    func testEntryOfALoopOverFixturesKeepsItsName() throws {
        XCTAssertEqual(try SourceTest.findingLines(fixtureRun("search_results", inTestFunction: false)), [])
        XCTAssertEqual(try SourceTest.findingLines(fixtureRun("text", inTestFunction: false)), [])
    }

    func testEntryOfATestFunctionsCaseKeepsItsName() throws {
        XCTAssertEqual(try SourceTest.findingLines(fixtureRun("search_results", inTestFunction: true)), [])
    }

    func testEntryOfAHandlersParameterIsNamedByItsKey() throws {
        // The same shape as the test function's, in a handler: the key names the entry.
        let handler = fixtureRun("search_results", inTestFunction: true).replacingOccurrences(of: "test_respond", with: "respond")
        XCTAssertEqual(try SourceTest.findingLines(handler), ["PL001@10"])
    }
}
