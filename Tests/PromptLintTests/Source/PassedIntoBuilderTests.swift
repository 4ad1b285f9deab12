import XCTest

@testable import PromptLint

/// A clock read by the caller and passed to a prompt builder of another module (`buildSystemPrompt(user.name,
/// now)`, the builder writing `Today's date: ${currentDate}`) is one prefix break, found twice before: at the
/// builder's placeholder (its parameter traced to the callers' clock) and at each send site (holdout26's task
/// agent: two send sites of one template). The send site's finding names where the value enters the builder's
/// prompt and is folded into the builder's finding, which lists the send sites (`LintRunner.foldingSendSites`).
/// A send site that sees more (the conversation after a prompt whose own tail is short) makes the builder's
/// finding as severe as its own (holdout26's WhatsApp bot); a different break in the caller's file keeps its own finding.
final class PassedIntoBuilderTests: XCTestCase {
    /// The builder: `copies` copies of the policy after the date it is given.
    private func builder(copies: Int) -> String {
        let rules = Array(repeating: SourceTest.policy, count: copies).joined(separator: " ")
        return """
            export function buildSystemPrompt(userName: string, currentDate: string): string {
              return `You are the assistant of a garden shop.
            Today's date: ${currentDate}
            \(rules)
            You are talking with ${userName}.`;
            }

            """
    }

    /// The caller: two send sites, one with a local clock, one with the clock written in the call; with
    /// `summary`, a second request whose own prompt reads the clock.
    private func caller(summary: Bool = false) -> String {
        var text = """
            import OpenAI from "openai";
            import { buildSystemPrompt } from "./prompt";

            const client = new OpenAI();

            export async function reply(user: { name: string }, history: any[]) {
              const now = new Date().toLocaleString();
              const systemPrompt = buildSystemPrompt(user.name, now);
              return client.chat.completions.create({
                model: "gpt-4o",
                messages: [{ role: "system", content: systemPrompt }, ...history],
              });
            }

            export async function replyToPhoto(user: { name: string }, history: any[]) {
              return client.chat.completions.create({
                model: "gpt-4o",
                messages: [{ role: "system", content: buildSystemPrompt(user.name, new Date().toISOString()) }, ...history],
              });
            }

            """
        if summary {
            let rules = Array(repeating: SourceTest.policy, count: 16).joined(separator: " ")
            text += """

                export async function summarize(history: any[]) {
                  const stamp = new Date().toLocaleString();
                  return client.chat.completions.create({
                    model: "gpt-4o",
                    messages: [{ role: "system", content: `Summary written at ${stamp}.
                \(rules)` }, ...history],
                  });
                }

                """
        }
        return text
    }

    private func prefixFindings(copies: Int, summary: Bool = false) throws -> [Finding] {
        try SourceTest.folderFindings(["prompt.ts": builder(copies: copies), "agent.ts": caller(summary: summary)])
            .filter { $0.ruleID == "PL001" }
    }

    func testAClockPassedToABuilderOfAnotherModuleIsOneFinding() throws {
        let found = try prefixFindings(copies: 16)
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, ["prompt.ts@3"], "\(found.map(\.message))")
        XCTAssertEqual(found.first?.severity, .warning)
        let sites = found.first?.related.filter { $0.path == "agent.ts" }.map(\.line) ?? []
        XCTAssertEqual(sites.count, 2, "\(found.map(\.related))")
        for line in sites {
            XCTAssertTrue(found.first?.message.contains("sent at agent.ts line \(line)") == true, "\(found.map(\.message))")
        }
    }

    /// A short tail in the builder: the builder's file sees the conversation the callers send after the prompt,
    /// so the break is still found there, once, naming both send sites.
    func testAShortBuilderTailIsStillOneFinding() throws {
        let found = try prefixFindings(copies: 1)
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, ["prompt.ts@3"], "\(found.map(\.message))")
        XCTAssertEqual(found.first?.related.filter { $0.path == "agent.ts" }.map(\.line), [11, 18], "\(found.map(\.related))")
    }

    /// The builder's tail is short (an `info` there), the send sites see the conversation after it (warnings):
    /// one finding, at the builder's slot, as severe as theirs, so the run still fails on the break.
    func testAMoreSevereSendSiteRaisesTheBuildersFinding() throws {
        let found = try prefixFindings(copies: 8)
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, ["prompt.ts@3"], "\(found.map(\.message))")
        XCTAssertEqual(found.first?.severity, .warning)
        XCTAssertEqual(found.first?.related.filter { $0.path == "agent.ts" }.count, 2, "\(found.map(\.related))")
        XCTAssertFalse(found.first?.message.contains("the cost is small") == true, "\(found.map(\.message))")
    }

    /// Near miss: a second request of the caller's file with its own clock in its own prompt is another break
    /// and keeps its finding.
    func testAnotherBreakInTheCallersFileStays() throws {
        let found = try prefixFindings(copies: 16, summary: true)
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, ["agent.ts@26", "prompt.ts@3"], "\(found.map(\.message))")
    }

    /// Near miss: the send site adds its own per-request text after the builder's prompt (`systemPrompt +=` the
    /// memories found for this message, holdout26's task agent): a second break the builder's file cannot see, so
    /// the send site keeps its finding beside the builder's.
    func testASendSiteAppendingItsOwnContextKeepsItsFinding() throws {
        let caller = """
            import OpenAI from "openai";
            import { buildSystemPrompt } from "./prompt";

            const client = new OpenAI();

            export async function reply(user: { name: string }, history: any[], message: string) {
              const now = new Date().toLocaleString();
              let systemPrompt = buildSystemPrompt(user.name, now);
              const memories = await memoryStore.search(message);
              systemPrompt += `\\n\\nWhat I remember:\\n${memories.join("\\n")}`;
              return client.chat.completions.create({
                model: "gpt-4o",
                messages: [{ role: "system", content: systemPrompt }, ...history],
              });
            }

            """
        let found = try SourceTest.folderFindings(["prompt.ts": builder(copies: 16), "agent.ts": caller])
            .filter { $0.ruleID == "PL001" }
        XCTAssertEqual(found.map { "\($0.path)@\($0.line)" }, ["agent.ts@8", "prompt.ts@3"], "\(found.map(\.message))")
    }
}
