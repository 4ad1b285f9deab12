import XCTest

@testable import PromptLint

/// A template file that code loads through its own rendering helper without passing values
/// (`loadPrompt("router")` next to `loadPrompt("chat", { TODAY: today })`): the helper returns the text
/// as written, so a placeholder whose name sounds volatile is literal text, not a value.
final class SourceUnfilledTemplateTests: XCTestCase {
    private let loader = """
        import fs from "fs";
        import path from "path";
        export function loadPrompt(name: string, vars?: Record<string, string>): string {
          const text = fs.readFileSync(path.join(__dirname, `${name}.md`), "utf-8");
          if (!vars) return text;
          let out = text;
          for (const [key, value] of Object.entries(vars)) out = out.replaceAll(`{{${key}}}`, value);
          return out;
        }
        """

    /// The node that sends the router prompt; `filled` passes today's date for its placeholder.
    private func router(filled: Bool) -> String {
        let call = filled ? "loadPrompt(\"router\", { TODAY: new Date().toDateString() })" : "loadPrompt(\"router\")"
        return """
            import Anthropic from "@anthropic-ai/sdk";
            import { loadPrompt } from "../prompts/loader";
            const client = new Anthropic();
            export async function route(text: string) {
              return client.messages.create({
                model: "claude-3-5-haiku-latest", max_tokens: 200,
                system: \(call),
                messages: [{ role: "user", content: text }],
              });
            }
            """
    }

    private func files(filled: Bool) -> [String: String] {
        [
            "prompts/loader.ts": loader,
            "prompts/router.md": "Route the message.\nToday is {{TODAY}}.\n\n" + SourceTest.longRules,
            "graph/router.ts": router(filled: filled),
        ]
    }

    func testAPlaceholderOfATemplateLoadedWithoutValuesIsText() throws {
        let found = try SourceTest.folderFindings(files(filled: false)).filter { $0.path == "prompts/router.md" && $0.ruleID == "PL001" }
        XCTAssertEqual(found.map(\.line), [])
    }

    func testTheSameTemplateFilledWithTheDateBreaksItsPrefix() throws {
        let found = try SourceTest.folderFindings(files(filled: true)).filter { $0.path == "prompts/router.md" && $0.ruleID == "PL001" }
        XCTAssertEqual(found.map(\.line), [2])
    }

    func testAFileAlsoLoadedWithValuesElsewhereIsNotTakenForUnfilled() throws {
        var both = files(filled: false)
        both["graph/other.ts"] = router(filled: true).replacingOccurrences(of: "route(", with: "routeAgain(")
        let found = try SourceTest.folderFindings(both).filter { $0.path == "prompts/router.md" && $0.ruleID == "PL001" }
        XCTAssertEqual(found.map(\.line), [2])
    }
}
