import Foundation
import XCTest

@testable import PromptLint

/// A spec or design folder documents the system: a Markdown plan named like a prompt
/// (`spec/phase-2/07-planner-system-prompt.md`, holdout31's chat bot) quotes the template the code renders from
/// its own folder, with worked examples full of timestamps. Discovery skips such documents; a prompts folder
/// inside a spec folder, a Copilot `x.prompt.md` there, template files and prompt-named Markdown elsewhere stay read.
final class SpecificationFolderDiscoveryTests: TemporaryFolderTestCase {
    func testPromptNamedDocumentsInSpecFoldersAreSkipped() throws {
        let document = "# Planner system prompt\n\n```jinja2\nNow: {{ now }}\nPlan the work.\n```\n"
        for path in ["spec/phase-2/07-planner-system-prompt.md", "specs/system_prompt.md", "design/persona.md"] {
            try LintTest.write(document, path, in: dir)
        }
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertEqual(found.skipped["spec/phase-2/07-planner-system-prompt.md"], DiscoveryRules.specificationDocumentReason)
        XCTAssertEqual(found.skipped["specs/system_prompt.md"], DiscoveryRules.specificationDocumentReason)
        XCTAssertEqual(found.skipped["design/persona.md"], DiscoveryRules.specificationDocumentReason)
    }

    func testPromptsKeptNearSpecFoldersAreRead() throws {
        let prompt = "Now: {{ now }}\nPlan the work."
        for path in ["spec/prompts/planner.md", "spec/review.prompt.md", "spec/planner.j2", "src/planner_system_prompt.md"] {
            try LintTest.write(prompt, path, in: dir)
        }
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertNotNil(found.read["spec/prompts/planner.md"])
        XCTAssertNotNil(found.read["spec/review.prompt.md"])
        XCTAssertNotNil(found.read["spec/planner.j2"])
        XCTAssertNotNil(found.read["src/planner_system_prompt.md"])
    }
}
