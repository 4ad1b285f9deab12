import XCTest

@testable import PromptLint

/// Issue 12 (deliver 4 and 5) on whole repositories: one finding per prefix break across files, a parameter's
/// name outweighed by the member the value is read from, filtered part lists, and dates built from a value.
final class WholeRepositoryOneBreakTests: XCTestCase {
    private let builder = """
        export const systemPrompt = () => `You are Helper.
        The current time is ${new Date().toLocaleString()}.
        \(SourceTest.longRules)`
        """

    private func sender(_ system: String) -> String {
        """
        import OpenAI from 'openai'
        import { systemPrompt } from './prompt'

        const client = new OpenAI()

        export async function reply(history: { role: 'user' | 'assistant'; content: string }[]) {
          return client.chat.completions.create({
            model: 'gpt-4o',
            messages: [{ role: 'system', content: \(system) }, ...history],
          })
        }
        """
    }

    /// A prompt builder with the clock, sent from another file: one finding, at the clock, naming the send site.
    func testSendSiteFindingIsFoldedIntoTheValuesFinding() throws {
        let findings = try SourceTest.folderFindings(["src/prompt.ts": builder, "src/index.ts": sender("systemPrompt()")])
            .filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map { "\($0.path):\($0.line)" }, ["src/prompt.ts:2"])
        XCTAssertTrue(findings.first?.related.contains { $0.path == "src/index.ts" && $0.line == 9 } == true)
        XCTAssertTrue(findings.first?.message.contains("sent at src/index.ts line 9") == true)
    }

    /// Near miss: the send site breaks the prefix with a clock of its own before the imported prompt; that is
    /// another break, so its finding stays.
    func testSendSiteWithItsOwnBreakKeepsItsFinding() throws {
        let findings = try SourceTest.folderFindings([
            "src/prompt.ts": builder, "src/index.ts": sender("`${Date.now()}\\n${systemPrompt()}`"),
        ]).filter { $0.ruleID == "PL001" }
        XCTAssertTrue(findings.contains { $0.path == "src/index.ts" }, findings.map(\.message).joined(separator: "\n"))
    }

    private func agent(_ first: String, _ second: String) -> String {
        """
        import OpenAI from 'openai'

        type Window = { recentMessages: { role: string; content: string }[]; dailySummaries: { text: string }[]; weeklySummaries: { text: string }[]; hits: { text: string }[] }

        export class Agent {
          private client = new OpenAI()

          async reply(contextWindow: Window, text: string) {
            return this.client.chat.completions.create({ model: 'gpt-4o', messages: this.build(contextWindow, text) })
          }

          private build(contextWindow: Window, text: string) {
            const summary = this.summaryContext(contextWindow)
            return [
              { role: 'system', content: 'Be brief.' },
              ...(summary ? [{ role: 'system', content: summary }] : []),
              ...contextWindow.recentMessages.map((m) => ({ role: m.role, content: m.content })),
              { role: 'user', content: text },
            ]
          }

          private summaryContext(contextWindow: Window): string {
            const sections = [
              this.section('First', contextWindow.\(first)),
              this.section('Second', contextWindow.\(second)),
            ].filter(Boolean)
            if (sections.length === 0) {
              return ''
            }
            return `Conversation memory:\\n${sections.join('\\n\\n')}`
          }

          private section(label: string, items: { text: string }[]): string {
            return items.length ? `${label}:\\n${items.map((i) => i.text).join('\\n')}` : ''
          }
        }
        """
    }

    /// `RULE@line` of the prefix-break findings `promptlint check .` (default profile) gives for the file `agent.ts`.
    private func lines(_ text: String) throws -> [String] {
        try SourceTest.folderFindings(["agent.ts": text]).filter { $0.ruleID == "PL001" }.map { "\($0.ruleID)@\($0.line)" }
    }

    /// Summaries made once a day or week, read off a parameter named `contextWindow`: per-day values, not
    /// content retrieved for the request, so the conversation after them is not reported.
    func testPeriodicMembersOfAContextParameterAreNotRetrievedText() throws {
        XCTAssertEqual(try lines(agent("dailySummaries", "weeklySummaries")), [])
    }

    /// Near miss: hits read off the same parameter are still retrieved text before the conversation (info).
    func testOtherMembersOfAContextParameterStayRetrievedText() throws {
        XCTAssertEqual(try lines(agent("hits", "hits")), ["PL001@30"])
    }

    /// `[a, b].filter(Boolean).join(...)`: the parts themselves, so the finding is at the clock inside them.
    func testFilteredPartListIsRenderedPartByPart() throws {
        let text = """
            import OpenAI from 'openai'

            const client = new OpenAI()
            const rules = `\(SourceTest.longRules)`

            export async function reply(history: { role: 'user' | 'assistant'; content: string }[]) {
              const system = [`Today is ${new Date().toISOString()}.`, rules].filter(Boolean).join('\\n\\n')
              return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: system }, ...history] })
            }
            """
        let findings = try SourceTest.findings(text, path: "chat.ts")
        XCTAssertEqual(findings.count, 1)
        XCTAssertEqual(findings.first.map { String($0.split(separator: ":").last ?? "") }, "29")
        XCTAssertTrue(SourceAnalysis.keepsTruthy("Boolean"))
        XCTAssertTrue(SourceAnalysis.keepsTruthy("(s) => s"))
        XCTAssertTrue(SourceAnalysis.keepsTruthy("x => !!x"))
        XCTAssertFalse(SourceAnalysis.keepsTruthy("(s) => s.length > 3"))
    }

    /// `new Date()` reads the clock; `new Date(user.joinedAt)` is the date it is given.
    func testDateBuiltFromAValueIsNotTheClock() {
        func classify(_ expression: String) -> SlotClass {
            SlotClassifier().classify(TemplateSlot(expression: expression, source: "${\(expression)}", position: .start))
        }
        XCTAssertEqual(classify("new Date().toLocaleString()").volatility, .perRequest)
        XCTAssertEqual(classify("new Date ( ).toISOString()").volatility, .perRequest)
        XCTAssertNotEqual(classify("new Date(user.joinedAt).getFullYear()").volatility, .perRequest)
    }
}
