import Foundation
import XCTest

@testable import PromptLint

/// Whole-repository causes found on Eval/holdout17 (cases written here): single braces in prompt files that a
/// double-brace loader fills (a parts subfolder, same-named files of sibling folders), ALL-CAPS place settings,
/// a `.format` value named as the application's setting, literal dates in committed Markdown prompts, and the
/// line of another module where a traced value enters the prompt.
final class Holdout17WholeTests: XCTestCase {
    private let rules = SourceTest.longRules

    private func pl001(_ files: [String: String]) throws -> [Finding] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }
    }

    // MARK: folder dialect

    func testAPartInASubfolderOfADoubleBracePromptFolderKeepsItsBracesAsText() throws {
        let files = [
            "prompts/system.md": "# Coach\n\n\(rules)\n{{CONTEXT}}\n",
            "prompts/parts/logging.md": "# Logging\n\nCommit with the message \"Start: {exercise}\".\n\n\(rules)\n",
        ]
        XCTAssertEqual(try pl001(files).filter { $0.path.hasPrefix("prompts/parts/") }.map(\.line), [])
    }

    func testAPartBesideASingleBracePromptFolderStillHasSlots() throws {
        let files = [
            "prompts/system.md": "# Coach\n\nHello {user_name}.\n\n\(rules)\n",
            "prompts/parts/logging.md": "# Logging\n\nCommit with the message \"Start: {exercise}\".\n\n\(rules)\n",
        ]
        XCTAssertEqual(try pl001(files).filter { $0.path.hasPrefix("prompts/parts/") }.map(\.line), [3])
    }

    func testAFolderBelowARepositorysTopDoesNotTakeTheTopPromptsDialect() throws {
        let files = [
            ".git/HEAD": "ref: refs/heads/main\n",
            "system.md": "# Coach\n\n\(rules)\n{{CONTEXT}}\n",
            "prompts/helper.md": "# Helper\n\nGreet {user_name} by name.\n\n\(rules)\n",
        ]
        XCTAssertEqual(try pl001(files).filter { $0.path == "prompts/helper.md" }.map(\.line), [3])
    }

    func testSameNamedPromptsOfSiblingFoldersShareTheDoubleBraceDialect() throws {
        let files = [
            "examples/dashboard/prompt.md": "# Dashboard\n\nThe data lives in {{APP_DIR}}/data.\n\n\(rules)\n",
            "examples/chat/prompt.md": "# Chat\n\nSend `Set-Cookie: sid={session_id}` and keep `chat_${session_id}` in storage.\n\n\(rules)\n",
            "examples/todo/prompt.md": "# Todo\n\nOpen {{APP_DIR}}/todo.db.\n\n- `PUT /tasks/{id}`: toggle a task.\n\n\(rules)\n",
        ]
        XCTAssertEqual(try pl001(files).map { "\($0.path)@\($0.line)" }, [])
    }

    func testADifferentlyNamedFileOfASiblingFolderKeepsItsOwnDialect() {
        let folders = FolderDialect.doubleBraceFolders([(path: "/r/examples/dashboard/prompt.md", text: "Open {{APP_DIR}}.\n")])
        let literal = Data("Send sid={session_id}.\n".utf8)
        XCTAssertEqual(FolderDialect.literalFormat(path: "/r/examples/chat/prompt.md", data: literal, folders: folders), .jinja)
        XCTAssertEqual(FolderDialect.literalFormat(path: "/r/examples/chat/system.md", data: literal, folders: folders), nil)
        let dollar = Data("Keep chat_${session_id} and sid={session_id}.\n".utf8)
        XCTAssertEqual(FolderDialect.literalFormat(path: "/r/examples/chat/prompt.md", data: dollar, folders: folders), .mustache)
    }

    // MARK: names

    func testCapitalisedPlaceNamesAreSettingsButCapitalisedRequestDataIsNot() {
        let classifier = SlotClassifier()
        for name in ["WEB_APP_DIR", "DOCS_PATH", "SEARCH_API_URL"] {
            let slot = TemplateSlot(expression: name, variable: name, source: "{{\(name)}}", position: .start)
            XCTAssertEqual(classifier.classify(slot).volatility, .constant, name)
        }
        for name in ["SEARCH_RESULTS", "USER_QUERY", "web_app_dir_contents", "CHAT_HISTORY"] {
            let slot = TemplateSlot(expression: name, variable: name, source: "{{\(name)}}", position: .start)
            XCTAssertNotEqual(classifier.classify(slot).volatility, .constant, name)
        }
    }

    private func formatted(_ value: String) -> [String: String] {
        [
            "app/constants.py": "BASE = \"\"\"You are {name}.\n\(rules)\"\"\"\n",
            "app/loop.py": """
                import anthropic
                from app.constants import BASE

                client = anthropic.Anthropic()

                class Loop:
                    def _get_agent_name(self):
                        return self.graph.lookup("agent")

                    def _get_user_name(self):
                        return self.graph.lookup("user")

                    def reply(self, history):
                        agent_name = self._get_agent_name()
                        user_name = self._get_user_name()
                        system = BASE.format(name=\(value))
                        return client.messages.create(model="m", max_tokens=100, system=system, messages=history)
                """,
        ]
    }

    func testAFieldFilledWithTheAgentsNameIsASetting() throws {
        XCTAssertEqual(try pl001(formatted("agent_name")).map(\.line), [])
    }

    func testAFieldFilledWithTheUsersNameStaysPerUser() throws {
        let findings = try pl001(formatted("user_name"))
        XCTAssertEqual(findings.count, 1, "\(findings.map(\.message))")
        XCTAssertTrue(findings.first?.message.contains("per-user") == true, "\(findings.map(\.message))")
    }

    // MARK: PL002

    func testADateWrittenInAMarkdownPromptWithoutPlaceholdersIsNotVolatile() throws {
        let text = "You are a helpful assistant.\nCurrent date: 2023-12-04\n\n" + rules
        XCTAssertFalse(try LintTest.ruleIDs(text, format: .markdown).contains("PL002"))
        // A template with a slot is quiet too: its literal is the same on every request, the slot is PL001's.
        XCTAssertFalse(try LintTest.ruleIDs(text + "\n{{ question }}\n", format: .markdown).contains("PL002"))
        XCTAssertTrue(try LintTest.ruleIDs(text, format: .plainText).contains("PL002"))
    }

    // MARK: issue 13: the line where the value enters the prompt

    private func session(_ prompts: String) -> [String: String] {
        [
            "src/utils/date.ts": """
                export function dateInfo() {
                  const now = new Date();
                  return { day: now.toISOString() };
                }
                """,
            "src/coach/prompts.ts": prompts,
            "src/coach/index.ts": """
                import { query } from "@anthropic-ai/claude-agent-sdk";
                import { buildSystemPrompt } from "./prompts";

                export async function run(prompt: string, extra?: string) {
                  const basePrompt = buildSystemPrompt();
                  const systemPrompt = extra ? `${basePrompt}\\n\\n${extra}` : basePrompt;
                  return query({ prompt, options: { systemPrompt, maxTurns: 5 } });
                }
                """,
        ]
    }

    func testAFindingAtTheSendSiteNamesTheLineWhereTheClockEntersTheOtherModulesPrompt() throws {
        let findings = try pl001(session("""
            import { dateInfo } from "../utils/date";

            export function buildSystemPrompt(): string {
              const info = dateInfo();
              const note = `Today is ${info.day}.
            \(rules)`;
              return note;
            }
            """))
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line)" }, ["src/coach/index.ts@6"], "\(findings.map(\.message))")
        let site = findings.first?.related.first { $0.path != nil }
        XCTAssertEqual(site?.path, "src/coach/prompts.ts")
        XCTAssertEqual(site?.line, 5)
        XCTAssertTrue(findings.first?.message.contains("enters the prompt at src/coach/prompts.ts line 5") == true)
    }

    func testAConstantPromptOfTheOtherModuleNamesNoEntry() throws {
        let findings = try pl001(session("""
            export function buildSystemPrompt(): string {
              const note = `Today is a good day.
            \(rules)`;
              return note;
            }
            """))
        XCTAssertEqual(findings.flatMap { $0.related.compactMap(\.path) }, [])
    }

    // MARK: a template rendered into an Agents SDK agent's instructions

    private func agentServer(run: String, assignment: String = "config.system_prompt_template = f.read()") -> [String: String] {
        [
            "src/prompts/system.md": "# Server\n\n\(rules)\n- Items so far: `{{ item_count }}`\n- Date: `{{ date_header }}`\n",
            "src/app.py": """
                import jinja2
                from email.utils import formatdate
                from agents import Runner


                async def handle(request):
                    config = request.app["config"]
                    session = request.app["sessions"][request.cookies.get("sid")]
                    item_count = len(await session.get_items())
                    source = config.system_prompt_template
                    values = {
                        "item_count": item_count,
                        "date_header": formatdate(timeval=None, usegmt=True),
                    }
                    rendered = jinja2.Template(source).render(values)
                    worker = request.app["agent"].clone(instructions=rendered)
                    return \(run)


                async def on_startup(app):
                    config = app["config"]
                    with open("src/prompts/system.md", "r", encoding="utf-8") as f:
                        \(assignment)
                """,
        ]
    }

    func testATemplateSentAsInstructionsOfAnAgentRunWithASessionPrecedesTheConversation() throws {
        let findings = try pl001(agentServer(run: "Runner.run_streamed(worker, \"hi\", session=session)"))
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line)" }, ["src/prompts/system.md@25"], "\(findings.map(\.message))")
        XCTAssertTrue(findings.first?.message.contains("conversation") == true, "\(findings.map(\.message))")
        XCTAssertTrue(findings.first?.message.contains("reads the clock") == true, "\(findings.map(\.message))")
    }

    func testAnAgentRunWithoutASessionAddsNoConversation() throws {
        let findings = try pl001(agentServer(run: "Runner.run_streamed(worker, \"hi\")"))
        XCTAssertFalse(findings.contains { $0.message.contains("conversation") }, "\(findings.map(\.message))")
    }

    func testAnAttributeSetFromNoFileLinksNoTemplate() throws {
        let findings = try pl001(agentServer(
            run: "Runner.run_streamed(worker, \"hi\", session=session)", assignment: "config.system_prompt_template = f.name"))
        XCTAssertFalse(findings.contains { $0.path == "src/prompts/system.md" && $0.message.contains("passed by") }, "\(findings.map(\.message))")
    }

    func testFormatdateReadsTheClockOnlyWithoutATime() throws {
        let send = { (call: String) in
            """
            from email.utils import formatdate
            from openai import OpenAI

            client = OpenAI()


            def reply(history):
                system = f"Date: {\(call)}\\n\(SourceTest.policy)"
                return client.chat.completions.create(
                    model="gpt-4o", messages=[{"role": "system", "content": system}] + history)
            """
        }
        XCTAssertEqual(try SourceTest.findings(send("formatdate(timeval=None, usegmt=True)")), ["PL001@8:22"])
        XCTAssertEqual(try SourceTest.findings(send("formatdate(1700000000, usegmt=True)")), [])
    }
}
