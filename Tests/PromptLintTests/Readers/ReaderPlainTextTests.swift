import XCTest

@testable import PromptLint

final class ReaderPlainTextTests: XCTestCase {
    func testPlainTextIsOneStaticMessage() {
        let t = ReaderTest.read("You are a helpful assistant.\nBe brief.\n", path: "system.txt")
        XCTAssertEqual(t.format, .plainText)
        XCTAssertEqual(t.messages.count, 1)
        XCTAssertEqual(t.messages[0].role, .unknown)
        XCTAssertEqual(t.slots, [])
        XCTAssertEqual(ReaderTest.text(t.messages[0]), "You are a helpful assistant.\nBe brief.\n")
        XCTAssertEqual(t.source, "You are a helpful assistant.\nBe brief.\n")
    }

    func testMarkdownKeepsJSONBracesAndFindsPlaceholders() {
        let text = "# Rules\nExample: {{\"a\": 1}}\nToday is {{ CURRENT_DATE }}."
        let t = ReaderTest.read(text, path: "rules.md", format: .markdown)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.slots.map(\.expression), ["CURRENT_DATE"])
        XCTAssertEqual(at(t.slots[0].position), "3:10@37")
        XCTAssertEqual(ReaderTest.text(t.messages[0]), "# Rules\nExample: {{\"a\": 1}}\nToday is .")
        XCTAssertEqual(ReaderTest.read("# Title\n\nText.", path: "a.md").format, .markdown)
    }

    func testEmptyFileHasNoMessagesAndNoIssues() {
        let t = ReaderTest.read("", path: "empty.txt")
        XCTAssertEqual(t.messages, [])
        XCTAssertEqual(t.issues, [])
    }
}
