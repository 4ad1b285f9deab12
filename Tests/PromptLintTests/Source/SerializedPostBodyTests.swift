import XCTest

@testable import PromptLint

/// A chat body posted as JSON text the code serializes at the call (`httpx.post(url, data=json.dumps(payload))`)
/// is read like one passed as `json=`: a per-request value in its system message before the stored turns breaks
/// the cache; a fixed system message breaks nothing.
final class SerializedPostBodyTests: XCTestCase {
    /// A handler that prepends `note` as a system message in one branch of an `if` and posts the list as the
    /// body's `messages` with `data=`.
    private func handler(_ note: String) -> String {
        """
        import json

        import httpx


        def reply(history, question, search_on):
            messages = history
            if search_on:
                found = search_notes(question)
                messages = [{"role": "system", "content": \(note)}] + history
            else:
                messages = history
            payload = {"model": "gpt-4o", "messages": messages}
            return httpx.post("https://api.example.com/v1/chat/completions", data=json.dumps(payload))
        """
    }

    func testARequestValueInABodySerializedAtThePost() throws {
        XCTAssertEqual(try SourceTest.findingLines(handler("\"Notes: \" + str(found)")), ["PL001@10"])
    }

    func testAFixedSystemMessageInABodySerializedAtThePostBreaksNothing() throws {
        XCTAssertEqual(try SourceTest.findingLines(handler("\"You answer questions about the shop.\"")), [])
    }
}
