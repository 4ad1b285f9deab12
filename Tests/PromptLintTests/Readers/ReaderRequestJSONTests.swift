import XCTest

@testable import PromptLint

final class ReaderRequestJSONTests: XCTestCase {
    func testAnthropicRequestOrderAndCacheBreakpoints() {
        let text = """
            {
              "model": "claude-sonnet-4",
              "max_tokens": 512,
              "tools": [{"name": "lookup", "description": "Find", "input_schema": {"type": "object"}}],
              "system": [
                {"type": "text", "text": "Request id 2f1c9a3e-77aa-4c1e-9e0b-0d4b2c1f9a10 at 2025-01-02T03:04:05Z."},
                {"type": "text", "text": "Long rules.", "cache_control": {"type": "ephemeral"}}
              ],
              "messages": [
                {"role": "user", "content": [{"type": "text", "text": "Hi \\u00e9\\n{{ name }}"}]},
                {"role": "assistant", "content": "Hello."}
              ]
            }
            """
        let t = ReaderTest.read(text, path: "request.json")
        XCTAssertEqual(t.format, .anthropicRequest)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.metadata["model"], "claude-sonnet-4")
        XCTAssertEqual(t.messages.map(\.role), [.tools, .system, .user, .assistant])
        XCTAssertEqual(t.messages.map(\.hasCacheBreakpoint), [false, true, false, false])
        XCTAssertTrue(ReaderTest.text(t.messages[0]).contains("\"lookup\""))
        // Literal timestamps and ids stay static text (a rule detects them).
        XCTAssertEqual(t.messages[1].segments.count, 2)
        XCTAssertTrue(ReaderTest.text(t.messages[1]).contains("2025-01-02T03:04:05Z"))
        XCTAssertEqual(ReaderTest.outline(t.messages[2]), "Hi é\n⟨name⟩")
        // Escapes are decoded, yet positions point into the file.
        XCTAssertEqual(at(t.slots[0].position), "10:71@440")
        XCTAssertEqual(at(t.messages[1].position), "5:13@157")
    }

    func testOpenAIRequestWithToolsAndBlocks() {
        let text = """
            {"model": "gpt-4o", "tools": [{"type": "function", "function": {"name": "f"}}],
             "messages": [{"role": "developer", "content": "Rules"},
                          {"role": "user", "content": [{"type": "text", "text": "Q"}, {"type": "image_url", "image_url": {"url": "https://x/y.png"}}]},
                          {"role": "tool", "content": "42"}]}
            """
        let t = ReaderTest.read(text, path: "req.json")
        XCTAssertEqual(t.format, .openAIRequest)
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.messages.map(\.role), [.tools, .developer, .user, .tool])
        XCTAssertTrue(ReaderTest.text(t.messages[2]).hasPrefix("Q{\"type\": \"image_url\""))
    }

    func testBrokenJSONKeepsWhatWasRead() {
        let t = ReaderTest.read("{\"messages\": [{\"role\": \"system\", \"content\": \"Stable\"}, {\"role\": \"user\", \"content\": \"unterminated", path: "r.json")
        XCTAssertFalse(t.issues.isEmpty)
        XCTAssertEqual(t.messages.first?.role, .system)
        XCTAssertEqual(ReaderTest.text(t.messages[0]), "Stable")
    }

    func testDeepJSONIsSkippedWithAnIssue() {
        let text = "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"extra\": " + String(repeating: "[", count: 10_000)
            + String(repeating: "]", count: 10_000) + "}"
        let t = ReaderTest.read(text, path: "deep.json")
        XCTAssertEqual(t.messages.map(\.role), [.user])
        XCTAssertEqual(t.issues.count, 1)
    }
}
