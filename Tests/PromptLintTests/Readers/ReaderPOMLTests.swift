import XCTest

@testable import PromptLint

final class ReaderPOMLTests: XCTestCase {
    func testIntentionTagsMessagesAndSlots() {
        let text = """
            <poml>
              <role>You review code.</role>
              <task if="strict">Be strict with {{ language }}.</task>
              <document src="guide.pdf" />
              <human-msg>
                <cp caption="File {{ name }}">
                  <document for="f in files" src="{{ f }}" />
                </cp>
                <object data="{{ question }}" />
              </human-msg>
              <ai-msg>Done &amp; dusted.</ai-msg>
            </poml>
            """
        let t = ReaderTest.read(text, path: "review.poml")
        XCTAssertEqual(t.format, .poml)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.messages.map(\.role), [.system, .user, .assistant])
        XCTAssertEqual(ReaderTest.outline(t.messages[0]), "You review code.⟨strict⟩Be strict with ⟨language⟩.⟨guide.pdf⟩")
        let system = t.messages[0].segments.compactMap { if case .slot(let s) = $0 { return s } else { return nil } }
        XCTAssertTrue(system[0].isConditional)
        XCTAssertEqual(at(system[0].position), "3:3@41")
        XCTAssertEqual(at(system[1].position), "3:36@74")
        XCTAssertTrue(system[2].isInclude)
        XCTAssertNil(system[2].variable)
        XCTAssertEqual(ReaderTest.outline(t.messages[1]), "File ⟨name⟩⟨f in files⟩⟨{{ f }}⟩⟨question⟩")
        let user = t.messages[1].segments.compactMap { if case .slot(let s) = $0 { return s } else { return nil } }
        XCTAssertEqual(user.map(\.variable), ["name", "files", "f", "question"])
        XCTAssertEqual(user.map(\.isLoop), [false, true, false, false])
        XCTAssertTrue(user[2].isInclude)
        XCTAssertEqual(at(user[3].position), "9:19@255")
        XCTAssertEqual(at(t.messages[1].position), "5:3@130")
        XCTAssertEqual(ReaderTest.text(t.messages[2]), "Done & dusted.")
    }

    func testLetAndMetaAreNotContent() {
        let t = ReaderTest.read("<poml><meta minVersion=\"1\"/><let name=\"x\" value=\"{{ y }}\"/><p>Hi</p></poml>", path: "a.poml")
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.slots, [])
        XCTAssertEqual(ReaderTest.text(t.messages[0]), "Hi")
    }

    func testMalformedXMLIsAnIssueWithPosition() {
        let t = ReaderTest.read("<poml>\n  <task>Do {{ x }}</task>\n  <p>broken</q>\n</poml>", path: "a.poml")
        XCTAssertEqual(t.issues.count, 1)
        XCTAssertTrue(t.issues[0].message.hasPrefix("POML"))
        XCTAssertEqual(t.issues[0].position.line, 3)
        XCTAssertEqual(t.slots.map(\.variable), ["x"])
    }

    func testDeepNestingReadsWithoutRecursion() {
        let depth = 10_000
        let text = String(repeating: "<p>", count: depth) + "x {{ y }}" + String(repeating: "</p>", count: depth)
        let t = ReaderTest.read(text, path: "deep.poml")
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(ReaderTest.outline(t.messages[0]), "x ⟨y⟩")
        XCTAssertEqual(at(t.slots[0].position), "1:30003@30002")
        let unclosed = ReaderTest.read(String(repeating: "<p>", count: depth) + "x", path: "deep.poml")
        XCTAssertEqual(unclosed.issues.count, 1)
    }
}
