import XCTest

@testable import PromptLint

/// Prompts whose parts live in several modules of one checked folder: a constant of one module filled in
/// another (with helpers from a third), and template files that code loads and renders.
final class SourceProjectTests: XCTestCase {
    private let policy = SourceTest.notedPolicy + " Keep every answer under two hundred words, use the customer's language,"
        + " and end with one question that checks the problem is solved."

    /// Writes `files` to a fresh folder, runs `promptlint check` on it, and returns the findings
    /// (`path:RULE@line` for PL001/PL002) and their messages.
    private func check(_ files: [String: String]) throws -> (findings: [String], messages: [String]) {
        let found = try SourceTest.folderFindings(files).filter { ["PL001", "PL002"].contains($0.ruleID) }
        return (found.map { "\($0.path):\($0.ruleID)@\($0.line)" }, found.map(\.message))
    }

    func testConstantOfOneModuleFormattedInAnotherWithAHelperOfAThird() throws {
        let (findings, messages) = try check([
            "agent/prompts.py": "SYSTEM_PROMPT = \"\"\"Today's date is {date}.\n\(policy)\n\"\"\"\n",
            "agent/utils.py": "from datetime import datetime\n\ndef get_today_str():\n    return datetime.now().strftime(\"%a %b %d %H:%M:%S %Y\")\n",
            "agent/graph.py": """
                from openai import OpenAI
                from .prompts import SYSTEM_PROMPT
                from .utils import get_today_str

                def run(question):
                    system = SYSTEM_PROMPT.format(
                        date=get_today_str(),
                    )
                    return OpenAI().chat.completions.create(model="gpt-4o", messages=[
                        {"role": "system", "content": system}, {"role": "user", "content": question}])
                """,
        ])
        // At the volatile value's own line in the file where it is, naming the prompt's file and line.
        XCTAssertEqual(findings, ["agent/graph.py:PL001@7"])
        XCTAssertTrue(messages[0].contains("agent/utils.py line 4"), messages[0])
        XCTAssertTrue(messages[0].contains("agent/prompts.py line 1"), messages[0])
    }

    func testModuleImportedUnderAnAliasReExportedByInitAndFilledFromADict() throws {
        let (findings, _) = try check([
            "app/prompts/__init__.py": "from .system import RESEARCH_PROMPT\n",
            "app/prompts/system.py": "RESEARCH_PROMPT = \"\"\"You research. The time is {now}.\n\(policy)\n\"\"\"\n",
            "app/agent.py": """
                import uuid
                import app.prompts as p
                from langchain_core.messages import SystemMessage, HumanMessage

                def run(model, question):
                    kw = {"now": str(uuid.uuid4())}
                    system = p.RESEARCH_PROMPT.format(**kw)
                    return model.invoke([SystemMessage(content=system), HumanMessage(content=question)])
                """,
        ])
        XCTAssertEqual(findings, ["app/agent.py:PL001@6"])
    }

    func testScriptDefaultAndNamedExportsFilledInAnotherModule() throws {
        let (findings, _) = try check([
            "web/lib/prompts.ts": "export const systemPrompt = `The date is {date}.\n\(policy)`;\nexport default systemPrompt;\n",
            "web/lib/chat.ts": """
                import { generateText } from "ai";
                import sp from "./prompts";

                export async function answer(question: string) {
                  const system = sp.replace("{date}", new Date().toISOString());
                  return generateText({ model: "gpt-4o", system, prompt: question });
                }
                """,
            "web/lib/other.ts": """
                import { generateText } from "ai";
                import { systemPrompt as base } from "./prompts.js";

                export async function other(question: string) {
                  return generateText({ model: "gpt-4o", system: base.replace("{date}", Date.now().toString()), prompt: question });
                }
                """,
        ])
        XCTAssertEqual(findings, ["web/lib/chat.ts:PL001@5", "web/lib/other.ts:PL001@5"])
    }

    func testLangChainTemplateConstantOfAnotherModuleFormattedWithTodaysDate() throws {
        let (findings, _) = try check([
            "app/prompts.py": """
                from langchain_core.prompts import PromptTemplate

                personality = PromptTemplate.from_template(
                    \"\"\"
                You are Khoj, a smart assistant.
                Today is {day_of_week}, {current_date} in UTC.
                \(SourceTest.nearThresholdPolicy)
                \"\"\".strip()
                )
                """,
            "app/helpers.py": """
                from datetime import datetime
                from app import prompts

                def build_context(chat_history):
                    current_date = datetime.now()
                    system_prompt = prompts.personality.format(
                        current_date=current_date.strftime("%Y-%m-%d"),
                        day_of_week=current_date.strftime("%A"),
                    )
                    return [{"role": "system", "content": system_prompt}] + chat_history
                """,
        ])
        XCTAssertEqual(findings, ["app/helpers.py:PL001@8"])
    }

    func testLiteralTimestampOfAnotherModulesPromptIsNotReportedWhereItIsUsed() throws {
        let (findings, _) = try check([
            "agent/prompts.py": "SYSTEM_PROMPT = \"\"\"Example: the meeting starts 2023-10-01T12:00:00+00:00.\n\(policy)\nUser: {name}\n\"\"\"\n",
            "agent/graph.py": """
                from openai import OpenAI
                from .prompts import SYSTEM_PROMPT

                def run(question, user_name):
                    system = SYSTEM_PROMPT.format(name=user_name)
                    return OpenAI().chat.completions.create(model="gpt-4o", messages=[
                        {"role": "system", "content": system}, {"role": "user", "content": question}])
                """,
        ])
        XCTAssertFalse(findings.contains { $0.hasPrefix("agent/graph.py:PL002") }, "\(findings)")
    }

    func testRenderedTemplateFileGetsTheCallSitesProvenance() throws {
        let (findings, messages) = try check([
            "bot/prompts/system.j2": "Current time: {{ now }}.\n\(policy)\n",
            "bot/chat.py": """
                from datetime import datetime
                from jinja2 import Environment, FileSystemLoader

                env = Environment(loader=FileSystemLoader("prompts"))

                def system_prompt():
                    return env.get_template("system.j2").render(now=datetime.now())
                """,
        ])
        XCTAssertEqual(findings, ["bot/prompts/system.j2:PL001@1"])
        XCTAssertTrue(messages[0].contains("bot/chat.py line 7"), messages[0])
    }

    func testFindingOnARenderedTemplateNamesTheCallThatPassesTheValue() throws {
        let found = try SourceTest.folderFindings([
            "bot/prompts/system.j2": "Current time: {{ now }}.\n\(policy)\n",
            "bot/chat.py": """
                from datetime import datetime
                from jinja2 import Environment, FileSystemLoader

                env = Environment(loader=FileSystemLoader("prompts"))

                def system_prompt():
                    return env.get_template("system.j2").render(now=datetime.now())
                """,
        ]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.count, 1)
        let related = found.first?.related.filter { $0.path != nil }.map { "\($0.path ?? ""):\($0.line)" }
        XCTAssertEqual(related, ["bot/chat.py:7"])
    }

    func testLoaderHelperWithANamePatternLinksEveryTemplateItMatches() throws {
        let (findings, _) = try check([
            "src/prompts/planner.md": "The current time is {{ CURRENT_TIME }}.\n\(policy)\n",
            "src/prompts/researcher.md": "---\nCURRENT_TIME: {{ CURRENT_TIME }}\n---\n\(policy)\n",
            "src/prompts/reporter.md": "\(policy)\nCurrent time: {{ CURRENT_TIME }}\n",
            "src/prompts/template.py": """
                import os
                from datetime import datetime
                from jinja2 import Environment, FileSystemLoader

                env = Environment(loader=FileSystemLoader(os.path.dirname(__file__)))

                def apply_prompt_template(prompt_name: str, state) -> list:
                    state = {**state, "CURRENT_TIME": datetime.now().strftime("%a %b %d %Y %H:%M:%S %z")}
                    template = env.get_template(f"{prompt_name}.md")
                    return [{"role": "system", "content": template.render(**state)}] + state["messages"]
                """,
        ])
        // The time at the end of reporter.md breaks nothing.
        XCTAssertEqual(findings, ["src/prompts/planner.md:PL001@1", "src/prompts/researcher.md:PL001@2"])
    }

    func testTemplateLoadedByNameWithAKeywordIsLinkedToTheConversationSentAfterIt() throws {
        let (findings, messages) = try check([
            "prompts/chat/system.jinja": "You help with a notebook: {{notebook.name}}\n\n{{context}}\n\n\(policy)\n",
            "prompts/chat/other.jinja": "Context: {{context}}\n\n\(policy)\n",
            "app/graphs/chat.py": """
                from ai_prompter import Prompter
                from langchain_core.messages import SystemMessage

                def call_model(state, config):
                    system_prompt = Prompter(prompt_template="chat/system").render(data=state)
                    payload = [SystemMessage(content=system_prompt)] + state.get("messages", [])
                    return model.invoke(payload)
                """,
        ])
        // Retrieved context before the conversation; the earlier notebook name (a notebook's, not the user's:
        // nothing says what fills it) is named as a possible break.
        XCTAssertEqual(findings, ["prompts/chat/system.jinja:PL001@3"])
        XCTAssertTrue(messages[0].contains("`{{notebook.name}}` (line 1, possibly dynamic)"), messages[0])
        XCTAssertTrue(messages[0].contains("the conversation history (`state.get(\"messages\", [])`)"), messages[0])
    }

    func testReadTextFormatAndReadReplaceLinkTextTemplates() throws {
        let (findings, _) = try check([
            "prompts/triage.txt": "Ticket opened at {opened}.\n\(policy)\n",
            "prompts/goals.txt": "Session {goals} started.\n\(policy)\n",
            "triage.py": """
                import time, uuid
                from pathlib import Path

                def triage_prompt():
                    return Path("prompts/triage.txt").read_text().format(opened=time.time())

                def goals_prompt():
                    return open("prompts/goals.txt").read().replace("{goals}", uuid.uuid4().hex)
                """,
        ])
        XCTAssertEqual(findings, ["prompts/goals.txt:PL001@1", "prompts/triage.txt:PL001@1"])
    }

    func testTemplateLoadedByANoArgumentMethodLinksToTheFormatCallThatFillsIt() throws {
        let service = """
            from datetime import datetime
            from pathlib import Path

            class ChatService:
                def __init__(self, client):
                    self.client = client
                    self.system_prompt = self._load_system_prompt()

                def _load_system_prompt(self) -> str:
                    path = Path(__file__).parent / "prompts" / "chat.txt"
                    try:
                        content = path.read_text().strip()
                    except OSError as e:
                        raise RuntimeError("no prompt") from e
                    return content

                def answer(self, history, question):
                    now = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
                    messages = [{"role": "system", "content": self.system_prompt.format(now=now)}]
                    for turn in history:
                        messages.append({"role": turn.role, "content": turn.content})
                    messages.append({"role": "user", "content": question})
                    return self.client.chat.completions.create(model="m", messages=messages)
            """
        let template = "Now: {now}. Answer from the user's notes, briefly.\n"
        let (findings, messages) = try check(["prompts/chat.txt": template, "chat.py": service])
        // The clock to the second before the conversation the method sends after the system message.
        XCTAssertEqual(findings, ["prompts/chat.txt:PL001@1"])
        XCTAssertTrue(messages[0].contains("chat.py line 19"), messages[0])
        // Near miss: the date only is the same for a whole session, and the template's own text is short.
        let perDay = service.replacingOccurrences(of: "datetime.now().strftime(\"%Y-%m-%d %H:%M:%S\")", with: "datetime.now().strftime(\"%Y-%m-%d\")")
        XCTAssertEqual(try check(["prompts/chat.txt": template, "chat.py": perDay]).0, [])
    }

    func testDataFileFieldLoadedByAHelperAndFilledInAMethodIsAPromptWithTheCallersValue() throws {
        let (findings, messages) = try check([
            "gen/generator_prompt.yaml": "version: 0.2\ncontent: |-\n    ## Context\n    {ENVIRONMENT_CONTEXT}\n    \(policy)\n",
            "gen/util.py": "import yaml\n\ndef read_yaml(path):\n    with open(path) as f:\n        return yaml.safe_load(f)\n",
            "gen/generator.py": """
                import os, datetime
                from .util import read_yaml

                class Generator:
                    def __init__(self):
                        self.prompt_file_path = os.path.join(os.path.dirname(__file__), "generator_prompt.yaml")
                        self.prompt_data = read_yaml(self.prompt_file_path)
                        self.instruction_template = self.prompt_data["content"]

                    def compose_sys_prompt(self, context):
                        return self.instruction_template.format(ENVIRONMENT_CONTEXT=context)

                    def get_env_context(self):
                        now = datetime.datetime.now()
                        return f"- Current time: {now.strftime('%Y-%m-%d %H:%M:%S')}"

                    def compose_prompt(self, llm):
                        return llm.chat(f"{self.compose_sys_prompt(context=self.get_env_context())}")
                """,
        ])
        // `content` at the top level is not a prompt field by name; code filling it makes it one.
        XCTAssertEqual(findings, ["gen/generator_prompt.yaml:PL001@4"])
        XCTAssertTrue(messages[0].contains("gen/generator.py line 11"), messages[0])
    }

    func testImportCyclesAndSelfReferencesEnd() throws {
        let (findings, _) = try check([
            "p/a.py": "from .b import B_PROMPT as SYSTEM_PROMPT\nA_PROMPT = SYSTEM_PROMPT + \"x\"\n",
            "p/b.py": "from .a import A_PROMPT\nfrom .b import B_PROMPT\nB_PROMPT = A_PROMPT + B_PROMPT\nSYSTEM_PROMPT = B_PROMPT.format(x=B_PROMPT)\n",
            "p/x.ts": "import { P } from \"./y\";\nexport const P = P;\nexport default P;\n",
            "p/y.ts": "export { P } from \"./x\";\nimport P from \"./x\";\nexport const systemPrompt = `${P}`;\n",
        ])
        XCTAssertEqual(findings, [])
    }

    // MARK: - Near misses

    func testConstantFormattedOnlyWithConstantsIsClean() throws {
        let (findings, _) = try check([
            "agent/prompts.py": "SYSTEM_PROMPT = \"\"\"You work for {company}.\n\(policy)\n\"\"\"\n",
            "agent/settings.py": "COMPANY = \"Acme Cloud\"\n",
            "agent/graph.py": """
                from openai import OpenAI
                from .prompts import SYSTEM_PROMPT
                from .settings import COMPANY

                def run(question):
                    system = SYSTEM_PROMPT.format(company=COMPANY)
                    return OpenAI().chat.completions.create(model="gpt-4o", messages=[
                        {"role": "system", "content": system}, {"role": "user", "content": question}])
                """,
        ])
        XCTAssertEqual(findings, [])
    }

    func testTemplateRenderedOnlyInTestsIsNotLinked() throws {
        let (findings, _) = try check([
            "bot/prompts/system.j2": "Current time: {{ stamp }}.\n\(policy)\n",
            "tests/test_prompts.py": """
                from datetime import datetime
                from jinja2 import Environment, FileSystemLoader

                def test_render():
                    env = Environment(loader=FileSystemLoader("bot/prompts"))
                    assert env.get_template("system.j2").render(stamp=datetime.now())
                """,
        ])
        XCTAssertEqual(findings, [])
    }

    func testDateOnlyInTheLastUserMessageIsClean() throws {
        let (findings, _) = try check([
            "agent/prompts.py": "SYSTEM_PROMPT = \"\"\"\(policy)\n\"\"\"\nUSER_PROMPT = \"\"\"Today is {date}. {question}\"\"\"\n",
            "agent/graph.py": """
                from datetime import datetime
                from openai import OpenAI
                from .prompts import SYSTEM_PROMPT, USER_PROMPT

                def run(question):
                    user = USER_PROMPT.format(date=datetime.now(), question=question)
                    return OpenAI().chat.completions.create(model="gpt-4o", messages=[
                        {"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}])
                """,
        ])
        XCTAssertEqual(findings, [])
    }
}
