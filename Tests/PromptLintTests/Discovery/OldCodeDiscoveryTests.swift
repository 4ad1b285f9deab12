import Foundation
import XCTest

@testable import PromptLint

/// Folders of old code no live path runs (a previous version moved to `archive/`), and file names where
/// `system` is part of a phrase rather than the role the file fills.
final class OldCodeDiscoveryTests: TemporaryFolderTestCase {
    private let template = "You plan the day.\nNow: {{ now }}\nRules follow."
    private let sender = "from openai import OpenAI\nclient = OpenAI()\nSYSTEM_PROMPT = \"You help.\"\n"

    func testArchivedVersionOfTheProjectIsSkipped() throws {
        try LintTest.write(template, "archive/backend/prompts/planner.md", in: dir)
        try LintTest.write(sender, "archive/backend/src/loop.py", in: dir)
        try LintTest.write(template, "tools/deprecated/prompts/planner.md", in: dir)
        try LintTest.write(template, "backend/prompts/planner.md", in: dir)
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertEqual(found.skipped["archive/"], "old code folder (archive/, which no live path runs)")
        XCTAssertEqual(found.skipped["tools/deprecated/"], "old code folder (deprecated/, which no live path runs)")
        XCTAssertNil(found.read["archive/backend/prompts/planner.md"])
        XCTAssertNil(found.read["archive/backend/src/loop.py"])
        XCTAssertNotNil(found.read["backend/prompts/planner.md"])  // the live copy beside it
    }

    /// Near misses: a folder named `archive` that is a module the code imports (a Python package, a folder module
    /// or route with `index.ts`) is live code named for what it does, and `legacy/` is often still run.
    func testArchiveModulesAndLegacyFoldersAreStillRead() throws {
        try LintTest.write("", "src/archive/__init__.py", in: dir)
        try LintTest.write(sender, "src/archive/pipeline.py", in: dir)
        try LintTest.write("export * from './route'\n", "web/api/archive/index.ts", in: dir)
        try LintTest.write("import OpenAI from 'openai'\nconst SYSTEM_PROMPT = `You help.`\n", "web/api/archive/route.ts", in: dir)
        try LintTest.write(sender, "src/legacy/graph.py", in: dir)
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertNotNil(found.read["src/archive/pipeline.py"])
        XCTAssertNotNil(found.read["web/api/archive/route.ts"])
        XCTAssertNotNil(found.read["src/legacy/graph.py"])
        XCTAssertNil(found.skipped["src/archive/"])
    }

    /// Configurable like the other discovery defaults: `include:` reads an old-code folder's files again.
    func testIncludeReadsAnOldCodeFolderAgain() throws {
        try LintTest.write(template, "archive/prompts/planner.md", in: dir)
        let found = try DiscoveryTest.discover(in: dir, config: "include: [\"archive/**\"]\n")
        XCTAssertEqual(found.read["archive/prompts/planner.md"], "included by .promptlint.yml")
        XCTAssertEqual(found.skipped["archive/"],
                       "old code folder (archive/, which no live path runs); only files matched by include: are read")
    }

    /// `system` is evidence as the first or last word of a name (the role the file fills), not inside a phrase of a
    /// design note or a scraped page.
    func testSystemInsideAPhraseIsNoPromptName() throws {
        try LintTest.write("Template SQL with `{{ auth_check }}` placeholder.", "notes/8_memory_system_competitive_analysis.md", in: dir)
        try LintTest.write("The {{ os }} for business.", "pages/03_The_Operating_System_for_Business.txt", in: dir)
        try LintTest.write(template, "agent/agent_system.md", in: dir)
        try LintTest.write(template, "agent/system_message.txt", in: dir)
        try LintTest.write(template, "agent/01_system.md", in: dir)
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertNil(found.read["notes/8_memory_system_competitive_analysis.md"])
        XCTAssertNil(found.read["pages/03_The_Operating_System_for_Business.txt"])
        XCTAssertEqual(found.read["agent/agent_system.md"], "prompt-like file name")
        XCTAssertEqual(found.read["agent/system_message.txt"], "prompt-like file name")
        XCTAssertEqual(found.read["agent/01_system.md"], "prompt-like file name")
        XCTAssertFalse(DiscoveryRules.isPromptLikeName("memory_system_notes.md"))
        XCTAssertTrue(DiscoveryRules.isPromptLikeName("system.md"))
    }
}
