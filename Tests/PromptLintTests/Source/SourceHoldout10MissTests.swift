import XCTest

@testable import PromptLint

/// Classes of construct behind misses of holdout10 (session 15): placeholders filled by a `.replace` loop over an
/// object of values, and `.replace` on a prompt constant imported from another module.
final class SourceHoldout10MissTests: XCTestCase {
    /// A long prompt with `{workdir}` near the top and braces of a code example further down.
    private static let template = "You are a coding agent working in {workdir}.\\n"
        + String(repeating: SourceTest.policy + "\\n", count: 40)
        + "Example: prisma.user.findUnique({ where: { id } }).\\n"

    private func loopFill(_ workdir: String) -> String {
        """
        import OpenAI from 'openai';

        const SYSTEM_PROMPT = `\(Self.template)`;

        export function getSystemPrompt(): string {
          const workdir = \(workdir);
          const collected = { workdir: workdir };
          const values = { workdir: 'Unknown', ...collected };
          let formatted = SYSTEM_PROMPT;
          for (const key in values) {
            const placeholder = `{${key}}`;
            formatted = formatted.replace(new RegExp(placeholder, 'g'), values[key]);
          }
          return formatted;
        }

        export async function ask(history: any[]) {
          return new OpenAI().chat.completions.create({
            model: 'm',
            messages: [{ role: 'system', content: getSystemPrompt() }, ...history],
          });
        }
        """
    }

    func testAReplaceLoopOverAnObjectFillsItsFields() throws {
        let findings = try LintTest.linter().lint(text: loopFill("process.cwd()"), path: "prompt.ts", format: nil).findings
            .filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map(\.line), [3])
        // Only the object's fields are slots: the code example's braces stay text.
        XCTAssertFalse(findings.map(\.message).joined().contains("where"), findings.map(\.message).joined())
        // A constant in the same place breaks nothing.
        XCTAssertEqual(try SourceTest.findingLines(loopFill("'/srv/app'"), path: "prompt.ts"), [])
    }

    func testReplaceOnAnImportedPromptNamesThePlaceholderInItsFile() throws {
        let findings = try SourceTest.folderFindings([
            "app/prompts/system.ts": "export const SYSTEM_PROMPT = `Today is {TODAY_ISO}.\\n\(String(repeating: SourceTest.policy + "\\n", count: 40))`;\n",
            "lib/agent.ts": """
                import { streamText } from 'ai';
                import { SYSTEM_PROMPT } from '../app/prompts/system';

                export async function chat(messages: any[]) {
                  return streamText({
                    model: 'm',
                    system: SYSTEM_PROMPT
                      .replace('{TODAY_ISO}', new Date().toISOString()),
                    messages,
                  });
                }
                """,
        ]).filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line)" }, ["lib/agent.ts@8"])
        XCTAssertEqual(findings.first?.related.first { $0.path != nil }?.path, "app/prompts/system.ts")
        XCTAssertEqual(findings.first?.related.first { $0.path != nil }?.line, 1)
    }
}
