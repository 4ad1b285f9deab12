import XCTest

@testable import PromptLint

/// Prompts and values that reach a prompt through another module's class: a dataclass field whose default
/// is a prompt constant, a base-class attribute formatted in a subclass's caller, a dependency object whose
/// field reads the clock, and a helper whose parameter defaults to the clock (`SourceMembers`, script
/// parameter defaults in `SourceModule`).
final class SourceMembersTests: XCTestCase {
    private let policy = SourceTest.notedPolicy + " Keep every answer under two hundred words, use the customer's language,"
        + " and end with one question that checks the problem is solved."

    /// `path:RULE@line` for the PL001/PL002 findings of `promptlint check .` on `files`.
    private func check(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { ["PL001", "PL002"].contains($0.ruleID) }.map { "\($0.path):\($0.ruleID)@\($0.line)" }
    }

    func testConfigurationFieldDefaultingToAPromptConstantIsFilledWithTheClock() throws {
        let findings = try check([
            "agent/prompts.py": "SYSTEM_PROMPT = \"\"\"You help with reports.\nSystem time: {system_time}\n\(policy)\n\"\"\"\n",
            "agent/configuration.py": """
                from dataclasses import dataclass, field
                from agent import prompts

                @dataclass(kw_only=True)
                class Configuration:
                    system_prompt: str = field(default=prompts.SYSTEM_PROMPT, metadata={"description": "The prompt."})
                    model: str = field(default="openai/gpt-4o")

                    @classmethod
                    def from_runnable_config(cls, config=None):
                        return cls(**(config or {}))
                """,
            "agent/graph.py": """
                from datetime import datetime, timezone
                from agent.configuration import Configuration

                async def call_model(state, config, model):
                    configuration = Configuration.from_runnable_config(config)
                    system_message = configuration.system_prompt.format(
                        system_time=datetime.now(tz=timezone.utc).isoformat()
                    )
                    return await model.ainvoke([{"role": "system", "content": system_message}, *state.messages], config)
                """,
        ])
        XCTAssertEqual(findings, ["agent/graph.py:PL001@7"])
    }

    func testBaseClassPromptAttributeFormattedByTheLoopThatDrivesTheModel() throws {
        let findings = try check([
            "bot/models/system_prompt.py": "SYSTEM_PROMPT = \"\"\"Current directory: {current_directory}\n\(SourceTest.nearThresholdPolicy)\n\"\"\"\n",
            "bot/models/base_model.py": """
                from .system_prompt import SYSTEM_PROMPT

                class BaseModel:
                    system_prompt_template = SYSTEM_PROMPT

                    def __init__(self):
                        self.system_prompt = ""
                """,
            "bot/logic.py": """
                import os
                from bot.models.base_model import BaseModel

                class Logic:
                    def __init__(self, model):
                        self.model = model

                    def step(self):
                        self.model.system_prompt = self.model.system_prompt_template.format(
                            current_directory=os.getcwd(),
                        )
                        return self.model.generate_response()
                """,
        ])
        XCTAssertEqual(findings, ["bot/logic.py:PL001@10"])
    }

    func testPromptClassAttributeOfASiblingModuleFilledInOneBranchWithTodaysDate() throws {
        let coder = """
            from datetime import datetime

            class Coder:
                def get_platform_info(self):
                    platform_text = "- Platform: linux\\n"
                    dt = datetime.now().astimezone().strftime("%Y-%m-%d")
                    platform_text += f"- Current date: {dt}\\n"
                    return platform_text

                def fmt_system_prompt(self, prompt):
                    platform_text = self.get_platform_info()
                    if self.suggest_shell_commands:
                        shell_cmd_prompt = self.gpt_prompts.shell_cmd_prompt.format(platform=platform_text)
                    else:
                        shell_cmd_prompt = self.gpt_prompts.no_shell_cmd_prompt.format(platform=platform_text)
                    return prompt.format(shell_cmd_prompt=shell_cmd_prompt)
            """
        var files = [
            "coders/shell.py": "shell_cmd_prompt = \"\"\"\nUse the user's shell:\n{platform}\n\(SourceTest.nearThresholdPolicy)\n\"\"\"\n\n"
                + "no_shell_cmd_prompt = \"\"\"\nThe user's platform:\n{platform}\n\"\"\"\n",
            "coders/base_prompts.py": "class CoderPrompts:\n    shell_cmd_prompt = \"\"\n    no_shell_cmd_prompt = \"\"\n",
            "coders/editblock_prompts.py": "from . import shell\nfrom .base_prompts import CoderPrompts\n\n\n"
                + "class EditBlockPrompts(CoderPrompts):\n    shell_cmd_prompt = shell.shell_cmd_prompt\n"
                + "    no_shell_cmd_prompt = shell.no_shell_cmd_prompt\n",
            "coders/base_coder.py": coder,
        ]
        // The branch with static instructions after `{platform}` breaks the prefix,
        // reported where the value enters the prompt (`.format(platform=platform_text)`).
        XCTAssertEqual(try check(files), ["coders/base_coder.py:PL001@13"])
        // With only the branch that ends with the date, nothing follows it.
        files["coders/base_coder.py"] = coder.replacingOccurrences(
            of: "shell_cmd_prompt = self.gpt_prompts.shell_cmd_prompt.format", with: "shell_cmd_prompt = self.gpt_prompts.no_shell_cmd_prompt.format")
        XCTAssertEqual(try check(files), [])
    }

    func testDependencyFieldWhoseDefaultFactoryReadsTheClockFillsTheInstructions() throws {
        let files = [
            "chat/prompts.py": "system_prompt = \"\"\"Current date and time: {current_datetime}\nCompany: {company}\n\(policy)\n\"\"\"\n",
            "chat/deps.py": """
                from dataclasses import dataclass, field
                from datetime import datetime

                @dataclass
                class ChatDeps:
                    current_datetime: str = field(default_factory=lambda: datetime.now().strftime("%B %d, %Y at %I:%M %p"))
                    company: str = "Acme Cloud"
                """,
            "chat/agent.py": """
                from chat.deps import ChatDeps
                from chat.prompts import system_prompt
                from pydantic_ai import Agent, RunContext

                chat_agent = Agent("openai:gpt-4o", deps_type=ChatDeps)

                @chat_agent.instructions
                async def chat_agent_instructions(ctx: RunContext[ChatDeps]) -> str:
                    return system_prompt.format(
                        current_datetime=ctx.deps.current_datetime,
                        company=ctx.deps.company,
                    )
                """,
        ]
        XCTAssertEqual(try check(files), ["chat/agent.py:PL001@10"])
        // The same prompt filled only with the constant field is clean.
        var constant = files
        constant["chat/prompts.py"] = "system_prompt = \"\"\"Company: {company}\n\(policy)\nCurrent date and time: {current_datetime}\n\"\"\"\n"
        XCTAssertEqual(try check(constant), [])
    }

    func testHelperWhoseParameterDefaultsToTheClockOpensTheSystemPrompt() throws {
        let helper = """
            export function buildRegionPrompt(date = new Date(), options = {}) {
              return `Local time: ${date.toLocaleTimeString(options.locale)}`;
            }
            """
        func prompt(_ call: String) -> String {
            "import { buildRegionPrompt } from './timeContext.js';\nconst LAUNCH_DAY = new Date('2024-01-01');\n"
                + "export function getSystemPrompt() {\n"
                + "  const content = `${\(call)}\n\(policy)`;\n  return { role: 'system', content };\n}\n"
        }
        XCTAssertEqual(
            try check(["src/ai/timeContext.js": helper, "src/ai/promptUtils.js": prompt("buildRegionPrompt()")]),
            ["src/ai/promptUtils.js:PL001@4"])
        // A caller that passes a fixed date overrides the default.
        XCTAssertEqual(
            try check(["src/ai/timeContext.js": helper, "src/ai/promptUtils.js": prompt("buildRegionPrompt(LAUNCH_DAY)")]),
            [])
    }
}
