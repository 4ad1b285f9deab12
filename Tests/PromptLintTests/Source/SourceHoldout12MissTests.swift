import XCTest

@testable import PromptLint

/// Classes of construct behind misses and a false positive of holdout12 (session 17): a template file
/// rendered through the project's own helper that takes the template's name and the values, a CLI
/// argument kept by a class's constructor and read into a long prompt, and a list appended to after
/// the request that sent it.
final class SourceHoldout12MissTests: XCTestCase {
    private static let rules = SourceTest.longRules.replacingOccurrences(of: "\n", with: "\\n")

    /// A Handlebars template rendered by a helper of another module imported by its path from the
    /// tsconfig `baseUrl` (`render("agent", { … })`), sent as the system prompt before a stored conversation.
    private func helperFolder(date: String) -> [String: String] {
        [
            "bot/prompts/agent.hbs": "You are a sub-agent.\n\nCurrent date: {{date}}\n\n\(SourceTest.notedPolicy)\n",
            "bot/utils/render.ts": """
                import Handlebars from "handlebars";
                import { readFileSync } from "fs";

                export const render = (name: string, data: object) => {
                  const text = readFileSync(`prompts/${name}.hbs`, "utf8");
                  return Handlebars.compile(text)(data);
                };
                """,
            "bot/agents.ts": """
                import { generateText } from "ai";
                import { render } from "utils/render";

                export async function runAgent(history) {
                  const context = await loadContext(history);
                  return generateText({
                    model,
                    system: render("agent", {
                      date: \(date),
                    }),
                    messages: context,
                  });
                }
                """,
        ]
    }

    func testAValueARenderingHelperPassesIsReportedAtTheTemplatesSlot() throws {
        let found = try SourceTest.folderFindings(helperFolder(date: "new Date().toLocaleString()")).filter { $0.ruleID == "PL001" }
        let template = found.filter { $0.path == "bot/prompts/agent.hbs" }
        XCTAssertEqual(template.map(\.line), [3], "\(found.map { "\($0.path):\($0.line)" })")
        XCTAssertTrue(template.first?.message.contains("bot/agents.ts line 8") == true, template.first?.message ?? "")
        // Reported there, with the conversation; not again at the call.
        XCTAssertEqual(found.filter { $0.path == "bot/agents.ts" }.map(\.line), [])
        // A fixed value passed the same way leaves the template clean.
        let fixed = try SourceTest.folderFindings(helperFolder(date: "\"2024-01-01\"")).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(fixed.map { "\($0.path):\($0.line)" }, [])
    }

    func testAPythonHelperThatOpensAndFormatsANamedFileLinksItsTemplate() throws {
        let helper = { (value: String) in
            [
                "prompts/system.md": "Now: {now}\n\n\(SourceTest.longRules)",
                "app.py": """
                    from datetime import datetime


                    def render_prompt(name, values):
                        return open(f"prompts/{name}.md").read().format(**values)


                    def system_prompt():
                        return render_prompt("system", {"now": \(value)})
                    """,
            ]
        }
        let found = try SourceTest.folderFindings(helper("datetime.now().isoformat()")).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map { "\($0.path):\($0.line)" }, ["prompts/system.md:1"])
        XCTAssertTrue(found.first?.message.contains("app.py line 9") == true, found.first?.message ?? "")
        // A fixed value: the name alone still judges `{now}`, but nothing traced is passed.
        let fixed = try SourceTest.folderFindings(helper("\"UTC\"")).filter { $0.ruleID == "PL001" }
        XCTAssertFalse(fixed.contains { $0.message.contains("is passed by") })
    }

    /// A CLI whose class keeps the `--company` argument and opens a long prompt with it.
    private func orchestrator(main: String) -> String {
        """
        import argparse
        from anthropic import Anthropic


        class Orchestrator:
            def __init__(self, company: str):
                self.client = Anthropic()
                self.company = company

            def build_prompt(self) -> str:
                return f\"\"\"You lead the analysis for **{self.company}**.\\n\(Self.rules)\"\"\"

            def run(self):
                return self.client.messages.create(model="m", max_tokens=10, messages=[{"role": "user", "content": self.build_prompt()}])

        \(main)
        """
    }

    func testACommandLineArgumentKeptByAConstructorCountsPerRunInAShortLivedProgram() throws {
        let cli = orchestrator(main: """
            def main():
                parser = argparse.ArgumentParser()
                parser.add_argument("--company", required=True)
                args = parser.parse_args()
                Orchestrator(company=args.company).run()


            if __name__ == "__main__":
                main()
            """)
        XCTAssertEqual(try SourceTest.findingLines(cli), ["PL001@11"])
        // The same class built with a fixed name is clean.
        let fixed = orchestrator(main: """
            def main():
                Orchestrator(company="Acme").run()


            if __name__ == "__main__":
                main()
            """)
        XCTAssertEqual(try SourceTest.findingLines(fixed), [])
    }

    /// A request whose list the function appends the reply to afterwards, for the state it returns; with
    /// `followUp`, the list is sent again after the reply and a new question.
    private func writer(followUp: Bool) -> String {
        let again = followUp ? "\n    messages.append(HumanMessage(content=\"Now shorten it.\"))\n    response = await model.ainvoke(messages)" : ""
        return """
            from langchain_core.messages import SystemMessage, HumanMessage

            SYSTEM = "You write reports."


            async def run_writer(state, model):
                research_data = state.get("research_data", "")
                messages = [SystemMessage(content=SYSTEM), HumanMessage(content=f"Use this data:\\n{research_data}\\nThen write the report.")]
                response = await model.ainvoke(messages)
                messages.append(response)\(again)
                return {"messages": messages}
            """
    }

    func testAReplyAppendedAfterTheOnlySendIsNotConversationSentAfterThePrompt() throws {
        let once = try SourceTest.findings(writer(followUp: false)).filter { $0.hasPrefix("PL001") }
        let twice = try SourceTest.findings(writer(followUp: true)).filter { $0.hasPrefix("PL001") }
        // The data is in the last message of the only request: nothing follows it.
        XCTAssertEqual(once, [])
        // Sent again after the reply and a new turn, the data opens a conversation.
        XCTAssertFalse(twice.isEmpty)
    }
}
