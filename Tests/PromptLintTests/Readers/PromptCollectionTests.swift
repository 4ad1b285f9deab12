import Foundation
import XCTest

@testable import PromptLint

/// A Markdown file that collects prompts under `## ` headings (named in the plural, or titled "… Prompts") is
/// read one prompt per section: a volatile value of a short section is not followed by the static text of
/// the sections after it, which code sends separately.
final class PromptCollectionTests: XCTestCase {
    private func collection(title: String) -> String { CollectionFixture.text(title: title) }

    private func ruleIDs(_ text: String, path: String) throws -> [String] { try CollectionFixture.ruleIDs(text, path: path) }

    func testEachSectionOfAPluralPromptsFileIsItsOwnPrompt() throws {
        let text = collection(title: "# Bot Prompts")
        let template = TemplateReading.read(path: "prompts/bot_prompts.md", text: text)
        XCTAssertEqual(Set(template.messages.map(\.promptIndex)), [0, 1, 2])
        let clock = template.slots.first { $0.expression == "current_time" }
        XCTAssertEqual(clock?.position.line, 6)
        XCTAssertEqual(template.messages.first { $0.promptIndex == 2 }?.position.line, 9)
        XCTAssertEqual(try ruleIDs(text, path: "prompts/bot_prompts.md"), [])
        XCTAssertEqual(try ruleIDs(text, path: "prompts/context.md"), [], "titled '# Bot Prompts'")
    }

    /// Each piece of text starts where its line starts in the file (byte offsets included).
    func testSectionTextKeepsItsPlaceInTheFile() {
        let text = "# All Prompts\n## A é\nx\n## B\ny\n"
        let template = TemplateReading.read(path: "all_prompts.md", text: text)
        for message in template.messages {
            guard case .text(let body, let start)? = message.segments.first else { return XCTFail("\(message)") }
            let bytes = Array(text.utf8)
            XCTAssertEqual(Array(bytes[start.offset..<(start.offset + body.utf8.count)]), Array(body.utf8))
        }
        XCTAssertEqual(template.messages.map(\.position.line), [1, 2, 4])
    }

    /// The near miss: a prompt file named in the singular keeps its `## ` parts in one prompt, so the clock
    /// still comes before the static text after it; headings inside fenced code do not count.
    func testAOnePromptFileWithSectionsStaysOnePrompt() throws {
        let text = collection(title: "# Room Bot")
        XCTAssertEqual(try ruleIDs(text, path: "prompts/system_prompt.md"), ["PL001"])
        let fenced = "# Prompts\n\n```\n## Not a heading\n```\n\n## Only\n{{x}}\n"
        XCTAssertEqual(PromptCollection.sectionHeadingLines(path: "prompts.md", source: SourceText(fenced)), [7])
        XCTAssertEqual(Set(TemplateReading.read(path: "prompts.md", text: fenced).messages.map(\.promptIndex)), [0])
    }
}

/// A two-section prompt collection (a short section with a clock, then a long static one) and its findings.
enum CollectionFixture {
    private static let polisher = (0..<90).map { "- Rule \($0): cut filler words and keep the speaker's voice." }.joined(separator: "\n")

    /// The collection under `title` (its `## ` headings on lines 3 and 9, the clock on line 6).
    static func text(title: String) -> String {
        "\(title)\n\n## Room Context\n\nServer: {{SERVER}}\n{{current_time}}\nReply to the last message only.\n\n"
            + "## Reply Polisher\n\nRewrite the reply below.\n" + polisher + "\n"
    }

    /// The rule ids the cost configuration reports for `text` read at `path`.
    static func ruleIDs(_ text: String, path: String) throws -> [String] {
        try LintTest.linter(LintTest.costConfiguration).lint(text: text, path: path).findings.map(\.ruleID)
    }
}
