import XCTest

@testable import PromptLint

/// A prompt chosen between variants written in the file (`const system = deep ? `…long…` : `…short…``) and then
/// embedded in a message (`${system}`) reads as its first variant: the variants share the request's layout, and
/// each is a cacheable prefix of its own, so a clock before the embedded prompt breaks the static text after it.
/// A clock after the whole prompt, or a choice with an empty branch (a value left out), is not that; a choice
/// between found passages joined by a call and a fallback text stays the request's value; a value quoted by one
/// variant only is that case's text, and a variant that fills none stands for the choice. Own text.
final class TemplateVariantChoiceTests: XCTestCase {
    private static let long = String(repeating: "Check the catalogue and quote the shelf of each lamp before you answer. ", count: 40)
    /// A long prompt for the deep mode, a short one otherwise.
    private static let deepOrQuick = "mode === \"deep\" ? `\(long)` : `Quote one lamp.`"

    /// A search function whose system message is `system` and whose prompt choice is `choice`.
    private func search(system: String, choice: String) -> String {
        """
        import OpenAI from "openai";
        const client = new OpenAI();
        export async function search(question: string, mode: string) {
          const prompt = \(choice);
          const done = await client.chat.completions.create({
            model: "gpt-4o",
            messages: [
              { role: "system", content: \(system) },
              { role: "user", content: question },
            ],
          });
          return done.choices[0].message.content;
        }
        """
    }

    private func findings(system: String, choice: String = TemplateVariantChoiceTests.deepOrQuick) throws -> [Finding] {
        try LintTest.linter().lint(text: search(system: system, choice: choice), path: "lamps.ts", format: nil).findings
            .filter { $0.ruleID == "PL001" }
    }

    func testAClockBeforeAChosenLongPromptWarns() throws {
        let found = try findings(system: "`Now: ${new Date().toISOString()}\\n\\n${prompt}`")
        XCTAssertEqual(found.map(\.line), [8])
        XCTAssertEqual(found.map(\.severity), [.warning])
    }

    func testAClockAfterTheChosenPromptIsAtMostCheap() throws {
        let found = try findings(system: "`${prompt}\\n\\nNow: ${new Date().toISOString()}`")
        XCTAssertFalse(found.contains { $0.severity != .info })
    }

    func testAChoiceWithAnEmptyBranchStaysAValue() throws {
        let found = try findings(system: "`Now: ${new Date().toISOString()}\\n\\n${prompt}`", choice: "mode === \"deep\" ? `\(Self.long)` : \"\"")
        XCTAssertFalse(found.contains { $0.severity == .warning })
    }

    func testAValueQuotedByOneVariantOnlyIsNotTheSlot() throws {
        let choice = "isVip ? `VIP guest ${guestId}: greet them by name. \(Self.long)` : `\(Self.long)`"
        let found = try findings(system: "`${prompt}\n\nNow: ${new Date().toISOString()}`", choice: choice)
        XCTAssertFalse(found.contains { $0.line == 4 }, "the id quoted only by the VIP variant is not the request's slot")
        XCTAssertFalse(found.contains { $0.severity != .info })
    }

    func testFoundPassagesOrAFallbackStayAValueBeforeTheConversation() throws {
        let text = """
            import OpenAI from "openai";
            const client = new OpenAI();
            export async function answer(found: { text: string }[], history: { role: "user"; content: string }[]) {
              const evidence = found.length ? found.map((f) => f.text).join("\\n") : "(nothing found)";
              const done = await client.chat.completions.create({
                model: "gpt-4o",
                messages: [{ role: "system", content: `Answer from the notes.\\n${evidence}` }, ...history],
              });
              return done.choices[0].message.content;
            }
            """
        XCTAssertEqual(try SourceTest.findingLines(text, path: "notes.ts"), ["PL001@7"])
    }
}
