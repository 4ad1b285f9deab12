import Foundation
import XCTest

@testable import PromptLint

/// A template that fills in its own YAML front matter (`created: "{{ created }}"`, `tags: [{{ tag }}]`) writes a
/// note or page with its metadata (holdout28's Obsidian chat note beside the prompt templates), not a prompt:
/// discovery skips it (`DiscoveryRules.isFilledNote`). Prompt files whose front matter configures them (dotprompt,
/// agent and skill files) are written as is and still read.
final class FilledNoteTemplateTests: TemporaryFolderTestCase {
    func testATemplateFillingItsFrontMatterIsANote() throws {
        let note = "---\ncreated: \"{{ created }}\"\ntags: [chat, {{ tag }}]\nmodel: \"{{ model }}\"\n---\n\n# {{ title }}\n\n{{ body }}\n"
        try LintTest.write(note, "templates/chat_note.j2", in: dir)
        try LintTest.write("You are a helpful assistant. Today is {{ today }}.\n", "templates/system_prompt.j2", in: dir)
        let found = try DiscoveryTest.discover(in: dir)
        XCTAssertEqual(found.skipped["templates/chat_note.j2"], DiscoveryRules.filledNoteReason)
        XCTAssertNotNil(found.read["templates/system_prompt.j2"])
    }

    /// Near misses: front matter written as is (a dotprompt's model and input schema), or with one filled value
    /// among settings, configures a prompt; a `---` rule inside the text is no front matter.
    func testFrontMatterThatConfiguresAPromptIsStillRead() {
        XCTAssertFalse(DiscoveryRules.isFilledNote("---\nmodel: googleai/gemini-2.0-flash\ninput:\n  schema:\n    topic: string\n---\nWrite about {{ topic }}.\n"))
        XCTAssertFalse(DiscoveryRules.isFilledNote("---\nname: reviewer\ndescription: Reviews {{ language }} code\nmodel: sonnet\ntools: Read\n---\nReview it.\n"))
        XCTAssertFalse(DiscoveryRules.isFilledNote("You are {{ name }}.\n---\ncreated: {{ a }}\nupdated: {{ b }}\n---\n"))
        XCTAssertTrue(DiscoveryRules.isFilledNote("---\ncreated: {{ a }}\nupdated: {{ b }}\n---\n# Note\n"))
    }
}
