import XCTest

@testable import PromptLint

/// A request that caches a document and then asks about one part of it (contextual retrieval): the
/// document is the prefix the breakpoint is for, and instructor's `context=` fills its Jinja fields.
final class SourceCachedDocumentTests: XCTestCase {
    /// An Anthropic request through instructor: the document block is marked for caching, the chunk follows.
    private func situate(context: String) -> String {
        """
        async def situate(client, doc: str, chunk: str):
            return await client.chat.completions.create(
                model="claude-3-haiku-20240307",
                messages=[{"role": "user", "content": [
                    {"type": "text", "text": \"\"\"<document>{{ doc }}</document>\"\"\", "cache_control": {"type": "ephemeral"}},
                    {"type": "text", "text": \"\"\"The chunk: <chunk>{{chunk}}</chunk>. Situate it in the document.\"\"\"},
                ]}],
                response_model=Situated,\(context)
            )
        """
    }

    private func rules(_ text: String) throws -> [String] {
        try LintTest.linter().lint(text: text, path: "situate.py", format: nil).findings.map { "\($0.ruleID)@\($0.line)" }
    }

    func testInstructorContextFillsTheJinjaFieldsOfTheMessages() {
        let slots = SourceTest.read(situate(context: #"context={"doc": doc, "chunk": chunk},"#)).slots
        // The last block is the request's own question (after the breakpoint), read as one slot.
        XCTAssertEqual(slots.first?.source, "{{ doc }}")
        XCTAssertEqual(slots.first?.expression, "doc=doc")
    }

    func testACachedDocumentIsNotCalledShortAndItsBreakpointIsOnlyNoted() throws {
        // The marked prefix is the document, of unknown length: not PL003's. Whether the document repeats
        // across requests (one document, many chunks) only the callers' loop shows; `doc` is judged by its
        // name alone, so PL004 is a note, never a CI failure.
        let findings = try LintTest.linter().lint(
            text: situate(context: #"context={"doc": doc, "chunk": chunk},"#), path: "situate.py", format: nil
        ).findings
        XCTAssertEqual(findings.map { "\($0.ruleID)@\($0.line)" }, ["PL004@4"])
        XCTAssertEqual(findings.first?.severity, .info)
    }

    func testWithoutContextTheBracesAreTextAndTheMarkedPrefixIsShort() throws {
        // A plain SDK call sends `{{ doc }}` as it is: eight tokens under a breakpoint, which no provider caches.
        XCTAssertEqual(try rules(situate(context: "")), ["PL003@4"])
    }
}
