import Foundation
import XCTest

@testable import PromptLint

/// Where a prompt collection's `## ` sections start in files written other ways: Windows line ends, YAML
/// front matter before the title, a fence of one kind holding lines of the other, and no text before the
/// first section.
final class PromptCollectionEdgeTests: XCTestCase {
    private func ruleIDs(_ text: String, path: String) throws -> [String] { try CollectionFixture.ruleIDs(text, path: path) }

    /// A CRLF file is split at the same lines as its LF copy; the singular near miss still reports the clock.
    func testWindowsLineEndsSplitAtTheSameLines() throws {
        let text = CollectionFixture.text(title: "# Bot Prompts").replacingOccurrences(of: "\n", with: "\r\n")
        XCTAssertEqual(PromptCollection.sectionHeadingLines(path: "bot_prompts.md", source: SourceText(text)), [3, 9])
        let template = TemplateReading.read(path: "prompts/bot_prompts.md", text: text)
        XCTAssertEqual(Set(template.messages.map(\.promptIndex)), [0, 1, 2])
        XCTAssertEqual(template.slots.first { $0.expression == "current_time" }?.position.line, 6)
        XCTAssertEqual(try ruleIDs(text, path: "prompts/bot_prompts.md"), [])
        XCTAssertEqual(try ruleIDs(text, path: "prompts/context.md"), [], "titled '# Bot Prompts'")
        let onePrompt = CollectionFixture.text(title: "# Room Bot").replacingOccurrences(of: "\n", with: "\r\n")
        XCTAssertEqual(try ruleIDs(onePrompt, path: "prompts/system_prompt.md"), ["PL001"])
    }

    /// Front matter is not the title, and a `## ` comment in its YAML is not a section.
    func testFrontMatterIsSkipped() {
        let text = "---\ntags: [bot]\n## owner: the chat team\n---\n# Bot Prompts\n\n## A\nx\n## B\ny\n"
        XCTAssertEqual(PromptCollection.sectionHeadingLines(path: "notes/context.md", source: SourceText(text)), [7, 9])
        XCTAssertEqual(PromptCollection.sectionHeadingLines(path: "notes/bot_prompts.md", source: SourceText(text)), [7, 9])
        XCTAssertEqual(PromptCollection.sectionHeadingLines(path: "notes/context.md", source: SourceText("---\na: 1\n---\n# Bot\n\n## A\n## B\n")), [])
    }

    /// A `~~~` fence ends only at `~~~`: the backtick lines inside it neither open nor close a fence.
    func testAFenceEndsOnlyAtItsOwnMarker() {
        let text = "# Prompts\n\n~~~\n```\n## Not a section\n```\n## Still not\n~~~\n## A\nx\n## B\ny\n"
        XCTAssertEqual(PromptCollection.sectionHeadingLines(path: "prompts.md", source: SourceText(text)), [9, 11])
    }

    /// A collection that starts with its first section has no prompt before it: every message belongs to a
    /// section, the first one starting on line 1.
    func testACollectionWithNoTextBeforeItsFirstSection() {
        let text = "## Greeting\nHello {{user_name}}.\n## Closing\nGoodbye.\n"
        let template = TemplateReading.read(path: "prompts.md", text: text)
        XCTAssertEqual(template.messages.map(\.promptIndex), [1, 2])
        XCTAssertEqual(template.messages.map(\.position.line), [1, 3])
    }
}
