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

    func testACachedDocumentOpeningTheRequestIsNotReportedOnItsName() throws {
        // `doc` is judged per-request by its name alone; caching a prefix that is nothing but the document says
        // it repeats (one document, many chunks), and its length is unknown, so neither PL004 nor PL003 applies.
        XCTAssertEqual(try rules(situate(context: #"context={"doc": doc, "chunk": chunk},"#)), [])
    }

    func testWithoutContextTheBracesAreTextAndTheMarkedPrefixIsShort() throws {
        // A plain SDK call sends `{{ doc }}` as it is: eight tokens under a breakpoint, which no provider caches.
        XCTAssertEqual(try rules(situate(context: "")), ["PL003@4"])
    }

    func testABreakpointAfterRetrievedTextThatFollowsLongInstructionsIsStillReported() throws {
        // Static instructions first, then knowledge retrieved per question in the marked block, then the
        // conversation: the marker's prefix holds far more than the value, so the name-judged value counts.
        let rules = String(repeating: SourceTest.policy + " ", count: 20)
        let text = """
            def answer(client, question, history):
                knowledge_text = search(question)
                return client.messages.create(
                    model="claude-sonnet-4-5",
                    system=[{"type": "text", "text": "\(rules)"},
                            {"type": "text", "text": knowledge_text, "cache_control": {"type": "ephemeral"}}],
                    messages=history)
            """
        let found = try self.rules(text)
        XCTAssertTrue(found.contains { $0.hasPrefix("PL004@") }, found.joined(separator: ", "))
    }
}
