import XCTest

@testable import PromptLint

final class ReaderSemanticKernelTests: XCTestCase {
    func testYAMLWithHandlebarsMessagesAndDefaults() {
        let text = """
            name: Support
            template_format: handlebars
            template: |
              <message role="system">
                Help {{customer.name}} politely.
              </message>
              {{#each history}}
              <message role="{{role}}">{{content}}</message>
              {{/each}}
              <message role="user">{{question}}</message>
            input_variables:
              - name: question
                default: Where is my parcel?
            execution_settings:
              default:
                temperature: 0.2
            """
        let t = ReaderTest.read(text, path: "support.yaml")
        XCTAssertEqual(t.format, .semanticKernelYAML)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.sampleValues, ["question": "Where is my parcel?"])
        XCTAssertEqual(t.metadata["execution_settings.default.temperature"], "0.2")
        XCTAssertEqual(t.metadata["template_format"], "handlebars")
        XCTAssertNil(t.metadata["template"])
        XCTAssertEqual(t.messages.map(\.role), [.system, .user, .unknown, .user])
        XCTAssertEqual(at(t.messages[0].position), "4:3@56")
        XCTAssertEqual(ReaderTest.outline(t.messages[0]), "\n  Help ⟨customer.name⟩ politely.\n")
        XCTAssertEqual(at(t.slots[0].position), "5:10@89")
        XCTAssertTrue(t.slots[1].isLoop)
        // The slot inside the dynamic role attribute is not content.
        XCTAssertEqual(t.slots.map(\.expression), ["customer.name", "#each history", "content", "question"])
    }

    func testLiquidTemplate() {
        let text = "name: x\ntemplate_format: liquid\ntemplate: \"Hi {{ user.name }}{% for m in history %}{{ m }}{% endfor %}\"\n"
        let t = ReaderTest.read(text, path: "x.yml")
        XCTAssertEqual(t.format, .semanticKernelYAML)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.slots.map(\.variable), ["user", "history", "m"])
        XCTAssertEqual(at(t.slots[0].position), "3:15@46")
    }

    func testSkPromptVariablesAndFunctions() {
        let text = "TODAY is {{time.Date}}\nName: {{$firstName}}\n{{recall $input}} {{ translate text=$msg lang='fr' }}\n<message>not a tag</message>"
        let t = ReaderTest.read(text, path: "plugins/Chat/skprompt.txt")
        XCTAssertEqual(t.format, .semanticKernelPrompt)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.messages.map(\.role), [.user])
        XCTAssertEqual(t.slots.map(\.expression), ["time.Date", "$firstName", "recall $input", "translate text=$msg lang='fr'"])
        XCTAssertEqual(t.slots.map(\.variable), ["time.Date", "firstName", "input", "msg"])
        XCTAssertEqual(t.slots.map(\.filters), [["time.Date"], [], ["recall"], ["translate"]])
        XCTAssertEqual(t.slots.map { at($0.position) }, ["1:10@9", "2:7@29", "3:1@44", "3:19@62"])
        XCTAssertTrue(ReaderTest.text(t.messages[0]).hasSuffix("<message>not a tag</message>"))
    }

    func testUnterminatedBlockIsAnIssueAndLaterSlotsSurvive() {
        let t = ReaderTest.read("a {{$x\nb {{$y}}", path: "skprompt.txt")
        XCTAssertEqual(t.issues.map { at($0.position) }, ["1:3@2"])
        XCTAssertEqual(t.slots.map(\.variable), ["y"])
    }

    func testMissingTemplateIsAnIssue() {
        let t = ReaderTest.read("name: x\ntemplate_format: handlebars\n", format: .semanticKernelYAML)
        XCTAssertEqual(t.issues.count, 1)
        XCTAssertEqual(t.messages, [])
    }
}
