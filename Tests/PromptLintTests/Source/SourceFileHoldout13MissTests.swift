import XCTest

@testable import PromptLint

/// Classes of construct behind misses and false positives of source-holdout13 and holdout14 (session 18): a
/// message list handed to the project's own model facade (`llm_service.generate(messages)`, whose provider is
/// picked at run time); a date formatter of another module that keeps only the day of the clock it is given
/// (`formatDate(new Date())`); the machine's time zone (`resolvedOptions().timeZone`); and `new_messages`,
/// the messages a request brings, read as the request's input rather than a re-sent conversation.
final class SourceFileHoldout13MissTests: XCTestCase {
    private func facadeNode(_ send: String) -> [String: String] {
        let node = """
            from app.llm import llm_service


            async def answer(state, store):
                turns = state["messages"]
                history = await store.load(state["id"])
                from datetime import datetime
                stamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
                system_text = (
                    "\(SourceTest.policy)\\n\\n"
                    f"Current time: {stamp}"
                )
                system_message = {"role": "system", "content": system_text}
                payload = [system_message] + history + turns
                return await \(send)

            """
        let facade = """
            from app.registry import registry


            class Facade:
                async def generate(self, messages, model=None):
                    return await registry.generate(messages, model=model)


            llm_service = Facade()

            """
        return ["app/node.py": node, "app/llm.py": facade]
    }

    func testAMessageListSentThroughAFacadeIsRead() throws {
        let lines = try SourceTest.folderFindings(facadeNode("llm_service.generate(payload)")).map { "\($0.ruleID)@\($0.path):\($0.line)" }
        XCTAssertTrue(lines.contains("PL001@app/node.py:11"), "\(lines)")
    }

    func testAFacadeCallWithoutRoleMessagesIsNotARequest() throws {
        // `generate` given a list of plain texts (a batch of prompts, not a chat) sends no message list.
        let lines = try SourceTest.folderFindings(facadeNode("llm_service.generate([stamp, system_text])"))
        XCTAssertEqual(lines.filter { $0.ruleID == "PL001" }.map(\.line), [])
    }

    private func flightService(_ helper: String) -> [String: String] {
        let service = """
            import OpenAI from "openai";
            import { formatDate } from "../utils/date.utils";

            const openai = new OpenAI();

            export async function plan(messages) {
              const system = {
                role: "system",
                content: "You are a travel planner. " + `Today is ${formatDate(new Date())}. ` + "\(SourceTest.policy)",
              };
              messages.unshift(system);
              return openai.chat.completions.create({ model: "gpt-4o-mini", messages });
            }

            """
        return ["src/services/plan.ts": service, "src/utils/date.utils.ts": helper]
    }

    func testADayFormatterOfAnotherModuleKeepsTheDay() throws {
        let helper = """
            export const formatDate = (date: Date) => {
              const day = String(date.getDate()).padStart(2, "0");
              const month = String(date.getMonth() + 1).padStart(2, "0");
              return `${day}/${month}/${date.getFullYear()}`;
            };

            """
        let findings = try SourceTest.folderFindings(flightService(helper)).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map(\.line), [], "\(findings.map(\.message))")
    }

    func testAFormatterThatKeepsTheTimeStaysPerRequest() throws {
        let helper = """
            export const formatDate = (date: Date) => {
              return `${date.getDate()}/${date.getMonth() + 1} ${date.getHours()}:${date.getMinutes()}`;
            };

            """
        let findings = try SourceTest.folderFindings(flightService(helper)).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map(\.line), [9], "\(findings.map(\.message))")
    }

    private func agentPrompt(_ value: String) -> String {
        """
        import Anthropic from "@anthropic-ai/sdk";

        const client = new Anthropic();

        export async function run(messages) {
          const system = `You are a desktop agent. The time zone is ${\(value)}.
        \(SourceTest.longRules)`;
          return client.messages.create({ model: "claude-sonnet-4-5", system, messages, max_tokens: 1024 });
        }

        """
    }

    func testTheMachinesTimeZoneIsFixedPerDeployment() throws {
        XCTAssertEqual(try SourceTest.findingLines(agentPrompt("Intl.DateTimeFormat().resolvedOptions().timeZone"), path: "agent.ts"), [])
        // The formatted clock in the same place changes on every request.
        XCTAssertEqual(try SourceTest.findingLines(agentPrompt("new Date().toLocaleTimeString()"), path: "agent.ts"), ["PL001@6"])
    }

    func testNewMessagesAreTheRequestsInputNotHistory() {
        let classifier = SlotClassifier()
        XCTAssertEqual(classifier.nameClass(tokens: ["new", "messages"], name: "new_messages")?.kind, .input)
        XCTAssertEqual(classifier.nameClass(tokens: ["recent", "messages"], name: "recent_messages")?.kind, .history)
        XCTAssertEqual(classifier.nameClass(tokens: ["new", "conversation", "messages"], name: "new_conversation_messages")?.kind, .history)
    }
}
