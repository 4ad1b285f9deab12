import XCTest

@testable import PromptLint

/// Classes of construct behind misses and false positives of source-holdout8 (session 14): a prompt
/// function that returns a local name bound to its message list, an `llm`-library conversation whose
/// `prompt(…, system=…)` resends the conversation after the system prompt, and a helper called inside the
/// brackets of a module-level statement (run once, at import).
final class SourceHoldout8MissTests: XCTestCase {
    /// A module whose function returns the system message joined with the caller's messages through a local name.
    private func messagesModule(_ clock: String) -> String {
        """
        from datetime import datetime

        def build_instructions(history, notes=""):
            header = (
                f"Reply in English, in short sentences, to the customer.\\n"
                f"Current time: {\(clock)}\\n"
            )
            system = {"role": "system", "content": header + notes}
            full = [system] + history
            return full
        """
    }

    func testAReturnedLocalMessageListIsRead() throws {
        let clock = "datetime.now().strftime('%H:%M:%S')"
        XCTAssertEqual(try SourceTest.findingLines(messagesModule(clock), path: "prompts.py"), ["PL001@6"])
        // A constant in the same place breaks nothing.
        XCTAssertEqual(try SourceTest.findingLines(messagesModule("'UTC'"), path: "prompts.py"), [])
    }

    func testAReturnedListAppendedUnderItsNameIsReadOnce() throws {
        let text = """
            from datetime import datetime

            def build_messages(history):
                full = [{"role": "system", "content": f"Reply in English, in short sentences, to the customer. Current time: {datetime.now().isoformat()}"}]
                full.extend(history)
                full.append({"role": "user", "content": "go on"})
                return full
            """
        XCTAssertEqual(try SourceTest.findingLines(text, path: "prompts.py").count, 1)
    }

    /// An agent on the `llm` library: the system prompt rendered per call, then `conversation.prompt`.
    private func llmAgent(_ value: String) -> String {
        """
        import llm
        from datetime import datetime

        def render(template):
            stamp = \(value)
            return template.replace("{{ now }}", stamp)

        class Bot:
            def __init__(self):
                self.model = llm.get_async_model("claude-haiku")
                self.conversation = self.model.conversation(tools=[])
                self.template = "Hello. It is {{ now }}. Be brief."

            async def reply(self, text):
                system = render(self.template)
                response = self.conversation.prompt(text, system=system)
                return await response.text()
        """
    }

    func testAnLlmConversationPromptSendsTheConversationAfterItsSystemPrompt() throws {
        XCTAssertEqual(try SourceTest.findingLines(llmAgent("datetime.now().strftime('%H:%M:%S')")), ["PL001@6"])
        XCTAssertEqual(try SourceTest.findingLines(llmAgent("\"noon\"")), [])
        // A single prompt on the model (no conversation) is not read as one.
        let single = llmAgent("datetime.now().strftime('%H:%M:%S')")
            .replacingOccurrences(of: "self.conversation.prompt(", with: "self.model.prompt(")
        XCTAssertEqual(try SourceTest.findingLines(single), [])
    }

    /// A script module whose agent is built at module level, its instructions from a helper that reads the clock.
    private func agentModule(_ call: String) -> String {
        """
        import { Agent } from "@mastra/core/agent";

        const template = `TODAY: __DATE__
        \(SourceTest.nearThresholdPolicy)
        \(SourceTest.nearThresholdPolicy)`;

        const getInstructions = () => {
          const now = new Date();
          const today = `${now.getDate()} ${now.getMonth()} ${now.getFullYear()}`;
          return template.replace("__DATE__", today);
        };

        \(call)
        """
    }

    func testAHelperCalledInsideAModuleLevelStatementRunsAtImport() throws {
        let atImport = """
            export const agent = new Agent({
              name: "helper",
              instructions: {
                role: "system",
                content: getInstructions(),
              },
              model: "anthropic/claude-sonnet-4",
            });
            """
        XCTAssertEqual(try SourceTest.findingLines(agentModule(atImport), path: "agent.ts"), [])
        // Called from a request handler's body, it runs per request.
        let perRequest = """
            export function handler(req) {
              return new Agent({
                name: "helper",
                instructions: getInstructions(),
                model: "anthropic/claude-sonnet-4",
              });
            }
            """
        XCTAssertEqual(try SourceTest.findingLines(agentModule(perRequest), path: "agent.ts"), ["PL001@3"])
        // Inside an arrow function's body in a module-level statement, it runs when the arrow is called.
        let arrow = """
            export const makeAgent = () => ({
              name: "helper",
              instructions: getInstructions(),
            });
            """
        XCTAssertEqual(try SourceTest.findingLines(agentModule(arrow), path: "agent.ts"), ["PL001@3"])
    }

    func testModuleLevelBracketsAreFoundByTokens() throws {
        let text = """
            const a = build({
              inner: [
                helper(),
              ],
            });
            function f() {
              helper();
            }
            app.get("/", (req, res) => {
              helper();
            });
            export const make = () => ({
              a: helper(),
            });
            """
        let analysis = SourceAnalysis(SourceText(text), language: .script)
        let offsets = SourceAnalysis.callOffsets(in: analysis.module)["helper"] ?? []
        XCTAssertEqual(offsets.count, 4)
        XCTAssertEqual(offsets.map(analysis.callRunsAtImport), [true, false, false, false])
    }

    /// A server module whose prompt opens with a name computed at the top level from the environment.
    private func namedBot(_ extra: String) -> String {
        """
        import os
        from flask import Flask, request
        from openai import OpenAI

        app = Flask(__name__)
        client = OpenAI()
        USER_NAME = os.environ.get("USER_NAME", "ada").title()
        \(extra)

        @app.route("/chat", methods=["POST"])
        def chat():
            history = request.json["messages"]
            system = f"Your name is {USER_NAME}. " + \(String(reflecting: SourceTest.nearThresholdPolicy + SourceTest.nearThresholdPolicy))
            reply = client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "system", "content": system}, *history])
            return reply.choices[0].message.content
        """
    }

    func testAModuleLevelValueIsTheSameForEveryRequestOfAServer() throws {
        XCTAssertEqual(try SourceTest.findingLines(namedBot("")), [])
        // A function that reassigns it makes it state the requests change: judged by its name again.
        let reassigned = namedBot("""
            @app.route("/rename", methods=["POST"])
            def rename():
                global USER_NAME
                USER_NAME = request.json["name"]
            """)
        XCTAssertEqual(try SourceTest.findingLines(reassigned).count, 1)
    }
}
