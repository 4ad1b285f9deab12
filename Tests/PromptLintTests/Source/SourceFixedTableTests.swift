import XCTest

@testable import PromptLint

/// From source-holdout24 (session 27, then a development set). A field of an entry of a fixed table written at the
/// top level of a module (`const vocab = DOMAIN_VOCABULARY[domain]`, then `${vocab.greetingContext}`) is one of the
/// entries the table writes: the same text for every request with that key, whatever the field's name suggests
/// (CesarAugusto316/whatsapp-ai-agents router-agent.ts 128, reported there before the real break at 152).
/// A counter-example in formatting rules (`Jan 15, 2025, not 2025-01-15T15:14:15Z`) is the form the model must
/// not write, a literal of the code (splashkes/employee-slackbot-mcp openai_router.js 150).
final class SourceFixedTableTests: XCTestCase {
    private func router(table: String, pick: String = "TONES[kind]") -> String {
        """
        import OpenAI from "openai";

        \(table)

        export async function reply(kind: string, past: any[], text: string) {
          const tone = \(pick);
          const system = `You speak as ${tone.greetingContext}.
        \(SourceTest.longRules)`;
          return new OpenAI().chat.completions.create({
            model: "m",
            messages: [{ role: "system", content: system }, ...past, { role: "user", content: text }],
          });
        }
        """
    }

    private let fixed = """
        const TONES = {
          shop: { greetingContext: "a shop assistant" },
          clinic: { greetingContext: "a clinic receptionist" },
        };
        """

    func testAFieldOfAFixedTableEntryIsConstant() throws {
        XCTAssertEqual(try SourceTest.findingLines(router(table: fixed), path: "router.ts"), [])
        let slot = SourceTest.read(router(table: fixed), path: "router.ts").slots.first
        XCTAssertEqual(slot?.provenance?.volatility, .constant)
    }

    /// The table in another module of the folder, imported by name.
    func testAnImportedFixedTableIsConstant() throws {
        let router = router(table: "import { TONES } from \"./tones\";")
        let findings = try SourceTest.folderFindings(["router.ts": router, "tones.ts": "export " + fixed + "\n"])
        XCTAssertEqual(findings.filter { $0.ruleID == "PL001" }.map(\.line), [])
    }

    /// Near miss: a table that starts empty and is filled at run time (per channel) is no fixed table; the
    /// field's name (`…Context`, retrieved text) still judges it before the conversation.
    func testATableFilledAtRunTimeIsJudgedByTheName() throws {
        let filled = router(table: "const TONES: Record<string, any> = {};")
        XCTAssertEqual(try SourceTest.findingLines(filled, path: "router.ts"), ["PL001@7"])
    }

    /// Near miss: a pick from a fixed table by the clock (`DAYS[new Date().getDay()]`) changes over time.
    func testAPickByTheClockStillBreaksThePrefix() throws {
        let text = router(table: fixed, pick: "TONES[new Date().getSeconds() % 2 ? \"shop\" : \"clinic\"]")
        XCTAssertEqual(try SourceTest.findingLines(text, path: "router.ts"), ["PL001@10"])
    }

    /// A rendered plain-text prompt, which PL002 reads (it is quiet in source code).
    private func formatRules(_ sentence: String) -> String {
        "\(SourceTest.policy)\n\(sentence)\n\(SourceTest.longRules)"
    }

    func testACounterExampleTimestampIsNoVolatileLiteral() throws {
        XCTAssertEqual(try LintTest.volatileLiterals(formatRules(
            "Write dates for people (Jan 15, 2025 at 3:14 PM ET, not 2025-01-15T15:14:15Z).")), [])
        XCTAssertEqual(try LintTest.volatileLiterals(formatRules("Say Jan 15 instead of 2025-01-15T15:14:15Z.")), [])
    }

    /// Near miss: the same timestamp stated as the session's start stays a volatile literal.
    func testAStatedTimestampStaysAVolatileLiteral() throws {
        XCTAssertEqual(try LintTest.volatileLiterals(formatRules("The session started 2025-01-15T15:14:15Z.")), ["PL002@2"])
    }
}
