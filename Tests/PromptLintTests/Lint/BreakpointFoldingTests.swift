import XCTest

@testable import PromptLint

/// One finding per prefix break (issue 12, deliver 5; source-holdout16's Bedrock shopping agent, session 22):
/// a cache breakpoint placed after the value that a prefix-break finding (PL001) already reports is named in
/// that finding's message rather than reported again as PL004; a misplaced breakpoint no prefix-break
/// finding reports stays a PL004 finding of its own.
final class BreakpointFoldingTests: XCTestCase {
    private func handler(messages: String) -> String {
        """
        import boto3

        client = boto3.client("bedrock-runtime")
        POLICY = \"\"\"\(SourceTest.policy)\"\"\"


        def answer(history, retrieved_context):
            system_prompt = POLICY + f"\\n\\nAdditional context:\\n{retrieved_context}"
            return client.converse(
                modelId="anthropic.claude-3-5-haiku",
                messages=\(messages),
                system=[{"text": system_prompt}, {"cachePoint": {"type": "default"}}],
            )

        """
    }

    private func findings(_ text: String) throws -> [Finding] {
        try LintTest.linter().lint(text: text, path: "app/handler.py", format: nil).findings
            .filter { ["PL001", "PL004"].contains($0.ruleID) }
    }

    func testABreakpointAfterTheReportedValueIsNamedInItsFinding() throws {
        let found = try findings(handler(messages: "history"))
        XCTAssertEqual(found.map { "\($0.ruleID)@\($0.line):\($0.column)" }, ["PL001@8:57"])
        XCTAssertTrue(found.first?.message.hasSuffix("The cache breakpoint at 12:16 comes after it too, so that breakpoint is never hit (PL004).") == true,
                      "\(found.map(\.message))")
    }

    func testAMisplacedBreakpointWithoutAPrefixBreakFindingStaysPL004() throws {
        let found = try findings(handler(messages: "[{\"role\": \"user\", \"content\": \"hi\"}]"))
        XCTAssertEqual(found.map { "\($0.ruleID)@\($0.line)" }, ["PL004@12"])
    }
}
