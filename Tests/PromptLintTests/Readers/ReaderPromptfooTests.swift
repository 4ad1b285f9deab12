import XCTest

@testable import PromptLint

final class ReaderPromptfooTests: XCTestCase {
    func testTextFileWithSeveralPrompts() {
        let text = "Translate {{ text }} to French.\n---\nTranslate {{ text }} to German.\n---\n[{\"role\": \"system\", \"content\": \"Be terse.\"}, {\"role\": \"user\", \"content\": \"{{ text }}\"}]\n"
        let t = ReaderTest.read(text, path: "prompts.txt")
        XCTAssertEqual(t.format, .promptfoo)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.messages.map(\.role), [.user, .user, .system, .user])
        XCTAssertEqual(t.messages.map(\.promptIndex), [0, 1, 2, 2])
        XCTAssertEqual(t.slots.map { at($0.position) }, ["1:11@10", "3:11@46", "5:75@146"])
        XCTAssertEqual(ReaderTest.text(t.messages[1]), "Translate  to German.\n")
    }

    func testJSONChatArrayWithNunjucks() {
        let text = """
            [
              {"role": "system", "content": "You are a helpful assistant."},
              {"role": "user", "content": "Who won in {{ year | default(2020) }}?"}
            ]
            """
        let t = ReaderTest.read(text, path: "prompt1.json")
        XCTAssertEqual(t.format, .promptfoo)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.messages.map(\.role), [.system, .user])
        XCTAssertEqual(at(t.messages[1].position), "3:3@69")
        XCTAssertEqual(t.slots[0].filters, ["default"])
        XCTAssertEqual(at(t.slots[0].position), "3:43@109")
    }

    func testTemplateErrorsInsideJSONAreReportedOnce() {
        let t = ReaderTest.read("[{\"role\": \"user\", \"content\": \"{% if a %}x\"}]", path: "p.json")
        XCTAssertEqual(t.issues.count, 1)
        XCTAssertEqual(at(t.issues[0].position), "1:31@30")
    }
}
