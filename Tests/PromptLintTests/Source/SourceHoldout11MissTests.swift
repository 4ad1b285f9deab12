import XCTest

@testable import PromptLint

/// Classes of construct behind misses and false positives of source-holdout11 (session 17): a prompt
/// builder of one module whose text another module's builder opens with, sent by a third module before
/// turns loaded by a helper named for the history; a graph node method that no graph of the folder registers;
/// a LangChain `@dynamic_prompt` middleware returning another module's prompt text.
final class SourceHoldout11MissTests: XCTestCase {
    /// A bot split over three modules: `base.py` opens its text with `clock`, `prompts.py` appends a long
    /// schema, and `bot.py` sends it before the turns `messages` gives.
    private func threeModuleBot(clock: String, messages: String) -> [String: String] {
        [
            "bot/base.py": """
                from datetime import datetime


                def opening_prompt() -> str:
                    mood = "calm"
                    return f\"\"\"\(clock)

                You are Sage, a {mood} study coach.\"\"\"
                """,
            "bot/prompts.py": """
                from bot.base import opening_prompt
                from bot.store import recent_turns

                SCHEMA = \"\"\"
                \(SourceTest.longRules)\"\"\"


                def full_prompt() -> str:
                    return opening_prompt() + SCHEMA


                def \(messages)(text: str) -> list[dict]:
                    return recent_turns(10) + [{"role": "user", "content": text}]
                """,
            "bot/bot.py": """
                import anthropic
                from bot.prompts import full_prompt, \(messages)

                client = anthropic.Anthropic()


                def reply(text: str) -> str:
                    system_prompt = full_prompt()
                    messages = \(messages)(text)
                    response = client.messages.create(model="m", max_tokens=500, system=system_prompt, messages=messages)
                    return response.content[0].text
                """,
        ]
    }

    /// Paths and lines of the PL001 warnings of a folder.
    private func warnings(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" && $0.severity == .warning }
            .map { "\($0.path)@\($0.line)" }.sorted()
    }

    func testAClockOpeningABuilderThatAnotherBuilderExtendsIsReportedWhereItIsWritten() throws {
        let clock = "Now: {datetime.now().strftime('%H:%M')}"
        let found = try warnings(threeModuleBot(clock: clock, messages: "messages_with_history"))
        XCTAssertTrue(found.contains("bot/base.py@6"), "\(found)")
        // A fixed opening line breaks nothing in any of the three files.
        XCTAssertEqual(try warnings(threeModuleBot(clock: "Welcome.", messages: "messages_with_history")), [])
    }

    func testOnlyAHelperNamedForTheHistoryCountsAsTheConversation() throws {
        // The same request with its messages from a helper not named for the conversation: no link to the builder.
        let clock = "Now: {datetime.now().strftime('%H:%M')}"
        let found = try warnings(threeModuleBot(clock: clock, messages: "question_message"))
        XCTAssertFalse(found.contains("bot/base.py@6"), "\(found)")
    }

    /// A folder whose graph registers `reply_node`; `agent.py` also defines `draft_node`, with the clock
    /// before the state's conversation. `wire` adds `draft_node` to the graph too.
    private func graphFolder(wire: Bool) -> [String: String] {
        [
            "app/agent.py": """
                from datetime import datetime

                from openai import OpenAI

                client = OpenAI()


                class Agent:
                    def reply_node(self, state):
                        messages = [{"role": "system", "content": "\(SourceTest.policy)"}] + state["messages"]
                        return {"messages": [client.chat.completions.create(model="m", messages=messages)]}

                    def draft_node(self, state):
                        messages = [{"role": "system", "content": f"Now: {datetime.now().isoformat()}. \(SourceTest.policy)"}]
                        for m in state["messages"][-20:]:
                            messages.append({"role": m.type, "content": m.content})
                        return {"messages": [client.chat.completions.create(model="m", messages=messages)]}
                """,
            "app/graph.py": """
                from langgraph.graph import StateGraph, MessagesState

                from app.agent import Agent


                def build():
                    agent = Agent()
                    graph = StateGraph(MessagesState)
                    graph.add_node("reply", agent.reply_node)\(wire ? "\n    graph.add_node(\"draft\", agent.draft_node)" : "")
                    return graph.compile()
                """,
        ]
    }

    func testAGraphNodeNoGraphRegistersSendsNothing() throws {
        XCTAssertEqual(try warnings(graphFolder(wire: false)), [])
        // Registered, the same node sends the clock before the conversation on every turn.
        XCTAssertEqual(try warnings(graphFolder(wire: true)), ["app/agent.py@14"])
    }

    /// `prompts.py` formats a long template with `stamp`; `middleware.py` returns it from a `@dynamic_prompt`
    /// function that `create_agent` runs on every model call.
    private func dynamicPromptFolder(stamp: String) -> [String: String] {
        [
            "app/prompts.py": """
                from datetime import datetime

                TEMPLATE = \"\"\"\(SourceTest.policy)
                Now: {now}
                Memories: {memories}\"\"\"


                def render_prompt(memories: str) -> str:
                    return TEMPLATE.format(memories=memories, now=\(stamp))
                """,
            "app/middleware.py": """
                from langchain.agents import create_agent
                from langchain.agents.middleware import ModelRequest, dynamic_prompt

                from app.prompts import render_prompt


                @dynamic_prompt
                def memory_prompt(request: ModelRequest) -> str:
                    return render_prompt(memories=request.runtime.context.memories)


                agent = create_agent("openai:gpt-4o", tools=[], middleware=[memory_prompt])
                """,
        ]
    }

    func testADynamicPromptMiddlewareSendsItsTextBeforeTheAgentsConversation() throws {
        XCTAssertEqual(try warnings(dynamicPromptFolder(stamp: "datetime.now().isoformat()")), ["app/prompts.py@4"])
        // The same middleware with a fixed value: nothing changes between model calls.
        XCTAssertEqual(try warnings(dynamicPromptFolder(stamp: "\"the launch\"")), [])
    }

    func testADynamicPromptFormattingATemplateFileIsReadWhereItIsFilled() throws {
        func folder(_ stamp: String) -> [String: String] {
            var files = dynamicPromptFolder(stamp: stamp)
            files["app/prompts.py"] = """
                from datetime import datetime


                def render_prompt(memories: str) -> str:
                    with open("system.md", encoding="utf-8") as f:
                        return f.read().format(now=\(stamp), memories=memories)
                """
            return files
        }
        XCTAssertEqual(try warnings(folder("datetime.now().isoformat()")), ["app/prompts.py@6"])
        XCTAssertEqual(try warnings(folder("\"the launch\"")), [])
    }
}
