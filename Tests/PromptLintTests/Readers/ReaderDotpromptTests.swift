import XCTest

@testable import PromptLint

final class ReaderDotpromptTests: XCTestCase {
    private let prompt = """
        # Licence header line
        ---
        model: vertexai/gemini-flash
        config:
          temperature: 0.4
        input:
          schema:
            topic: string
          default:
            topic: tides
        ---
        {{role "system"}}
        You explain {{topic}} simply.
        {{#each facts}}- {{this}}
        {{/each}}
        {{role "user"}}
        {{media url=photoUrl}}
        {{section "notes"}}
        {{history}}
        {{role "model"}}
        Sure.
        """

    func testFrontMatterRolesAndHelpers() {
        let t = ReaderTest.read(prompt, path: "explain.prompt")
        XCTAssertEqual(t.format, .dotprompt)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.metadata["model"], "vertexai/gemini-flash")
        XCTAssertEqual(t.metadata["config.temperature"], "0.4")
        XCTAssertEqual(t.sampleValues, ["topic": "tides"])
        XCTAssertEqual(t.messages.map(\.role), [.system, .user, .assistant])
        XCTAssertEqual(t.messages.map { at($0.position) }, ["12:1@149", "16:1@233", "20:1@304"])
        XCTAssertEqual(ReaderTest.outline(t.messages[0]), "You explain ⟨topic⟩ simply.\n⟨#each facts⟩- ⟨this⟩\n\n")
        XCTAssertEqual(t.slots[0].variable, "topic")
        XCTAssertEqual(at(t.slots[0].position), "13:13@179")
        XCTAssertTrue(t.slots[1].isLoop)
        let user = t.messages[1].segments.compactMap { if case .slot(let s) = $0 { return s } else { return nil } }
        XCTAssertEqual(user.map(\.variable), ["photoUrl", nil, "history"])
        XCTAssertEqual(user.map(\.filters), [["media"], ["section"], []])
        XCTAssertEqual(ReaderTest.text(t.messages[2]), "Sure.")
    }

    func testNoRoleMeansUserAndBlockRoleForm() {
        let t = ReaderTest.read("Hello {{name}}", path: "a.prompt")
        XCTAssertEqual(t.messages.map(\.role), [.user])
        let block = ReaderTest.read("{{#role \"system\"}}Be kind.{{/role}}\nHi {{name}}", path: "a.prompt")
        XCTAssertEqual(block.issues, [])
        XCTAssertEqual(block.messages.map(\.role), [.system, .user])
        XCTAssertEqual(ReaderTest.text(block.messages[0]), "Be kind.")
    }

    func testBadFrontMatterIsAnIssueAndTheBodyIsStillRead() {
        let t = ReaderTest.read("---\nmodel: [unclosed\nconfig: {\n---\nHi {{name}}", path: "a.prompt")
        XCTAssertEqual(t.issues.count, 1)
        XCTAssertTrue(t.issues[0].message.hasPrefix("YAML"))
        XCTAssertGreaterThanOrEqual(t.issues[0].position.line, 2)
        XCTAssertEqual(t.slots.map(\.variable), ["name"])
        let unclosed = ReaderTest.read("---\nmodel: x\nHi {{name}}", path: "a.prompt")
        XCTAssertEqual(unclosed.issues.map { at($0.position) }, ["1:1@0"])
        XCTAssertEqual(unclosed.slots.map(\.variable), ["name"])
    }
}
