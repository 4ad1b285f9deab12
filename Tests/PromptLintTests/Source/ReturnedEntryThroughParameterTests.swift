import XCTest

@testable import PromptLint

/// `g.bible` where the prompt function's parameter `g` is bound by its caller to `gather(row)`, or to an object
/// literal spreading it (`{ ...g, loops }`), reads the entry `bible` that `gather` returns, not the whole object:
/// a stored record's JSON column read back keeps its writer's order even when another entry of the same object is
/// decoded input (`SourceAnalysis.returnedEntry(_:of:scope:bindings:)`, `spreadEntries`). Holdout28's companion
/// bot had three PL007 findings on such a character record. The decoded entry itself keeps its finding.
final class ReturnedEntryThroughParameterTests: XCTestCase {
    /// `gather` returns the stored record (`bible`) beside decoded input (`plan`); `diaryPrompt` serializes
    /// `field` of its parameter, which `run` fills with `argument`.
    private func module(field: String, argument: String) -> String {
        """
        import Anthropic from "@anthropic-ai/sdk";

        const client = new Anthropic();

        const gather = (row: any, raw: string) => {
          const bible = JSON.parse(row.bible_json);
          return { bible, plan: JSON.parse(raw) };
        };

        const diaryPrompt = (g: any): string => `You are: ${JSON.stringify(\(field))}
        \(SourceTest.policy) \(SourceTest.policy)`;

        export const run = async (row: any, raw: string, loops: string[]) => {
          const g = gather(row, raw);
          return client.messages.create({
            model: "claude-sonnet-4-5",
            max_tokens: 800,
            messages: [{ role: "user", content: diaryPrompt(\(argument)) }],
          });
        };

        """
    }

    private func pl007(field: String, argument: String) throws -> [Finding] {
        try LintTest.linter().lint(text: module(field: field, argument: argument), path: "nightly.ts", format: nil).findings
            .filter { $0.ruleID == "PL007" }
    }

    func testTheStoredEntryOfAReturnedObjectKeepsItsOrder() throws {
        XCTAssertEqual(try pl007(field: "g.bible.identity", argument: "g").count, 0)
        XCTAssertEqual(try pl007(field: "g.bible.identity", argument: "{ ...g, loops }").count, 0)
    }

    /// Near miss: the decoded entry of the same object, directly or through the spread, is still the sender's order.
    func testTheDecodedEntryStillVaries() throws {
        XCTAssertEqual(try pl007(field: "g.plan", argument: "g").map(\.line), [10])
        XCTAssertEqual(try pl007(field: "g.plan", argument: "{ ...g, loops }").map(\.line), [10])
    }
}
