import XCTest

@testable import PromptLint

/// A value the agent's invocation passes as the run's runtime context (`context={"clock": now}`) is what a
/// `@dynamic_prompt` middleware reads back (`request.runtime.context.get("clock")`): a clock opening the system
/// prompt before the agent's conversation is found. Near misses keep their reading: a constant passed in the
/// context, and a read that no invocation of the module fills. Own text.
final class SourceInvocationContextTests: XCTestCase {
    /// `PL001@line` for each PL001 warning of `text`, read as a folder's `agent.py` (the middleware is linked there).
    private func warnings(_ text: String) throws -> [String] {
        try SourceTest.folderFindings(["agent.py": text]).filter { $0.ruleID == "PL001" && $0.severity == .warning }
            .map { "PL001@\($0.line)" }
    }

    /// An agent whose middleware opens the system prompt (line 11) with `read`, invoked with `context`.
    private func agent(_ read: String, context: String) -> String {
        """
        from datetime import datetime
        from langchain.agents import create_agent
        from langchain.agents.middleware import dynamic_prompt, ModelRequest

        RULES = "Answer kindly and briefly. " * 80


        @dynamic_prompt
        def opening(request: ModelRequest) -> str:
            value = \(read)
            return f"{value}\\n{RULES}"


        agent = create_agent(model="gpt-4o", tools=[], middleware=[opening])


        async def respond(state):
            return await agent.ainvoke({"messages": state["messages"]}, \(context))
        """
    }

    func testAClockPassedInTheContextDictIsFound() throws {
        let lines = try warnings(agent("request.runtime.context.get(\"clock\", \"\")", context: "context={\"clock\": datetime.now().isoformat()}"))
        XCTAssertEqual(lines, ["PL001@11"], "\(lines)")
    }

    func testAClockPassedAsAContextObjectsFieldIsFound() throws {
        let lines = try warnings(agent("request.runtime.context.clock", context: "context=Context(clock=datetime.now().isoformat())"))
        XCTAssertEqual(lines, ["PL001@11"], "\(lines)")
    }

    func testAConstantPassedInTheContextMakesNoWarning() throws {
        XCTAssertEqual(try warnings(agent("request.runtime.context[\"tone\"]", context: "context={\"tone\": \"warm\"}")), [])
    }

    func testAReadNoInvocationFillsMakesNoWarning() throws {
        XCTAssertEqual(try warnings(agent("request.runtime.context.get(\"clock\")", context: "config={\"clock\": datetime.now()}")), [])
    }

    func testKeysReadOffARuntimeContext() {
        func key(_ text: String) -> String? {
            var parser = SourceParser(PythonLexer.tokens(Array(text.utf8)), language: .python)
            return parser.expression().flatMap(SourceAnalysis.runtimeContextKey)
        }
        XCTAssertEqual(key("runtime.context.get(\"clock\")"), "clock")
        XCTAssertEqual(key("request.runtime.context[\"user\"]"), "user")
        XCTAssertEqual(key("runtime.context.summary"), "summary")
        XCTAssertNil(key("request.context.get(\"clock\")"))
        XCTAssertNil(key("runtime.config.get(\"clock\")"))
    }
}
