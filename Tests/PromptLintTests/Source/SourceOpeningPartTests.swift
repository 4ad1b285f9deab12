import XCTest

@testable import PromptLint

/// A prompt function of one module whose output opens a longer text sent by another module before the
/// conversation (source-cache and source-holdout misses, session 18): `` `${getSystemPrompt()}. Summary:
/// ${summary}` ``, a system text grown from an empty start with `system += buildPrompt(…)`, either side of
/// `override ?? …`, and the turns handed through `await convertToModelMessages(messages)`. The value that
/// changes is reported where it enters the prompt, in the prompt module.
final class SourceOpeningPartTests: XCTestCase {
    private func prompts(_ stamp: String) -> String {
        """
        export function getSystemPrompt() {
          return `You are Owl, a research assistant. \(stamp)
        \(SourceTest.policy)
        `;
        }
        """
    }

    private func pl001(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line)" }
    }

    func testATemplateOpeningWithAForeignPromptFunction() throws {
        let run = """
            import OpenAI from 'openai';
            import { getSystemPrompt } from './prompts';

            const openai = new OpenAI();

            export async function run(messages: any[], summary: string, override?: string) {
              const content = override ?? `${getSystemPrompt()}. Summary so far: ${summary}`;
              return openai.chat.completions.create({
                model: 'gpt-4o-mini',
                messages: [{ role: 'system', content }, ...messages],
              });
            }
            """
        let clock = prompts("Time: ${new Date().toLocaleString()}.")
        XCTAssertTrue(try pl001(["prompts.ts": clock, "run.ts": run]).contains("prompts.ts@2"))
        // The same prompt without the clock: nothing changes per request before the conversation.
        XCTAssertEqual(try pl001(["prompts.ts": prompts("Be brief."), "run.ts": run]), [])
    }

    func testASystemTextGrownFromEmptyBeforeConvertedTurns() throws {
        let route = """
            import { streamText, convertToModelMessages } from 'ai';
            import { getSystemPrompt } from './prompts';

            export async function POST(req: Request) {
              const { messages, search } = await req.json();
              let system = ``;
              system += getSystemPrompt();
              if (search) {
                system += `Use the web search tool for the next message.`;
              }
              const result = streamText({
                model: 'openai/gpt-4o-mini',
                messages: await convertToModelMessages(messages),
                system: system.trim() !== "" ? system : undefined,
              });
              return result.toUIMessageStreamResponse();
            }
            """
        let clock = prompts("Server time: ${new Date().toISOString()}.")
        XCTAssertTrue(try pl001(["prompts.ts": clock, "route.ts": route]).contains("prompts.ts@2"))
        XCTAssertEqual(try pl001(["prompts.ts": prompts("Be brief."), "route.ts": route]), [])
    }

    func testAPythonFStringOpeningWithAForeignPromptFunction() throws {
        let prompts = """
            from datetime import datetime


            def get_system_prompt():
                return f"You are Owl. Now: {datetime.now().isoformat()}\\n\(SourceTest.policy)"
            """
        let app = """
            from openai import OpenAI
            from prompts import get_system_prompt

            client = OpenAI()


            def reply(history, notes):
                system = f"{get_system_prompt()}\\nNotes: {notes}"
                return client.chat.completions.create(
                    model="gpt-4o-mini", messages=[{"role": "system", "content": system}, *history])
            """
        XCTAssertTrue(try pl001(["prompts.py": prompts, "app.py": app]).contains("prompts.py@5"))
        // The prompt function's output after the notes: not what the text opens with, so not linked.
        let late = app.replacingOccurrences(of: "f\"{get_system_prompt()}\\nNotes: {notes}\"", with: "f\"Notes: {notes}\\n{get_system_prompt()}\"")
        XCTAssertNotEqual(late, app)
        XCTAssertFalse(try pl001(["prompts.py": prompts, "app.py": late]).contains("prompts.py@5"))
    }
}
