import XCTest

@testable import PromptLint

final class ReaderLangChainTests: XCTestCase {
    func testHubJSONWithFString() {
        let text = """
            {
                "input_variables": ["dialect", "input"],
                "template": "Write {dialect} SQL.\\nQuestion: {input}",
                "template_format": "f-string",
                "partial_variables": {"dialect": "sqlite"}
            }
            """
        let t = ReaderTest.read(text, path: "prompt.json")
        XCTAssertEqual(t.format, .langchainHub)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.messages.map(\.role), [.user])
        XCTAssertEqual(t.metadata["input_variables"], "dialect, input")
        XCTAssertEqual(t.sampleValues, ["dialect": "sqlite"])
        XCTAssertEqual(ReaderTest.outline(t.messages[0]), "Write ⟨dialect⟩ SQL.\nQuestion: ⟨input⟩")
        XCTAssertEqual(t.slots.map { at($0.position) }, ["3:24@70", "3:50@96"])
    }

    func testHubYAMLWithJinjaAndChatMessages() {
        let yaml = "_type: prompt\ninput_variables: [name]\ntemplate_format: jinja2\ntemplate: \"Hello {{ name }}\"\n"
        let t = ReaderTest.read(yaml, path: "prompt.yaml")
        XCTAssertEqual(t.format, .langchainHub)
        XCTAssertEqual(t.slots.map(\.variable), ["name"])
        XCTAssertEqual(at(t.slots[0].position), "4:18@79")

        let chat = """
            {"_type": "chat", "input_variables": ["q"], "messages": [
              {"_type": "system", "prompt": {"template": "You answer about {topic}."}},
              {"variable_name": "history", "_type": "placeholder"},
              ["human", "{q}"]
            ]}
            """
        let c = ReaderTest.read(chat, path: "chat.json")
        XCTAssertEqual(c.format, .langchainHub)
        XCTAssertEqual(c.issues, [])
        XCTAssertEqual(c.messages.map(\.role), [.system, .unknown, .user])
        XCTAssertEqual(c.slots.map(\.variable), ["topic", "history", "q"])
        XCTAssertTrue(c.slots[1].isLoop)
    }

    func testManifestMessages() {
        let manifest = """
            {"lc": 1, "type": "constructor", "id": ["langchain", "prompts", "chat", "ChatPromptTemplate"],
             "kwargs": {"messages": [
               {"lc": 1, "id": ["langchain", "prompts", "chat", "SystemMessagePromptTemplate"],
                "kwargs": {"prompt": {"lc": 1, "kwargs": {"template": "Rules for {team}", "template_format": "f-string"}}}},
               {"lc": 1, "id": ["langchain", "prompts", "chat", "HumanMessagePromptTemplate"],
                "kwargs": {"prompt": {"lc": 1, "kwargs": {"template": "{{question}}", "template_format": "mustache"}}}}
             ]}}
            """
        let t = ReaderTest.read(manifest, path: "manifest.json")
        XCTAssertEqual(t.format, .langchainHub)
        XCTAssertEqual(t.messages.map(\.role), [.system, .user])
        XCTAssertEqual(t.slots.map(\.variable), ["team", "question"])
    }
}
