import XCTest

@testable import PromptLint

/// Classes of construct behind the TypeScript/JavaScript misses and the false positive of source-holdout24
/// (session 27, then a development set): a JavaScript `${endTime}` or an f-string's `{when}` read as a template's
/// end tag or keyword; a part list joined after a filter that drops blank parts (`.filter((l) => l !== "")`); a
/// path under the working directory (`resolve(process.cwd(), "notes")`) tainting the text read from it; and a tool
/// loop over a list made afresh with the system prompt and the question, read as a conversation kept across requests.
final class SourceHoldout24ScriptDevTests: XCTestCase {
    /// Over 1,000 static tokens on one line, so the line numbers below are those of the code as written.
    private let rules = String(repeating: SourceTest.policy + " ", count: 20)

    private func classify(_ expression: String, source: String) -> SlotClass {
        SlotClassifier().classify(TemplateSlot(expression: expression, source: source, position: .start))
    }

    /// Template keywords and end tags are structure only inside a template language's own delimiters.
    func testKeywordsAreStructureOnlyInsideTemplateDelimiters() {
        XCTAssertNotEqual(classify("when", source: "${when}").kind, .structural)
        XCTAssertNotEqual(classify("include", source: "{include}").kind, .structural)
        XCTAssertNotEqual(classify("block", source: "${block}").kind, .structural)
        XCTAssertNotEqual(classify("end_date", source: "{{ end_date }}").kind, .structural)
        XCTAssertNotEqual(classify("endpoint", source: "{{ endpoint }}").kind, .structural)
        // Near misses: the template languages' own tags stay structure.
        XCTAssertEqual(classify("endif", source: "{% endif %}").kind, .structural)
        XCTAssertEqual(classify("end", source: "{{ end }}").kind, .structural)
        XCTAssertEqual(classify("include \"rules.j2\"", source: "{% include \"rules.j2\" %}").kind, .structural)
        XCTAssertEqual(classify("/if", source: "{/if}").kind, .structural)
        XCTAssertEqual(classify("else", source: "{{else}}").kind, .structural)
    }

    private func clockChat(_ system: String, name: String) -> String {
        """
        import OpenAI from 'openai';
        const client = new OpenAI();
        const RULES = `\(rules)`;
        export async function reply(question: string, history: OpenAI.ChatCompletionMessageParam[]) {
          const \(name) = new Date().toISOString();
          const system = \(system);
          return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: system }, ...history, { role: 'user', content: question }] });
        }
        """
    }

    func testAClockNamedLikeAnEndTagIsReported() throws {
        XCTAssertEqual(try SourceTest.findingLines(clockChat("`Deadline: ${endTime}\\n${RULES}`", name: "endTime"), path: "chat.ts"), ["PL001@6"])
        XCTAssertEqual(try SourceTest.findingLines(clockChat("`When: ${when}\\n${RULES}`", name: "when"), path: "chat.ts"), ["PL001@6"])
    }

    func testTheSameClockAfterTheRulesStaysSilent() throws {
        XCTAssertEqual(try SourceTest.findingLines(clockChat("`${RULES}`", name: "endTime"), path: "chat.ts"), [])
    }

    private func filteredParts(first: String, last: String, filter: String) -> String {
        """
        import OpenAI from 'openai';
        const client = new OpenAI();
        export function buildSystemPrompt(): string {
          const lines = [
            \(first),
            `\(rules)`,
            \(last),
          ];
          return lines.filter(\(filter)).join("\\n");
        }
        export async function reply(question: string) {
          return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: buildSystemPrompt() }, { role: 'user', content: question }] });
        }
        """
    }

    /// `lines.filter((l) => l !== "").join("\n")`: the parts themselves, the blank ones left out.
    func testPartsJoinedAfterDroppingBlankOnesAreRead() throws {
        for filter in ["(l) => l !== \"\"", "(s) => s.trim()", "(p) => p.trim().length > 0", "(l) => l.length > 0"] {
            let text = filteredParts(first: "`Now: ${new Date().toISOString()}`", last: "\"Answer briefly.\"", filter: filter)
            XCTAssertEqual(try SourceTest.findingLines(text, path: "prompt.ts"), ["PL001@5"], filter)
        }
        XCTAssertTrue(SourceAnalysis.keepsTruthy("(l: string) => l !== ''"))
        XCTAssertFalse(SourceAnalysis.keepsTruthy("(s) => s.length > 3"))
        XCTAssertFalse(SourceAnalysis.keepsTruthy("(s) => s !== 'skip'"))
    }

    func testTheClockAsTheLastPartStaysSilent() throws {
        let text = filteredParts(first: "\"You are a receptionist.\"", last: "`Now: ${new Date().toISOString()}`", filter: "(l) => l !== \"\"")
        XCTAssertEqual(try SourceTest.findingLines(text, path: "prompt.ts"), [])
    }

    private func notesChat(_ system: String) -> String {
        """
        import OpenAI from 'openai';
        import { readFileSync } from 'node:fs';
        import { join, relative, resolve } from 'node:path';
        const client = new OpenAI();
        const RULES = `\(rules)`;
        export async function reply(question: string) {
          const file = join(resolve(process.cwd(), 'notes'), 'faq.md');
          const notes = `${relative(process.cwd(), file)}\\n${readFileSync(file, 'utf8')}`;
          const system = \(system);
          return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: system }, { role: 'user', content: question }] });
        }
        """
    }

    /// A file under the working directory is the deployment's text: the path differs per machine, the text does not.
    func testTextReadFromUnderTheWorkingDirectoryStaysSilent() throws {
        XCTAssertEqual(try SourceTest.findingLines(notesChat("`Notes:\\n${notes}\\n\\n${RULES}`"), path: "chat.ts"), [])
    }

    func testTheWorkingDirectoryItselfBeforeTheRulesIsReported() throws {
        XCTAssertEqual(
            try SourceTest.findingLines(notesChat("`Working directory: ${process.cwd()}\\n\\n${RULES}`"), path: "chat.ts"), ["PL001@9"])
    }

    private func toolLoop(system: String, appended: String) -> String {
        """
        import OpenAI from 'openai';
        const client = new OpenAI();
        const RULES = `\(rules)`;
        export async function route(question: string, retrievedContext: string, runTool: (c: unknown) => Promise<string>) {
          const messages: any[] = [
            { role: 'system', content: \(system) },
            { role: 'user', content: question },
          ];
          for (let round = 0; round < 5; round++) {
            const response = await client.chat.completions.create({ model: 'gpt-4o', messages });
            const reply = response.choices[0].message;
            messages.push({ role: 'assistant', content: reply.content, tool_calls: reply.tool_calls });
            if (!reply.tool_calls) return reply.content;
            \(appended)
          }
        }
        """
    }

    /// The loop's appends are this question's own rounds: nothing kept across requests follows the retrieved context.
    func testContextBeforeAToolLoopOfOneQuestionStaysSilent() throws {
        let appended = "for (const call of reply.tool_calls) messages.push({ role: 'tool', tool_call_id: call.id, content: await runTool(call) });"
        XCTAssertEqual(try SourceTest.findingLines(toolLoop(system: "RULES + retrievedContext", appended: appended), path: "router.ts"), [])
    }

    /// Near miss: a loop that appends new user turns keeps a conversation, which the context before it breaks.
    func testContextBeforeAChatLoopIsReported() throws {
        let appended = "messages.push({ role: 'user', content: await runTool(reply) });"
        XCTAssertEqual(
            try SourceTest.findingLines(toolLoop(system: "`${RULES}\\n\\nContext:\\n${retrievedContext}`", appended: appended), path: "router.ts"),
            ["PL001@6"])
    }
}
