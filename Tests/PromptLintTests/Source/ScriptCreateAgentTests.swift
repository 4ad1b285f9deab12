import XCTest

@testable import PromptLint

/// LangChain JS `createAgent({ model, tools, systemPrompt })` (and LangGraph `createReactAgent({ llm, tools, prompt })`)
/// takes the system prompt when the agent is built; `agent.invoke({ messages: [...history, question] })` then sends
/// it before the conversation. The prompt is often an entry of an object of template functions in another module
/// (`Prompts.executor(plan, user)`), filled here (source-holdout23: clearfeed/quix src/llm/quix-agent.ts line 114 with
/// `QuixPrompts.multiStepBasePrompt` of src/lib/constants.ts). Own text.
final class ScriptCreateAgentTests: XCTestCase {
    private static let rules = String(repeating: "Use the tools in order, never invent tool output and cite which tool gave each fact.\n", count: 5)

    private func agentFile(_ systemPrompt: String, key: String = "systemPrompt", constructor: String = "createAgent") -> String {
        """
        import { \(constructor) } from "langchain";
        export async function answer(model: any, tools: any[], history: any[], question: string) {
          const agent = \(constructor)({
            model,
            tools,
            \(key): \(systemPrompt),
          });
          return agent.invoke({ messages: [...history, { role: "user", content: question }] });
        }
        """
    }

    func testAClockInTheAgentsSystemPromptIsFoundBeforeTheConversation() throws {
        let prompt = "`Now: ${new Date().toISOString()}.\n\(Self.rules)`"
        XCTAssertEqual(try SourceTest.findingLines(agentFile(prompt), path: "agent.ts"), ["PL001@6"])
        XCTAssertEqual(try SourceTest.findingLines(agentFile(prompt, key: "prompt", constructor: "createReactAgent"), path: "agent.ts"),
                       ["PL001@6"])
    }

    func testAStaticAgentSystemPromptStaysSilent() throws {
        XCTAssertEqual(try SourceTest.findingLines(agentFile("`\(Self.rules)`"), path: "agent.ts"), [])
        // Another option key (`description`) is not the system prompt.
        let prompt = "`Now: ${new Date().toISOString()}.\n\(Self.rules)`"
        XCTAssertEqual(try SourceTest.findingLines(agentFile(prompt, key: "description"), path: "agent.ts"), [])
    }

    private static let prompts = """
        export const Prompts = {
          executor: (plan: string, userName: string) => `You are Helper, answering ${userName}.
        Carry out this plan:
        ${plan}
        \(rules)`,
        };
        """

    func testAValueFillingAnImportedTemplateFunctionEntryIsFoundWhereItIsPassed() throws {
        let agent = agentFile("Prompts.executor(new Date().toISOString(), \"Ann\")")
            .replacingOccurrences(of: "import { createAgent } from \"langchain\";", with: "import { createAgent } from \"langchain\";\nimport { Prompts } from \"./prompts\";")
        let found = try SourceTest.folderFindings(["agent.ts": agent, "prompts.ts": Self.prompts])
        XCTAssertEqual(found.filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }, ["agent.ts@7"])
    }

    func testAConstantFillingAnImportedTemplateFunctionEntryStaysSilent() throws {
        let agent = agentFile("Prompts.executor(\"Follow the user's request.\", \"Ann\")")
            .replacingOccurrences(of: "import { createAgent } from \"langchain\";", with: "import { createAgent } from \"langchain\";\nimport { Prompts } from \"./prompts\";")
        let found = try SourceTest.folderFindings(["agent.ts": agent, "prompts.ts": Self.prompts])
        XCTAssertEqual(found.filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }, [])
    }
}
