import XCTest

@testable import PromptLint

/// JSON with comments (`.jsonc`, `appsettings*.json`, `tsconfig`-style `//` and `/* */`) is read with the
/// comments skipped, not failed on nor skipped silently.
final class ReaderJSONCommentsTests: XCTestCase {
    static let appsettings = """
        // Settings for the chat service.
        {
          /* The prompts the service sends.
             Edit with care: "quotes" and // slashes in here are comment text. */
          "Prompts": {
            // The system prompt.
            "SystemDescription": "You are a helpful assistant for {{$audience}}. Cite sources like https://example.com/a.",
            "ResponseTokenLimit": 1024 /* tokens */
          }
        }
        """

    func testCommentsAreSkippedAndFieldsStayInPlace() throws {
        var issues: [ParseIssue] = []
        let root = try XCTUnwrap(JSONScanner.parse(SourceText(Self.appsettings), issues: &issues))
        XCTAssertEqual(issues.map(\.message), [])
        var flat: [String: String] = [:]
        root.flatten(prefix: "", into: &flat)
        XCTAssertEqual(flat["Prompts.ResponseTokenLimit"], "1024")
        XCTAssertTrue(flat["Prompts.SystemDescription"]?.hasSuffix("https://example.com/a.") == true)
        XCTAssertEqual(Set(flat.keys), ["Prompts.SystemDescription", "Prompts.ResponseTokenLimit"])
    }

    func testAppsettingsAndJSONCFilesAreReadAsPromptFields() {
        for path in ["webapi/appsettings.json", "webapi/appsettings.Development.json", "prompts/agent.jsonc"] {
            let t = ReaderTest.read(Self.appsettings, path: path)
            XCTAssertEqual(t.format, .promptFields, path)
            XCTAssertEqual(t.issues.map(\.message), [], path)
            XCTAssertEqual(t.slots.map(\.source), ["{{$audience}}"], path)
            // Line 7 holds the field: the slot's position maps back into the file.
            XCTAssertEqual(t.slots.first?.position.line, 7, path)
        }
    }

    func testAnUnclosedBlockCommentIsAnIssueNotACrash() {
        var issues: [ParseIssue] = []
        _ = JSONScanner.parse(SourceText("{\"a\": 1 /* never closed"), issues: &issues)
        XCTAssertTrue(issues.contains { $0.message.contains("never closed") }, "\(issues.map(\.message))")
        XCTAssertEqual(issues.first?.position.line, 1)
    }
}
