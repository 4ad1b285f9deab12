import XCTest

@testable import PromptLint

/// A prompt builder that returns its system text as a named entry of an object (`return { systemPrompt:
/// lines.join("\n"), history }`), which another file destructures and sends: the entry is the system prompt,
/// read where the builder writes it. Each case is a generated folder checked as `promptlint check .` would.
final class ReturnedSystemPromptEntryTests: XCTestCase {
    /// `path@line severity` of each PL001 finding of `files`.
    private func check(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { $0.ruleID == "PL001" }.map { "\($0.path)@\($0.line) \($0.severity.rawValue)" }
    }

    /// A builder whose lines array opens with `head` and closes with `tail` around `rules`, returned as
    /// `systemPrompt` beside the stored history, and a route that destructures both and sends them.
    private func builder(head: String, rules: String = SourceTest.longRules, tail: String = "Be brief.") -> [String: String] {
        [
            "lib/buildSystemPrompt.ts": """
                export async function buildSystemPrompt(userId: string) {
                  const now = new Date();
                  const history = await loadMessages(userId);
                  const lines: string[] = [
                    `\(head)`,
                    `\(rules)`,
                    `\(tail)`,
                  ];
                  return { systemPrompt: lines.join("\\n"), history };
                }
                """,
            "app/route.ts": """
                import Anthropic from "@anthropic-ai/sdk";
                import { buildSystemPrompt } from "@/lib/buildSystemPrompt";

                const anthropic = new Anthropic();

                export async function POST(userId: string) {
                  const { systemPrompt, history } = await buildSystemPrompt(userId);
                  return anthropic.messages.create({ model: "claude-sonnet-4-5", max_tokens: 512, system: systemPrompt, messages: history });
                }
                """,
        ]
    }

    func testTheClockBeforeLongRulesInAReturnedSystemPromptEntryIsReportedAtTheClock() throws {
        XCTAssertEqual(try check(builder(head: "Now: ${now.toISOString()}.")), ["lib/buildSystemPrompt.ts@5 warning"])
    }

    func testTheClockAfterAllStaticTextOfTheEntryIsNotReported() throws {
        XCTAssertEqual(try check(builder(head: "You are a planner.", tail: "Now: ${now.toISOString()}.")), [])
    }

    func testTheClockBeforeAShortTailOfTheEntryIsOnlyNoted() throws {
        XCTAssertEqual(try check(builder(head: "Now: ${now.toISOString()}.", rules: SourceTest.notedPolicy)),
                       ["lib/buildSystemPrompt.ts@5 info"])
    }
}
