import XCTest

@testable import PromptLint

/// Classes of construct behind misses and false positives of source-holdout9 and source-holdout10 (session 16):
/// a clock read at import inside a module-level statement written over several lines, a LangChain partial
/// variable given a function rather than a value, and a JavaScript agent (`new Agent({ instructions, memory })`)
/// whose instructions are a function the framework calls on every run.
final class SourceHoldout10MissTwoTests: XCTestCase {
    private static let rules = SourceTest.longRules.replacingOccurrences(of: "\n", with: "\\n")

    func testAClockReadInAMultiLineModuleStatementIsReadOnceAtImport() throws {
        let atImport = """
            from datetime import datetime
            from langchain_core.messages import SystemMessage
            from langchain_openai import ChatOpenAI

            llm = ChatOpenAI(model="gpt-4o-mini")
            system_message = SystemMessage(
                content=f"Started at {datetime.now().isoformat()}.\\n\(Self.rules)"
            )


            def reply(history):
                return llm.invoke([system_message] + history)
            """
        XCTAssertEqual(try SourceTest.findingLines(atImport), [])
        // The same brackets in the body of a module-level loop run on every turn.
        let inLoop = """
            from datetime import datetime
            from openai import OpenAI

            client = OpenAI()
            history = []
            while True:
                history.append({"role": "user", "content": input("> ")})
                reply = client.chat.completions.create(
                    model="gpt-4o-mini",
                    messages=[{"role": "system", "content": f"Now: {datetime.now().isoformat()}.\\n\(Self.rules)"}] + history,
                )
                history.append({"role": "assistant", "content": reply.choices[0].message.content})
            """
        XCTAssertEqual(try SourceTest.findingLines(inLoop), ["PL001@10"])
    }

    private func partialPrompt(_ value: String) -> String {
        """
        from datetime import datetime
        from langchain_core.prompts import ChatPromptTemplate

        SHOP_NAME = "Acme"


        def current_time():
            return datetime.now().isoformat()


        support_prompt = ChatPromptTemplate.from_messages(
            [
                ("system", "The time now is {now}.\\n\(SourceTest.longRules.replacingOccurrences(of: "\n", with: "\\n"))"),
                ("placeholder", "{messages}"),
            ]
        ).partial(now=\(value))
        """
    }

    func testAPartialGivenAClockFunctionIsCalledOnEveryFormat() throws {
        XCTAssertEqual(try SourceTest.findingLines(partialPrompt("datetime.now")), ["PL001@13"])
        // A function of the same file is called the same way.
        XCTAssertEqual(try SourceTest.findingLines(partialPrompt("current_time")), ["PL001@13"])
        // A constant (a name that is no function) is still a constant.
        XCTAssertEqual(try SourceTest.findingLines(partialPrompt("SHOP_NAME")), [])
    }

    private func mastraAgent(_ body: String, tail: String, memory: Bool = false) -> String {
        """
        import { Agent } from '@mastra/core/agent';
        import { Memory } from '@mastra/memory';
        import { openai } from '@ai-sdk/openai';

        export const helper = new Agent({
          name: 'helper',
          instructions: () => {
            \(body)
            return `You help with calendars.
              Current date: ${stamp}
              \(tail)`;
          },
          model: openai('gpt-4o'),\(memory ? "\n  memory: new Memory()," : "")
        });
        """
    }

    /// Lines of the PL001 warnings of `text` read as `agent.ts` under the default profile (not the tests' strict one).
    private func warningLines(_ text: String) throws -> [Int] {
        try LintTest.linter(Configuration(baseDirectory: "/")).lint(text: text, path: "agent.ts", format: nil).findings
            .filter { $0.ruleID == "PL001" && $0.severity == .warning }.map(\.line)
    }

    func testAnAgentsInstructionsFunctionIsReadForItsReturnedText() throws {
        let rules = SourceTest.longRules.replacingOccurrences(of: "\n", with: " ")
        XCTAssertEqual(try warningLines(mastraAgent("const stamp = new Date().toISOString();", tail: rules)), [10])
        // A fixed value in the same place breaks nothing.
        XCTAssertEqual(try SourceTest.findingLines(mastraAgent("const stamp = 'the first of May';", tail: rules), path: "agent.ts"), [])
    }

    func testAnAgentsMemoryIsTheConversationAfterItsInstructions() throws {
        let clock = "const stamp = new Date().toISOString();"
        XCTAssertEqual(try warningLines(mastraAgent(clock, tail: SourceTest.policy, memory: true)), [10])
        // Without a memory, a short tail after the clock is no warning.
        XCTAssertEqual(try warningLines(mastraAgent(clock, tail: SourceTest.policy)), [])
    }

    private func threadedRequest(system: String, user: String) -> String {
        """
        import asyncio
        from datetime import datetime

        import anthropic

        client = anthropic.Anthropic()


        async def answer(history, question):
            now = datetime.now().isoformat()
            return await asyncio.to_thread(
                client.messages.create,
                model="claude-sonnet-4-5",
                max_tokens=1024,
                system=\(system),
                messages=history + [{"role": "user", "content": \(user)}],
            )
        """
    }

    func testARequestRunInAWorkerThreadIsRead() throws {
        let rules = Self.rules
        XCTAssertEqual(try SourceTest.findingLines(threadedRequest(system: "f\"Now: {now}.\\n\(rules)\"", user: "question")),
                       ["PL001@15"])
        // The clock only in the last user message breaks nothing.
        XCTAssertEqual(try SourceTest.findingLines(threadedRequest(system: "\"\(rules)\"", user: "f\"{now}: {question}\"")), [])
    }

    private func importedTemplate(_ now: String) throws -> [String] {
        try SourceTest.folderFindings([
            "chains/prompt.py": """
                from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder

                ANSWER_PROMPT = ChatPromptTemplate.from_messages(
                    [
                        ("system", "Current time: {now}.\\n\(Self.rules)"),
                        MessagesPlaceholder(variable_name="history"),
                        ("human", "{question}"),
                    ]
                )
                """,
            "services/answer.py": """
                from datetime import datetime

                from langchain_core.messages import BaseMessage

                from chains.prompt import ANSWER_PROMPT


                def build_messages(history, question) -> list[BaseMessage]:
                    stamp = datetime.now().isoformat()
                    return ANSWER_PROMPT.format_messages(
                        now=\(now),
                        history=history,
                        question=question,
                    )
                """,
        ]).filter { $0.ruleID == "PL001" && $0.path == "services/answer.py" }.map { "\($0.severity)@\($0.line)" }
    }

    func testATemplateOfAnotherModuleIsReadWhereItIsFilled() throws {
        XCTAssertEqual(try importedTemplate("stamp"), ["warning@11"])
        // A literal passed for the variable is text: nothing to report where it is filled.
        XCTAssertEqual(try importedTemplate("\"the launch day\""), [])
    }
}
