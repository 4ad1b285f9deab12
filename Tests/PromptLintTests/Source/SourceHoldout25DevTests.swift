import XCTest

@testable import PromptLint

/// Classes of construct behind the misses, the lines found elsewhere and the false positive of source-holdout25
/// (session 28, then a development set): a per-user setting read by its name (`{user_timezone}`) before a clock
/// the code takes, where the finding belongs at the clock; a chat client given one body object
/// (`ollama.chat({ model, messages })`); a Gemini request whose `contents` is the whole prompt as one text; a
/// template imported through a named tsconfig path alias (`@server/prompts/intent`); and a cache breakpoint after
/// a system text nothing in the file says anything of.
final class SourceHoldout25DevTests: XCTestCase {
    /// Over 1,000 static tokens on one line, so the line numbers below are those of the code as written.
    private let rules = String(repeating: SourceTest.policy + " ", count: 20)

    private func checked(_ files: [String: String], rules ruleIDs: Set<String> = ["PL001"]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { ruleIDs.contains($0.ruleID) }.map { "\($0.ruleID)@\($0.path):\($0.line)" }
    }

    private func settingThenClock(second: String) -> String {
        """
        from datetime import datetime, timezone
        from openai import OpenAI

        client = OpenAI()
        TEMPLATE = \"\"\"Context
        - User timezone: {user_timezone}
        - Now: {\(second)}
        \(rules)\"\"\"


        def reply(user_timezone, question, now_text):
            system = TEMPLATE.format(user_timezone=user_timezone, \(second)=\(second == "current_time" ? "datetime.now(timezone.utc).isoformat()" : "now_text"))
            return client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "system", "content": system}, {"role": "user", "content": question}])
        """
    }

    /// A user's own requests share their timezone; the clock after it changes on every one of them.
    func testAClockAfterAPerUserSettingReadByItsNameIsWhereTheFindingIsAnchored() throws {
        XCTAssertEqual(try checked(["agent.py": settingThenClock(second: "current_time")]), ["PL001@agent.py:7"])
    }

    /// A user's name (not a setting) on the line before the clock, only a label between them: since session 38
    /// (`TurnTimestampAndNamedClockTests`) the finding is at the clock too; a name farther away keeps it.
    func testAClockRightAfterAUserNameIsWhereTheFindingIsAnchored() throws {
        let text = settingThenClock(second: "current_time").replacingOccurrences(of: "user_timezone", with: "user_name")
        XCTAssertEqual(try checked(["agent.py": text]), ["PL001@agent.py:7"])
    }

    /// Near miss: a later value read by its name alone is no better evidence than the first; the finding stays there.
    func testALaterValueReadByItsNameAloneLeavesTheAnchorAtTheFirst() throws {
        XCTAssertEqual(try checked(["agent.py": settingThenClock(second: "question_text")]), ["PL001@agent.py:6"])
    }

    private func ollamaChat(_ system: String) -> String {
        """
        import ollama from 'ollama';
        const RULES = `\(rules)`;
        export async function extract(request: string) {
          const now = new Date().toISOString();
          const response = await ollama.chat({
            model: 'mistral:instruct',
            messages: [
              { role: 'system', content: \(system) },
              { role: 'user', content: request },
            ],
            format: 'json',
          });
          return response.message.content;
        }
        """
    }

    /// `ollama.chat({ model, messages })`: the body object is the request's options, not its message list.
    func testAChatClientGivenOneBodyObjectIsRead() throws {
        XCTAssertEqual(try checked(["extract.ts": ollamaChat("`Current time: ${now}\\n${RULES}`")]), ["PL001@extract.ts:8"])
    }

    func testTheSameBodyWithTheClockAfterTheRulesStaysSilent() throws {
        XCTAssertEqual(try checked(["extract.ts": ollamaChat("`${RULES}\\nCurrent time: ${now}`")]), [])
    }

    private func geminiText(_ contents: String) -> String {
        """
        import { GoogleGenAI } from "@google/genai";
        const ai = new GoogleGenAI({});
        const RULES = `\(rules)`;
        export async function answer(message: string) {
          const now = new Date().toISOString();
          const response = await ai.models.generateContent({
            model: "gemini-2.5-flash",
            contents: \(contents),
          });
          return response.text;
        }
        """
    }

    /// `generateContent({ contents: `…` })`: the whole prompt as one text, read as the request's one message.
    func testAGeminiPromptWrittenAsOneTextIsRead() throws {
        XCTAssertEqual(try checked(["answer.ts": geminiText("`Now: ${now}\\n${RULES}\\nQuestion: ${message}`")]), ["PL001@answer.ts:8"])
    }

    func testTheSameTextWithTheValuesLastStaysSilent() throws {
        XCTAssertEqual(try checked(["answer.ts": geminiText("`${RULES}\\nNow: ${now}\\nQuestion: ${message}`")]), [])
    }

    private func aliasedTemplate(importedFrom spec: String, templateAt path: String) -> [String: String] {
        [
            path: "export const intentPrompt = `Current time: {CURRENT_TIME}\n\(rules)`;\n",
            "src/server/utils/llm.ts": """
                import OpenAI from 'openai';
                import { intentPrompt } from '\(spec)';
                const client = new OpenAI();
                export async function extract(request: string) {
                  const now = new Date().toISOString();
                  return client.chat.completions.create({ model: 'gpt-4o', messages: [
                    { role: 'system', content: intentPrompt.replace('{CURRENT_TIME}', now) },
                    { role: 'user', content: request },
                  ] });
                }
                """,
        ]
    }

    /// tsconfig `"paths": { "@server/*": ["src/server/*"] }`: the alias names the folder it stands for.
    func testATemplateImportedThroughANamedPathAliasIsRead() throws {
        let files = aliasedTemplate(importedFrom: "@server/prompts/intent", templateAt: "src/server/prompts/intent.ts")
        XCTAssertEqual(try checked(files), ["PL001@src/server/utils/llm.ts:7"])
    }

    /// Near miss: a scoped package's subpath (`@langchain/core/prompts`) is not the project's `core/prompts.ts`.
    func testAScopedPackageIsNotReadAsAFileOfTheProject() throws {
        let files = aliasedTemplate(importedFrom: "@langchain/core/prompts", templateAt: "src/core/prompts.ts")
        XCTAssertEqual(try checked(files), [])
    }

    private func markedSystem(_ system: String) -> String {
        """
        import Anthropic from "@anthropic-ai/sdk";
        import { buildSystemPrompt } from "./systemPrompt.js";
        const anthropic = new Anthropic();
        export async function handle(tenant, messages) {
          const system = \(system);
          return anthropic.messages.create({
            model: "claude-sonnet-4-5",
            max_tokens: 1024,
            system: [{ type: "text", text: system, cache_control: { type: "ephemeral" } }],
            messages,
          });
        }
        """
    }

    /// A breakpoint after a system text built in another file, which nothing says changes, is not reported as
    /// unreachable: in source code PL004 asks for what PL001 asks for.
    func testABreakpointAfterASystemTextOfUnknownOriginStaysSilent() throws {
        XCTAssertEqual(try checked(["engine.js": markedSystem("buildSystemPrompt(tenant)")], rules: ["PL001", "PL004"]), [])
    }

    /// Near miss: a clock in that system text makes the breakpoint unreachable, and is reported.
    func testABreakpointAfterAClockInTheSystemTextIsReported() throws {
        let found = try checked(["engine.js": markedSystem("`Now: ${new Date().toISOString()}`")], rules: ["PL001", "PL004"])
        XCTAssertFalse(found.isEmpty)
        XCTAssertTrue(found.allSatisfy { $0.hasSuffix("engine.js:5") || $0.hasSuffix("engine.js:9") }, "\(found)")
    }
}
