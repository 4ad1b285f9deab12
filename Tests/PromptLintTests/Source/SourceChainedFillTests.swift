import XCTest

@testable import PromptLint

/// A template file read whole and filled by a chain of `replace` calls
/// (`readFileSync(p).replace("{{A}}", a).replace("{{B}}", b)`): every call of the chain fills the same file.
final class SourceChainedFillTests: XCTestCase {
    /// A builder that reads `prompts/intent.md` and fills its product name, then `note`.
    private func builder(note: String) -> String {
        """
        import { readFileSync } from "fs";
        import { join } from "path";
        const PRODUCT = "Acme Cloud";
        export function buildIntentPrompt(): string {
          const note = \(note);
          let prompt = readFileSync(join(__dirname, "prompts", "intent.md"), "utf8");
          prompt = prompt
            .replace("{{PRODUCT}}", PRODUCT)
            .replace("{{NOTE}}", note);
          return prompt;
        }
        """
    }

    private func findings(note: String) throws -> [Finding] {
        try SourceTest.folderFindings([
            "server/llm/prompts/intent.md": "You answer questions about {{PRODUCT}}.\nNote: {{NOTE}}.\n\n" + SourceTest.longRules,
            "server/llm/intent.ts": builder(note: note),
        ]).filter { $0.ruleID == "PL001" }
    }

    func testTheLastFillOfAChainPassesTheClockToTheTemplate() throws {
        let found = try findings(note: "`as of ${new Date().toISOString()}`")
        XCTAssertEqual(found.map(\.path), ["server/llm/prompts/intent.md"])
        XCTAssertEqual(found.map(\.line), [2])
        XCTAssertEqual(found.first?.severity, .warning)
        XCTAssertEqual(found.first?.related.map(\.line), [9])
    }

    func testAChainFillingConstantsLeavesTheTemplateQuiet() throws {
        XCTAssertEqual(try findings(note: "\"answer briefly\"").map(\.line), [])
    }
}
