import Foundation
import XCTest

@testable import PromptLint

/// A module named for prompts (`prompts.ts`, `chat_prompts.py`) is read even when its first bytes import no
/// LLM SDK and name no prompt constant: it often only loads the prompt files other modules send.
final class PromptNamedSourceTests: TemporaryFolderTestCase {
    func testNames() {
        for name in ["prompts.ts", "prompt.py", "chat_prompts.py", "agent-prompts.mjs", "agentPrompts.ts", "system.prompts.js"] {
            XCTAssertTrue(SourceSniff.isNamedForPrompts(name), name)
        }
        for name in ["prompts.tsx", "PromptList.jsx", "prompter.ts", "utils.ts", "prompts.md", "promptsHelper.py"] {
            XCTAssertFalse(SourceSniff.isNamedForPrompts(name), name)
        }
    }

    /// A `.tsx`/`.jsx` file under `components/` is page text: a prompt name there (`systemInstruction`,
    /// `storyPrompt = `) is not enough; an LLM SDK it imports (a client-side call) is. A route handler, or a
    /// component folder of a prompt's parts, is read as before.
    func testUIComponentsNeedAnSDKImport() throws {
        let named = "import { useState } from \"react\";\nexport function Panel() {\n  const storyPrompt = `Tell a story.`;\n"
            + "  return <div>{storyPrompt}</div>;\n}\n"
        let calling = "import OpenAI from \"openai\";\n" + named
        try LintTest.write(named, "web/src/components/chat/Panel.tsx", in: dir)
        try LintTest.write(calling, "web/src/components/chat/Ask.tsx", in: dir)
        try LintTest.write(named, "web/app/api/chat/route.ts", in: dir)
        try LintTest.write(named, "server/prompts/components/Persona.tsx", in: dir)
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertEqual(found.skipped["web/src/components/chat/Panel.tsx"], DiscoveryRules.uiComponentReason)
        XCTAssertEqual(found.read["web/src/components/chat/Ask.tsx"], "UI component that imports an LLM SDK")
        XCTAssertNotNil(found.read["web/app/api/chat/route.ts"])
        XCTAssertNotNil(found.read["server/prompts/components/Persona.tsx"])
        XCTAssertFalse(SourceSniff.isUIComponent(path: "src/components/chat/panel.ts"))
        XCTAssertFalse(SourceSniff.isUIComponent(path: "src/pages/Chat.tsx"))
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
