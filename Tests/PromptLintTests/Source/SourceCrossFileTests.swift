import XCTest

@testable import PromptLint

/// Templates defined in one module and filled in another (`SourceCrossFile`): a `.format(...)` of a
/// template read off a configuration object, a LangChain chat template with a conversation placeholder
/// whose system message holds retrieved context, and a LlamaIndex chat engine's `context_prompt`.
final class SourceCrossFileTests: XCTestCase {
    private func pl001(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }
    }

    // MARK: `.format(...)` of a template this file cannot read

    private func formatGraph(time: String) -> [String: String] {
        [
            "agent/graph.py": """
                from datetime import datetime
                from langchain_core.messages import SystemMessage
                async def call_model(state, runtime):
                    template = runtime.context.settings_text
                    sys = template.format(time=\(time))
                    return await llm.ainvoke([{"role": "system", "content": sys}, *state.messages])
                """,
        ]
    }

    func testFormattingAnUnknownTemplateWithTheClockBeforeTheConversationIsAFindingAtTheValue() throws {
        XCTAssertEqual(try pl001(formatGraph(time: "datetime.now().isoformat()")), ["agent/graph.py@5"])
    }

    func testFormattingAnUnknownTemplateWithAConstantIsClean() throws {
        XCTAssertEqual(try pl001(formatGraph(time: "\"2024-01-01\"")), [])
    }

    // MARK: a prompt attribute read into a local name, defined in another module

    private func contextGraph(time: String) -> [String: String] {
        [
            "agent/prompts.py": "SYSTEM_PROMPT = \"\"\"You are a helpful and friendly chatbot.\n{user_info}\n\nSystem Time: {time}\"\"\"\n",
            "agent/context.py": """
                from dataclasses import dataclass, field
                from agent import prompts

                @dataclass(kw_only=True)
                class Context:
                    system_prompt: str = prompts.SYSTEM_PROMPT
                """,
            "agent/graph.py": """
                from datetime import datetime
                from agent.context import Context

                async def call_model(state, runtime):
                    system_prompt = runtime.context.system_prompt
                    sys = system_prompt.format(user_info="", time=\(time))
                    return await llm.ainvoke([{"role": "system", "content": sys}, *state.messages])
                """,
        ]
    }

    func testPromptAttributeReadIntoANameIsRenderedAndItsClockFoundAtTheFill() throws {
        XCTAssertEqual(try pl001(contextGraph(time: "datetime.now().isoformat()")), ["agent/graph.py@6"])
    }

    func testAPromptConstantFilledWithTheClockElsewhereNamesItsSlot() throws {
        let findings = try SourceTest.folderFindings([
            "app/prompts.py": "PLAN_PROMPT = \"\"\"Current Date: {current_date}\n\(String(repeating: SourceTest.policy + "\\n", count: 12))\"\"\"\n",
            "app/agent.py": """
                import anthropic
                from datetime import datetime
                from app.prompts import PLAN_PROMPT

                def plan():
                    current_date = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
                    prompt = PLAN_PROMPT.format(current_date=current_date)
                    return anthropic.Anthropic().messages.create(model="m", messages=[{"role": "user", "content": prompt}])
                """,
        ]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line)" }, ["app/agent.py@7"])
        XCTAssertEqual(findings.first?.related.first, RelatedLocation(line: 1, column: 32, snippet: "{current_date}", path: "app/prompts.py"))
    }

    func testAPromptConstantFilledInPlaceAsAnArgumentIsRead() throws {
        let findings = try SourceTest.folderFindings([
            "app/prompts.py": "CHAT_PROMPT = \"\"\"Task: {task}\nCurrent Date: {current_date}\n\(String(repeating: SourceTest.policy + "\\n", count: 12))\"\"\"\n",
            "app/main.py": """
                import anthropic
                from datetime import datetime
                from app.prompts import CHAT_PROMPT

                def main(agent):
                    run_agent(agent, CHAT_PROMPT.format(
                        task="review",
                        current_date=datetime.now().isoformat(),
                    ))
                """,
        ]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line)" }, ["app/main.py@8"])
        XCTAssertEqual(findings.first?.related.first?.path, "app/prompts.py")
        XCTAssertEqual(findings.first?.related.first?.line, 2)
    }

    func testPromptAttributeFilledWithAConstantIsClean() throws {
        XCTAssertEqual(try pl001(contextGraph(time: "\"noon\"")), [])
    }

    // MARK: LangChain template with the conversation after retrieved context

    private func langChain(system: String, history: Bool) -> [String: String] {
        let placeholder = history ? "            MessagesPlaceholder(\"chat_history\"),\n" : ""
        return [
            "prompts.py": "qa_prompt_text = (\n    \"You answer questions about our product. \"\n    \"\\n\\n\"\n    \"\(system)\"\n)\n",
            "chains.py": """
                from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
                from prompts import qa_prompt_text

                def create_prompt():
                    return ChatPromptTemplate.from_messages(
                        [
                            ("system", qa_prompt_text),
                \(placeholder)            ("human", "{input}"),
                        ]
                    )
                """,
        ]
    }

    func testRetrievedContextInTheSystemTemplateBeforeTheConversationIsAFindingAtTheSystemMessage() throws {
        XCTAssertEqual(try pl001(langChain(system: "{context}", history: true)), ["chains.py@7"])
    }

    func testRetrievedContextWithoutAConversationAfterItIsClean() throws {
        XCTAssertEqual(try pl001(langChain(system: "{context}", history: false)), [])
    }

    func testANonRetrievalVariableBeforeTheConversationIsNotPromoted() throws {
        XCTAssertEqual(try pl001(langChain(system: "Persona: {persona}", history: true)), [])
    }

    // MARK: LlamaIndex chat engine

    private func chatEngine(argument: String) -> [String: String] {
        [
            "src/constants.py": "CHAT_PROMPT = (\n    \"You answer politely.\"\n    \"Here are the relevant documents:\\n{context_str}\\n\"\n    \"Answer in markdown.\"\n)\n",
            "src/rag.py": """
                from llama_index.core.memory import ChatMemoryBuffer
                from src.constants import CHAT_PROMPT

                def build(index):
                    return index.as_chat_engine(
                        chat_mode="condense_plus_context",
                        memory=ChatMemoryBuffer.from_defaults(token_limit=3000),
                        \(argument)=CHAT_PROMPT,
                    )
                """,
        ]
    }

    func testChatEngineContextPromptIsAFindingAtThePromptArgument() throws {
        XCTAssertEqual(try pl001(chatEngine(argument: "context_prompt")), ["src/rag.py@8"])
    }

    /// Without a `context_prompt` the engine's default context prompt still puts the retrieved nodes in the
    /// system message before the memory (LlamaIndex's `DEFAULT_CONTEXT_PROMPT_TEMPLATE`, labelled a break in
    /// Eval/source-holdout4): reported at the call.
    func testChatEngineWithoutAContextPromptUsesTheDefaultOne() throws {
        XCTAssertEqual(try pl001(chatEngine(argument: "condense_prompt")), ["src/rag.py@5"])
    }
}

/// A function of one module whose output a request in another module sends before the conversation
/// (`SourceCrossFileCalls`): the finding is in the function's module, at the volatile value.
final class SourceCrossFileCallTests: XCTestCase {
    private func pl001(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }
    }

    private func messagesFunction(clock: String, history: String) -> [String: String] {
        [
            "server/utils.ts": """
                import { ChatCompletionRequestMessage } from 'openai';

                const systemMessages: ChatCompletionRequestMessage[] = [
                  { role: 'system', content: 'Answer in markdown. \(SourceTest.policy)' },
                ];

                export function getSystemMessage(): ChatCompletionRequestMessage[] {
                  const currentTime = { role: 'system', content: `The time is ${\(clock)}` };
                  return [currentTime, ...systemMessages];
                }
                """,
            "server/routes.ts": """
                import { OpenAIApi } from 'openai';
                import { getSystemMessage } from './utils';

                export async function callOpenAI(openai: OpenAIApi, messages) {
                  return openai.createChatCompletion({
                    model: 'gpt-3.5-turbo',
                    messages: [...getSystemMessage(), \(history)],
                  }, { responseType: 'stream' });
                }
                """,
        ]
    }

    func testClockInAMessageFunctionSentBeforeTheConversationElsewhereIsAFindingInItsModule() throws {
        // The request's call of the function traces the clock through it too: the same break, so its finding is
        // folded into the function's (one finding per prefix break), which names the call.
        let files = messagesFunction(clock: "new Date().toISOString()", history: "...messages")
        XCTAssertEqual(try pl001(files), ["server/utils.ts@8"])
        let finding = try SourceTest.folderFindings(files).first { $0.ruleID == "PL001" }
        XCTAssertTrue(finding?.related.contains { $0.path == "server/routes.ts" && $0.line == 7 } == true)
    }

    func testConstantInTheMessageFunctionIsClean() throws {
        XCTAssertEqual(try pl001(messagesFunction(clock: "'noon'", history: "...messages")), [])
    }

    func testClockWithoutAConversationAfterTheFunctionIsOnlyTheShortTailNote() throws {
        // Without the conversation, the static text after the clock is counted as usual (one short policy).
        let findings = try SourceTest.folderFindings(messagesFunction(clock: "new Date().toISOString()", history: "{ role: 'user', content: 'hi' }"))
            .filter { $0.ruleID == "PL001" }
        XCTAssertTrue(findings.allSatisfy { $0.severity == .info }, "\(findings)")
    }
}
