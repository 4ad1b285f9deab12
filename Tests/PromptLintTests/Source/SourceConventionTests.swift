import XCTest

@testable import PromptLint

/// What a volatile value costs (Rules/PL001): the static text of the same prompt, and the conversation
/// the code sends after the prompt; values computed once per process; prompt objects returned by
/// TypeScript functions. Each case is a generated folder checked as `promptlint check .` would.
final class SourceConventionTests: XCTestCase {
    /// Writes `files` to a fresh folder, runs `promptlint check` on it, and returns its PL001 findings as
    /// `path@line severity` with their messages.
    private func check(_ files: [String: String]) throws -> (findings: [String], messages: [String]) {
        let found = try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }
        return (found.map { "\($0.path)@\($0.line) \($0.severity.rawValue)" }, found.map(\.message))
    }

    /// A Jinja system prompt with the clock on line 1 and `SourceTest.nearThresholdPolicy` (~480 tokens) after it,
    /// rendered by a loader that returns it as the system message, then `tail` (Python).
    private func renderedSystemPrompt(then tail: String) -> [String: String] {
        [
            "src/prompts/coder.md": "Current time: {{ CURRENT_TIME }}\n\(SourceTest.nearThresholdPolicy)\n",
            "src/prompts/template.py": """
                from datetime import datetime
                from jinja2 import Environment, FileSystemLoader

                env = Environment(loader=FileSystemLoader("src/prompts"))

                def apply_prompt_template(prompt_name, state):
                    state_vars = {"CURRENT_TIME": datetime.now().strftime("%H:%M:%S"), **state}
                    system_prompt = env.get_template(f"{prompt_name}.md").render(**state_vars)
                    return \(tail)
                """,
        ]
    }

    func testTimeInALinkedTemplateBeforeTheConversationIsAWarningWhateverItsStaticTail() throws {
        let (findings, messages) = try check(renderedSystemPrompt(
            then: "[{\"role\": \"system\", \"content\": system_prompt}] + state[\"messages\"]"))
        XCTAssertEqual(findings, ["src/prompts/coder.md@1 warning"])
        XCTAssertTrue(messages[0].contains("The conversation after it (`state[\"messages\"]`) cannot be cached either"), messages[0])
    }

    func testALongConversationExpressionIsNamedByItsOpeningOnOneLine() throws {
        let (findings, messages) = try check(renderedSystemPrompt(then: """
            [{"role": "system", "content": system_prompt}] + [
                    {"role": m["role"], "content": m["content"]}
                    for m in state["messages"]
                    if m["role"] in ("user", "assistant")
                ]
            """))
        XCTAssertEqual(findings, ["src/prompts/coder.md@1 warning"])
        XCTAssertTrue(messages[0].contains("from there on. The conversation after it (`"), messages[0])
        let named = try XCTUnwrap(messages[0].range(of: "The conversation after it (`")).upperBound
        let quoted = messages[0][named...].prefix { $0 != "`" }
        XCTAssertLessThanOrEqual(quoted.count, 60, messages[0])
        XCTAssertTrue(quoted.hasSuffix("…"), messages[0])
    }

    func testAValueOverSeveralLinesKeepsTheSpaceBeforeTheSentenceItAdds() {
        let rule = RuleDefinition.collapsingWhitespace(" The list (`[\n  a,\n  b\n]`) follows.")
        XCTAssertEqual(rule, " The list (`[ a, b ]`) follows.")
    }

    func testTimeInALinkedTemplateWithoutAConversationAfterItIsInfoBelowTheCostProfile() throws {
        let (findings, messages) = try check(renderedSystemPrompt(then: "[{\"role\": \"system\", \"content\": system_prompt}]"))
        XCTAssertEqual(findings, ["src/prompts/coder.md@1 info"])
        XCTAssertFalse(messages[0].contains("cannot be cached either"), messages[0])
        XCTAssertTrue(messages[0].contains("~480 tokens of static content come after it"), messages[0])
    }

    func testTimeInASourceSystemPromptBeforeSpreadHistoryIsAWarning() throws {
        let send = { (messages: String) in
            """
            from datetime import datetime
            from openai import OpenAI

            def reply(history, question):
                system = f"Now: {datetime.now().isoformat()}. \(SourceTest.policy)"
                return OpenAI().chat.completions.create(model="gpt-4o", messages=\(messages))
            """
        }
        let withHistory = try check(["bot.py": send("[{\"role\": \"system\", \"content\": system}, *history, {\"role\": \"user\", \"content\": question}]")])
        XCTAssertEqual(withHistory.findings, ["bot.py@5 warning"])
        // Without the conversation, ~60 static tokens after the clock save nothing: no finding.
        let alone = try check(["bot.py": send("[{\"role\": \"system\", \"content\": system}, {\"role\": \"user\", \"content\": question}]")])
        XCTAssertEqual(alone.findings, [])
    }

    func testAClockEndingTheSystemPromptNamesTheTurnsThatComeAfterIt() throws {
        let source = """
            from datetime import datetime
            from openai import OpenAI

            def reply(history, question):
                system = f"\(SourceTest.policy) Now: {datetime.now().isoformat()}"
                return OpenAI().chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": system}, *history, {"role": "user", "content": question}])
            """
        let (findings, messages) = try check(["bot.py": source])
        XCTAssertEqual(findings, ["bot.py@5 warning"])
        XCTAssertTrue(messages[0].contains("the conversation's turns (`history`) come after it"), messages[0])
    }

    /// A prompt module with the clock read at import, imported by `importer`.

    private func importTimePrompt(importer: String) -> [String: String] {
        [
            "agent/prompts.py": """
                from datetime import datetime

                NOW = datetime.now().strftime("%Y-%m-%d %H:%M")
                SYSTEM_PROMPT = f\"\"\"You work at {NOW}.
                \(SourceTest.nearThresholdPolicy)
                \"\"\"
                """,
            "agent/main.py": importer,
        ]
    }

    func testAValueReadAtImportIsConstantForAServersRequests() throws {
        let (findings, _) = try check(importTimePrompt(importer: """
            from fastapi import FastAPI
            from openai import OpenAI
            from agent.prompts import SYSTEM_PROMPT

            app = FastAPI()

            @app.post("/chat")
            def chat(question: str):
                return OpenAI().chat.completions.create(model="gpt-4o", messages=[
                    {"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": question}])
            """))
        XCTAssertEqual(findings, [])
    }

    func testAValueReadAtImportOfACommandLineProgramCountsBeforeStaticText() throws {
        let (findings, messages) = try check(importTimePrompt(importer: """
            from openai import OpenAI
            from agent.prompts import SYSTEM_PROMPT

            if __name__ == "__main__":
                while True:
                    question = input("> ")
                    print(OpenAI().chat.completions.create(model="gpt-4o", messages=[
                        {"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": question}]))
            """))
        // Reported where the constant is defined, and where main.py sends it (the request read there).
        XCTAssertEqual(findings.sorted(), ["agent/main.py@8 info", "agent/prompts.py@4 info"])
        XCTAssertTrue(messages.allSatisfy { $0.contains("once per run") }, messages.joined(separator: "\n"))
    }

    func testADateComputedInAFunctionCalledOnlyAtImportIsPerProcess() throws {
        let prompt = { (call: String) in
            """
            import datetime
            from langchain_core.prompts import ChatPromptTemplate

            def _define_prompts():
                today = datetime.datetime.now().strftime("%B %d, %Y")
                return {"chat": ChatPromptTemplate.from_messages([
                    ("system", f"Today is {today}. \(SourceTest.nearThresholdPolicy)"), ("human", "{question}")])}

            \(call)
            """
        }
        XCTAssertEqual(try check(["rag/prompts.py": prompt("REGISTRY = _define_prompts()")]).findings, [])
        // The same function called per use (inside another function) reads the clock per request.
        let perUse = try check(["rag/prompts.py": prompt("def get(name):\n    return _define_prompts()[name]")])
        XCTAssertEqual(perUse.findings, ["rag/prompts.py@7 info"])
    }

    func testTypeScriptPromptObjectsReturnedByFunctions() throws {
        let (findings, _) = try check([
            "src/tools/rewriter.ts": """
                import { generateObject } from "ai";

                function getPrompt(query: string): { system: string; user: string } {
                  const currentTime = new Date();
                  return {
                    system: `You expand search queries.
                The current time is ${currentTime.toISOString()}.
                \(SourceTest.nearThresholdPolicy)`,
                    user: `Query: ${query}`,
                  };
                }

                export async function rewrite(query: string) {
                  const prompt = getPrompt(query);
                  return generateObject({ model: "m", system: prompt.system, prompt: prompt.user });
                }
                """,
            "src/tools/evaluator.ts": """
                import { generateObject } from "ai";

                function getFreshnessPrompt(question: string, currentTime: string) {
                  return {
                    system: `You judge freshness. Current system time: ${currentTime}
                \(SourceTest.nearThresholdPolicy)`,
                    user: question,
                  };
                }

                export async function evaluate(question: string) {
                  const prompt = getFreshnessPrompt(question, new Date().toISOString());
                  return run(prompt);
                }
                """,
            "src/agent.ts": """
                import { generateText } from "ai";
                import { removeExtraLineBreaks } from "./utils/text";

                function getPrompt(question: string): { system: string } {
                  const sections: string[] = [];
                  sections.push(`Current date: ${new Date().toUTCString()}

                \(SourceTest.policy)`);
                  sections.push(`Answer: ${question}`);
                  return { system: removeExtraLineBreaks(sections.join("\\n\\n")) };
                }

                export async function step(question: string, messages: any[]) {
                  const { system } = getPrompt(question);
                  return generateText({ model: "m", system, messages });
                }
                """,
        ])
        XCTAssertEqual(findings.sorted(), [
            "src/agent.ts@6 warning", "src/tools/evaluator.ts@5 info", "src/tools/rewriter.ts@7 info",
        ])
    }

    func testADefaultPromptFormattedWithTheClockInOneBranchOfAPromptFunction() throws {
        let (findings, _) = try check([
            "agent/prompt.py": """
                DEFAULT_SYSTEM_PROMPT = \"\"\"You are a helpful assistant.

                Current time: {current_time}

                \(SourceTest.nearThresholdPolicy)\"\"\"


                def get_system_prompt(custom_prompt: str = "") -> str:
                    from datetime import datetime
                    current_time = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
                    prompt = custom_prompt if custom_prompt else DEFAULT_SYSTEM_PROMPT
                    if "{current_time}" in prompt:
                        return prompt.format(current_time=current_time)
                    return f"{prompt}\\n\\nCurrent time: {current_time}"
                """,
        ])
        XCTAssertEqual(findings, ["agent/prompt.py@3 info"])
    }

    func testAPromptFunctionReturningThePromptAndItsExtrasReadsThePrompt() throws {
        let (findings, _) = try check([
            "advisor/prompt.py": """
                import uuid

                def get_system_prompt(question: str) -> tuple[str, list]:
                    run_id = uuid.uuid4()
                    system_instructions = f\"\"\"Run {run_id}.
                    \(SourceTest.nearThresholdPolicy)
                    \"\"\"
                    return system_instructions, ["topic", "response"]
                """,
        ])
        XCTAssertEqual(findings, ["advisor/prompt.py@5 info"])
    }

    func testAFunctionValueInterpolatedWithoutACallStaysConstant() throws {
        let (findings, _) = try check([
            "src/prompt.ts": """
                const getCurrentTime = () => new Date().toISOString();
                export function getSystemPrompt() {
                  return `Clock helper: ${getCurrentTime}
                \(SourceTest.policy)`;
                }
                """,
        ])
        XCTAssertEqual(findings, [])
    }
}
