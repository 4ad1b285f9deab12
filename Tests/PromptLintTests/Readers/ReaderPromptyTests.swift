import XCTest

@testable import PromptLint

final class ReaderPromptyTests: XCTestCase {
    func testFrontMatterSamplesAndRoleMarkers() {
        let text = """
            ---
            name: Helper
            model:
              api: chat
            inputs:
              question:
                type: string
              tone:
                type: string
                default: warm
            sample:
              question: Where is my order?
            ---
            You are a store assistant.
            # Customer
            {{ customer.name }} asks:

            user:
            {{question}}
            assistant[nonce=1]:
            Sure.
            """
        let t = ReaderTest.read(text, path: "helper.prompty")
        XCTAssertEqual(t.format, .prompty)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.metadata["name"], "Helper")
        XCTAssertEqual(t.metadata["model.api"], "chat")
        XCTAssertEqual(t.sampleValues, ["question": "Where is my order?", "tone": "warm"])
        XCTAssertEqual(t.messages.map(\.role), [.system, .user, .assistant])
        // Body before the first marker is the system message; a `# Heading` is text.
        XCTAssertEqual(ReaderTest.outline(t.messages[0]), "You are a store assistant.\n# Customer\n⟨customer.name⟩ asks:\n\n")
        XCTAssertEqual(at(t.messages[0].position), "14:1@159")
        XCTAssertEqual(at(t.messages[1].position), "18:1@224")
        XCTAssertEqual(at(t.slots[1].position), "19:1@230")
    }

    func testMustacheBodyAndHashMarkers() {
        let text = "---\ntemplate:\n  format: mustache\n---\n# system:\n{{#rules}}- {{.}}{{/rules}}\n# user:\n{{q}}\n"
        let t = ReaderTest.read(text, path: "a.prompty")
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.messages.map(\.role), [.system, .user])
        XCTAssertEqual(t.slots.map(\.expression), ["#rules", ".", "q"])
        XCTAssertTrue(t.slots[0].isConditional)
    }

    func testBadYAMLIsAnIssueWithItsLine() {
        let t = ReaderTest.read("---\nname: ok\nmodel: : :\n  bad\n---\nsystem:\nHi", path: "a.prompty")
        XCTAssertEqual(t.issues.count, 1)
        XCTAssertEqual(t.issues[0].position.line, 3)
        XCTAssertEqual(t.messages.map(\.role), [.system])
    }
}
