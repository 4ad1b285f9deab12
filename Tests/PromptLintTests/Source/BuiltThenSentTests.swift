import XCTest

@testable import PromptLint

/// A prompt built around a clock where the value enters it (`${now}`) and sent whole further down the same file
/// (`content: systemPrompt`) is one prefix break: the send site's finding is folded into the placeholder's, which
/// names the send site (`PromptLinter.foldingLocalSendSites`; holdout25's WhatsApp agent had a second finding at
/// each send site). A send site that sees more (the conversation after a prompt whose own static tail is short)
/// makes the placeholder's finding as severe as its own; a second prompt with its own clock keeps its own finding; a send site whose
/// prompt has no placeholder finding stays.
final class BuiltThenSentTests: XCTestCase {
    /// `buildSystemPrompt` puts the clock before `copies` copies of the policy; `reply` sends it, or a constant
    /// greeting on a new conversation, before the conversation; `second` adds another prompt with its own clock.
    /// With `senderFirst`, `reply` is written above the helper it calls.
    private func builtThenSent(copies: Int, second: Bool = false, senderFirst: Bool = false) -> String {
        let rules = Array(repeating: SourceTest.policy, count: copies).joined(separator: " ")
        let builder = """
            async function buildSystemPrompt(tenantId: string): Promise<string> {
              const now = new Date().toLocaleString();
              let prompt = `It is ${now}.
            \(rules)`;
              prompt += "\\nAnswer in the customer's language.";
              return prompt;
            }
            """
        let sender = """
            export async function reply(tenantId: string, history: any[]) {
              let systemPrompt: string;
              if (history.length === 1) {
                systemPrompt = "Greet the customer in one sentence.";
              } else {
                systemPrompt = await buildSystemPrompt(tenantId);
              }
              return client.chat.completions.create({
                model: "gpt-4o",
                messages: [{ role: "system", content: systemPrompt }, ...history],
              });
            }
            """
        let summary = """
            export async function summarize(history: any[]) {
              const stamp = new Date().toLocaleString();
              const summaryPrompt = `Summaries written at ${stamp}.
            \(rules)`;
              return client.chat.completions.create({
                model: "gpt-4o",
                messages: [{ role: "system", content: summaryPrompt }, ...history],
              });
            }
            """
        let parts = (senderFirst ? [sender, builder] : [builder, sender]) + (second ? [summary] : [])
        return "import OpenAI from \"openai\";\n\nconst client = new OpenAI();\n\n" + parts.joined(separator: "\n\n") + "\n"
    }

    private func prefixFindings(_ text: String) throws -> [Finding] {
        try LintTest.linter(LintTest.costConfiguration).lint(text: text, path: "agent.ts", format: nil).findings
            .filter { $0.ruleID == "PL001" }
    }

    func testAPromptBuiltThenSentIsOneFinding() throws {
        let found = try prefixFindings(builtThenSent(copies: 16))
        XCTAssertEqual(found.map(\.line), [7], "\(found.map(\.message))")
        XCTAssertEqual(found.first?.severity, .warning)
        XCTAssertTrue(found.first?.message.contains("sent at line 22") == true, "\(found.map(\.message))")
        XCTAssertTrue(found.first?.related.contains { $0.line == 22 } == true)
    }

    /// The helper written below its caller: still one finding, at the placeholder.
    func testASenderAboveItsHelperIsStillOneFinding() throws {
        let found = try prefixFindings(builtThenSent(copies: 16, senderFirst: true))
        XCTAssertEqual(found.count, 1, "\(found.map(\.message))")
        XCTAssertTrue(found.first?.snippet.hasPrefix("${now}") == true, "\(found.map(\.snippet))")
    }

    /// The placeholder's own tail is short (an `info` there), the send site sees the conversation after the
    /// prompt (a warning): one finding, at the placeholder, as severe as the send site's, so the run still fails.
    func testAMoreSevereSendSiteRaisesThePlaceholdersFinding() throws {
        let found = try prefixFindings(builtThenSent(copies: 8))
        XCTAssertEqual(found.map(\.line), [7], "\(found.map(\.message))")
        XCTAssertEqual(found.first?.severity, .warning)
        XCTAssertTrue(found.first?.related.contains { $0.line == 22 } == true)
        XCTAssertTrue(found.first?.message.contains("sent at line 22") == true, "\(found.map(\.message))")
        XCTAssertFalse(found.first?.message.contains("the cost is small") == true, "\(found.map(\.message))")
    }

    /// Near miss: the placeholder's tail is too short for any finding; the send site is the only report.
    func testASendSiteWithoutAPlaceholderFindingStays() throws {
        let found = try prefixFindings(builtThenSent(copies: 1))
        XCTAssertEqual(found.map(\.line), [22], "\(found.map(\.message))")
    }

    /// Near miss: a second prompt with its own clock read breaks on its own and keeps its finding.
    func testASecondPromptWithItsOwnClockKeepsItsFinding() throws {
        let found = try prefixFindings(builtThenSent(copies: 16, second: true))
        XCTAssertEqual(found.map(\.line), [7, 28], "\(found.map(\.message))")
    }
}
