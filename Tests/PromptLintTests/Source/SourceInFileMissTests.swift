import XCTest

@testable import PromptLint

/// Prompts and volatile values inside one file that the readers used to lose: message lists handed to
/// the file's own helpers, prompt functions returning message lists, templates formatted without their
/// text in sight, agents given their system prompt when built, SDK cache markers, script entry points.
final class SourceInFileMissTests: XCTestCase {
    private let policy = SourceTest.policy

    /// Every rule's findings as `RULE@line`.
    private func allFindings(_ text: String, path: String) throws -> [String] {
        try LintTest.linter().lint(text: text, path: path, format: nil).findings.map { "\($0.ruleID)@\($0.line)" }
    }

    func testMessageListBuiltWithAppendsAndSentByAHelper() throws {
        let text = """
            from datetime import datetime
            class Chat:
                async def chat(self, messages):
                    system_prompt = f\"\"\"\(policy)
                    Assume the current time is: {datetime.now()}.
                    Report: {self.report}\"\"\"
                    formatted = []
                    formatted.append({"role": "system", "content": system_prompt})
                    for msg in messages:
                        formatted.append({"role": msg["role"], "content": msg["content"]})
                    return await self.process_chat_completion(formatted)
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@5:37"])
    }

    func testMessageListWithTheDateOnlyInTheLastUserMessageStaysClean() throws {
        let text = """
            from datetime import datetime
            async def write(query, data):
                prompt = [
                    {"role": "system", "content": "You are a research writer. \(policy)"},
                    {"role": "user", "content": f"Today's date is {datetime.now().strftime('%d/%m/%Y')}. Query: {query} \(policy)"},
                ]
                return await call_model(prompt, "gpt-4o")
            """
        XCTAssertEqual(try SourceTest.findings(text), [])
        let appended = """
            from datetime import datetime
            def ask(question):
                messages = []
                messages.append({"role": "system", "content": "\(policy)"})
                messages.append({"role": "user", "content": f"It is {datetime.now()}. \(policy) {question}"})
                return send(messages)
            """
        XCTAssertEqual(try SourceTest.findings(appended), [])
    }

    func testPromptFunctionReturningAMessageListWithAClockFirst() throws {
        let text = """
            import moment from 'moment';
            const systemMessages = [{ role: 'system', content: 'Answer in markdown, with a table when it helps the reader.' }];
            function getSystemMessage() {
              const currentTime = { role: 'system', content: `The time is ${moment().format('YYYY-MM-DD HH:mm:ss')}` };
              return [currentTime, ...systemMessages];
            }
            export { getSystemMessage };
            """
        XCTAssertEqual(try SourceTest.findings(text, path: "utils.ts"), ["PL001@4:63"])
    }

    func testFormattedTemplateOfUnknownTextKeepsItsValuesBeforeTheConversation() throws {
        let text = """
            from datetime import datetime
            async def call_model(state, runtime):
                system_prompt = runtime.context.system_prompt
                sys = system_prompt.format(user_info=formatted, time=datetime.now().isoformat())
                return await llm.ainvoke([{"role": "system", "content": sys}, *state.messages])
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@4:58"])
        // `isoformat`'s arguments choose a separator or a precision, never a date-only form: still the clock.
        for arguments in ["timespec='seconds'", "timespec='hours'", "sep=' '"] {
            let precise = text.replacingOccurrences(of: "isoformat()", with: "isoformat(\(arguments))")
            XCTAssertEqual(try SourceTest.findings(precise), ["PL001@4:58"], arguments)
            let inFolder = try SourceTest.folderFindings(["graph.py": precise]).map { "\($0.ruleID)@\($0.line)" }
            XCTAssertEqual(inFolder, ["PL001@4"], arguments)
        }
        // A per-day value there keeps one prefix for the day: the conversation after it stays cached (the
        // default profile; `strict` reports it as hygiene).
        let perDay = text.replacingOccurrences(of: "datetime.now().isoformat()", with: "datetime.now().strftime('%Y-%m-%d')")
        XCTAssertEqual(try SourceTest.folderFindings(["graph.py": perDay]).map { "\($0.ruleID)@\($0.line)" }, [])
    }

    func testPydanticAgentDecoratedSystemPromptParts() throws {
        let text = """
            from datetime import datetime
            from pydantic_ai import Agent, RunContext
            agent = Agent("openai:gpt-4o", deps_type=str, system_prompt="Use the customer's name.")

            @agent.system_prompt
            def add_the_time() -> str:
                return f"The time is {datetime.now()}. \(policy) \(policy)"
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@7:26"])
    }

    func testPydanticAgentWithTheUserAndDateLastStaysClean() throws {
        let text = """
            from datetime import date
            from pydantic_ai import Agent, RunContext
            agent = Agent("openai:gpt-4o", deps_type=str, system_prompt="\(policy)")

            @agent.system_prompt
            def add_the_users_name(ctx: RunContext[str]) -> str:
                return f"The user's name is {ctx.deps}."

            @agent.system_prompt
            def add_the_date() -> str:
                return f"The date is {date.today()}."
            """
        XCTAssertEqual(try SourceTest.findings(text), [])
        let layout = SourceTest.read(text)
        XCTAssertEqual(layout.messages.filter { $0.role == .system }.count, 3)
    }

    func testAgentInstructionsFunctionOfTheAgentsSDK() throws {
        let text = """
            import uuid
            from agents import Agent
            def dynamic_instructions(ctx, agent):
                return f"Session {uuid.uuid4()}. \(policy) \(policy) \(policy)"
            agent = Agent(name="Support", instructions=dynamic_instructions)
            """
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@4:22"])
    }

    func testVercelProviderOptionsCacheControlInAScript() throws {
        let script = """
            import { anthropic } from '@ai-sdk/anthropic';
            import { generateText } from 'ai';
            import fs from 'node:fs';
            import { run } from '../lib/run';

            const errorMessage = fs.readFileSync('data/error-message.txt', 'utf8');
            const cachedMessage = `The time is ${new Date().toISOString()}. Error message: ${errorMessage}`;

            run(async () => {
              const result = await generateText({
                model: anthropic('claude-haiku-4-5'),
                messages: [{ role: 'user', content: [
                  { type: 'text', text: 'You are a JavaScript expert.' },
                  { type: 'text', text: cachedMessage, providerOptions: { anthropic: { cacheControl: { type: 'ephemeral', ttl: '1h' } } } },
                  { type: 'text', text: 'Explain the error message.' },
                ] }],
              });
            });
            """
        XCTAssertEqual(try allFindings(script, path: "cache.ts").filter { $0.hasPrefix("PL004") }, ["PL004@12"])
        // The same cached block without the clock: the file read is the same text on every run.
        let clean = script.replacingOccurrences(of: "The time is ${new Date().toISOString()}. ", with: "")
        XCTAssertEqual(try allFindings(clean, path: "cache.ts").filter { ["PL001", "PL004"].contains(String($0.prefix(5))) }, [])
        // In a server the clock read at import is the same for every request of the process.
        let server = script.replacingOccurrences(of: "run(async () => {", with: "export async function POST() {")
            .replacingOccurrences(of: "});\n});", with: "});\n}")
        XCTAssertEqual(try allFindings(server, path: "route.ts").filter { $0.hasPrefix("PL004") }, [])
    }

    func testWorkingDirectoryListingInACLIAgentPrompt() throws {
        let text = """
            import os
            def build_system_prompt():
                files = "\\n".join(os.listdir())
                return f"Files in the project:\\n{files}\\n\(policy) \(policy) \(policy) \(policy)"
            if __name__ == "__main__":
                main()
            """
        // Reported where the listing enters the prompt (`{files}`), its origin in the message.
        XCTAssertEqual(try SourceTest.findings(text), ["PL001@4:37"])
        XCTAssertTrue(SourceTest.read(text).slots.contains { $0.provenance?.reason.contains("lists the files of the working directory") == true })
        // A folder shipped next to the code is part of the deployment, not the working directory.
        let packaged = text.replacingOccurrences(of: "os.listdir()", with: "os.listdir(os.path.dirname(__file__))")
        XCTAssertFalse(SourceTest.read(packaged).slots.contains { $0.provenance?.reason.contains("working directory") == true })
    }
}

/// Names that join an acronym and a word (`buildDCOSPrompt`) read as prompt names.
final class SourceAcronymNameTests: XCTestCase {
    func testAcronymBeforeAWordIsItsOwnToken() {
        XCTAssertEqual(NameTokens.split("buildDCOSPrompt"), ["build", "dcos", "prompt"])
        XCTAssertEqual(NameTokens.split("HTMLParser"), ["html", "parser"])
        XCTAssertEqual(NameTokens.split("userIDs"), ["user", "ids"])
        XCTAssertEqual(NameTokens.split("URLs"), ["urls"])
        XCTAssertTrue(SourceReader.isPromptName("buildDCOSPrompt"))
    }
}

/// A parameter object taken apart in the function (`const { userName } = params`) is judged by the
/// names of its parts.
final class SourceDestructuredParameterTests: XCTestCase {
    func testDestructuredUserNameBeforeALongStaticPrompt() throws {
        let text = """
            export function buildAgentPrompt(params: { userName?: string }): string {
                const { userName } = params;
                return `We are the assistant. The person you're helping is ${userName}.
            \(SourceTest.nearThresholdPolicy) \(SourceTest.nearThresholdPolicy)`;
            }
            """
        let slot = try XCTUnwrap(SourceTest.read(text, path: "prompt.ts").slots.first)
        XCTAssertNotEqual(slot.provenance?.volatility, .constant)
        XCTAssertEqual(try SourceTest.findings(text, path: "prompt.ts").map { String($0.prefix(8)) }, ["PL001@3:"])
    }
}

/// Discovery reads source files whose prompt builders are named in camelCase or that import pydantic-ai.
final class SourceSniffNameTests: XCTestCase {
    func testCamelCasePromptBuilderAndPydanticAIImportAreRead() {
        XCTAssertTrue(SourceSniff.buildsPrompts("export function buildDCOSPrompt(params: Params): string {\n"))
        XCTAssertTrue(SourceSniff.buildsPrompts("from pydantic_ai import Agent\n"))
        XCTAssertFalse(SourceSniff.buildsPrompts("export function parseRows(text: string): string[] {\n"))
    }
}
