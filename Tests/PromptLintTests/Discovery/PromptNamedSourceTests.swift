import Foundation
import XCTest

@testable import PromptLint

/// A module named for prompts (`prompts.ts`, `chat_prompts.py`) is read even when its first bytes import no
/// LLM SDK and name no prompt constant: it often only loads the prompt files other modules send.
final class PromptNamedSourceTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws { dir = try LintTest.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func testNames() {
        for name in ["prompts.ts", "prompt.py", "chat_prompts.py", "agent-prompts.mjs", "agentPrompts.ts", "system.prompts.js"] {
            XCTAssertTrue(SourceSniff.isNamedForPrompts(name), name)
        }
        for name in ["prompts.tsx", "PromptList.jsx", "prompter.ts", "utils.ts", "prompts.md", "promptsHelper.py"] {
            XCTAssertFalse(SourceSniff.isNamedForPrompts(name), name)
        }
    }

    func testAPromptsModuleIsReadAndItsNeighbourIsNot() throws {
        let body = "import { parse } from \"toml-lib\";\nconst raw = await readText(\"../../prompts.toml\");\nexport const table = parse(raw);\n"
        try LintTest.write(body, "src/lib/prompts.ts", in: dir)
        try LintTest.write(body, "src/lib/table.ts", in: dir)
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertEqual(found.read["src/lib/prompts.ts"], "source file named for prompts (prompts.ts)")
        XCTAssertEqual(found.skipped["src/lib/table.ts"], DiscoveryRules.sourceWithoutPromptsReason)
    }
}
