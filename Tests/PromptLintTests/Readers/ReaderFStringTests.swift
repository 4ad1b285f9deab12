import XCTest

@testable import PromptLint

final class ReaderFStringTests: XCTestCase {
    func testFieldsEscapesAndFormatSpecs() {
        let text = "Answer {question} in {lang!r:>10}.\nJSON: {{\"k\": {obj.attr[0]}}}"
        let t = ReaderTest.read(text, format: .fstring)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.slots.map(\.expression), ["question", "lang!r:>10", "obj.attr[0]"])
        XCTAssertEqual(t.slots.map(\.variable), ["question", "lang", "obj"])
        XCTAssertEqual(t.slots[1].filters, ["!r", ":>10"])
        XCTAssertEqual(t.slots.map { at($0.position) }, ["1:8@7", "1:22@21", "2:14@48"])
        XCTAssertEqual(ReaderTest.outline(t.messages[0]), "Answer ⟨question⟩ in ⟨lang!r:>10⟩.\nJSON: {\"k\": ⟨obj.attr[0]⟩}")
    }

    func testSingleBracesThatDoNotCloseAreIssues() {
        let t = ReaderTest.read("a } b { c\n{ok}", format: .fstring)
        XCTAssertEqual(t.issues.map { at($0.position) }, ["1:3@2", "1:7@6"])
        XCTAssertEqual(t.slots.map(\.expression), ["ok"])
    }

    func testSniffedFromTextWithSingleBraceFields() {
        let t = ReaderTest.read("Use at most {max_items} items; literal {{step}} stays text.", path: "system_prompt.md")
        XCTAssertEqual(t.format, .fstring)
        XCTAssertEqual(t.slots.map(\.variable), ["max_items"])
        XCTAssertEqual(ReaderTest.text(t.messages[0]), "Use at most  items; literal {step} stays text.")
    }
}
