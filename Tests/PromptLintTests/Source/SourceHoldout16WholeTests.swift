import XCTest

@testable import PromptLint

/// Classes of construct behind misses of holdout16 (whole repositories, session 20), written here: a clock
/// helper brought in with a Python star import (`from utils.time_helpers import *`); a prompt template
/// constant reached through a parameter's default (`def reply(…, system_prompt=SYSTEM_PROMPT)`); a template
/// field whose own name says nothing (`{contexto}`) filled with a value whose name does (`search_results`);
/// and a prompt function that returns Anthropic system content blocks (`[{ type: "text", text: … }]`).
final class SourceHoldout16WholeTests: XCTestCase {
    private func pl001(_ files: [String: String]) throws -> [Finding] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }
    }

    // MARK: a Python star import of a clock helper, a template reached through a parameter's default

    /// `field` names the template's slot; `helper` is what the star-imported `header_line()` returns.
    private func planner(helper: String, field: String = "HEADER", receiver: String = "PLANNER_PROMPT", parameter: String = "")
        -> [String: String]
    {
        [
            "bot/texts.py": "PLANNER_PROMPT = \"\"\"\nHeader: {\(field)}\n\n\(SourceTest.longRules)\"\"\"\n",
            "bot/helpers.py": """
                from datetime import datetime


                def header_line():
                    return \(helper)
                """,
            "bot/service.py": """
                import openai
                from bot.texts import PLANNER_PROMPT
                from bot.helpers import *

                client = openai.OpenAI()


                def reply(question, turns\(parameter)):
                    system = \(receiver).format(\(field)=header_line())
                    return client.chat.completions.create(
                        model="m", messages=[{"role": "system", "content": system}, *turns, {"role": "user", "content": question}])
                """,
        ]
    }

    func testAClockHelperBroughtInWithAStarImportIsTracedToTheTemplateSlot() throws {
        let findings = try pl001(planner(helper: "datetime.now().strftime(\"%H:%M\")"))
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line)" }, ["bot/service.py@9"])
        XCTAssertEqual(findings.first?.related.first?.path, "bot/texts.py")
        XCTAssertEqual(findings.first?.related.first?.line, 2)
    }

    func testAConstantHelperBroughtInWithAStarImportStaysClean() throws {
        // Traced there to fixed text: the field's name (a clock's) no longer decides.
        XCTAssertEqual(try pl001(planner(helper: "\"office hours\"", field: "CLOCK")), [])
    }

    func testATemplateReachedThroughAPromptParametersDefaultIsRead() throws {
        let files = planner(helper: "datetime.now().strftime(\"%H:%M\")", receiver: "system_prompt", parameter: ", system_prompt=PLANNER_PROMPT")
        let findings = try pl001(files)
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line)" }, ["bot/service.py@9"])
        XCTAssertEqual(findings.first?.related.first?.path, "bot/texts.py")
    }

    func testATemplateReachedThroughAPromptParametersDefaultWithAConstantStaysClean() throws {
        let files = planner(helper: "\"office hours\"", receiver: "system_prompt", parameter: ", system_prompt=PLANNER_PROMPT")
        XCTAssertEqual(try pl001(files), [])
    }

    func testATemplateOfTheSameModuleReachedThroughADefaultIsReportedOnceAtItsSlot() throws {
        let text = """
            from datetime import datetime
            from openai import OpenAI

            client = OpenAI()
            PLANNER_PROMPT = \"\"\"Header: {HEADER}
            \(SourceTest.longRules)\"\"\"


            def reply(question, turns, system_prompt=PLANNER_PROMPT):
                system = system_prompt.format(HEADER=datetime.now().strftime("%H:%M"))
                return client.chat.completions.create(
                    model="m", messages=[{"role": "system", "content": system}, *turns, {"role": "user", "content": question}])
            """
        XCTAssertEqual(try SourceTest.findingLines(text), ["PL001@5"])
    }

    // MARK: a field named in another language, filled with a value whose name says what it holds

    private func persona(value: String) -> [String: String] {
        [
            "persona/texts.py": "PERSONA = \"\"\"Answer as the old harbour master would, in two short paragraphs. Notas: {notas}\n\nConversation so far:\n{chat_history}\n\nAnswer the last message.\"\"\"\n",
            "persona/answer.py": """
                from openai import OpenAI
                from persona.texts import PERSONA
                from persona.store import load_turns, lookup_web

                client = OpenAI()


                def answer(question, session):
                    chat_history = "".join(f"{t['who']}: {t['text']}\\n" for t in load_turns(session))
                    \(value) = lookup_web(question)
                    return client.chat.completions.create(model="m", messages=[
                        {"role": "system", "content": PERSONA.format(notas=\(value), chat_history=chat_history)},
                        {"role": "user", "content": question},
                    ])
                """,
        ]
    }

    func testAnUnnamedFieldFilledWithSearchResultsBeforeTheHistoryIsFound() throws {
        let findings = try pl001(persona(value: "search_results"))
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line)" }, ["persona/answer.py@12"])
        XCTAssertEqual(findings.first?.related.first?.path, "persona/texts.py")
        XCTAssertEqual(findings.first?.related.first?.line, 1)
    }

    func testAnUnnamedFieldFilledWithAValueNamedForNothingStaysClean() throws {
        XCTAssertEqual(try pl001(persona(value: "harbour_style")), [])
    }

    // MARK: a prompt function returning system content blocks

    private func blocks(clock: String) -> String {
        """
        export function buildAgentPrompt(options = {}) {
          const { withIdentity = true } = options;
          const now = new Date();
          const stamp = \(clock);
          return [
            ...(withIdentity ? [{ type: 'text', text: `You are Harbor, a browser helper.` }] : []),
            {
              type: 'text',
              text: `You automate the browser for the user. The time is ${stamp}.
        \(SourceTest.longRules)`,
              cache_control: { type: 'ephemeral' },
            },
          ];
        }
        """
    }

    func testAClockInSystemBlocksAPromptFunctionReturnsIsFound() throws {
        XCTAssertEqual(try SourceTest.findingLines(blocks(clock: "now.toLocaleTimeString('en-US')"), path: "agent-prompt.js"), ["PL001@9"])
    }

    func testSystemBlocksWithAFixedLabelStayClean() throws {
        XCTAssertEqual(try SourceTest.findings(blocks(clock: "'office hours'"), path: "agent-prompt.js"), [])
    }
}
