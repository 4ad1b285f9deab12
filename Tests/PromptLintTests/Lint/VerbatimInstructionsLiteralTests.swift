import Foundation
import XCTest

@testable import PromptLint

/// A coding agent's instructions file (`*.instructions.md`, read as an agent definition) is sent as written:
/// a timestamp in it is an example its author wrote, the same on every request, so PL002 stays silent.
final class VerbatimInstructionsLiteralTests: XCTestCase {
    private let text = "# Writing replay tests\n\n```ts\nconst runs = list({ query: 'StartTime > \"2024-01-01T00:00:00\"' });\n```\n\n"
        + (0..<20).map { "- Step \($0): replay every stored history before you change a workflow." }.joined(separator: "\n") + "\n"

    func testATimestampInAnInstructionsFileIsNotReported() throws {
        let path = ".github/instructions/replay.instructions.md"
        XCTAssertEqual(TemplateReading.read(path: path, text: text).format, .agentDefinition)
        let ids = try LintTest.linter().lint(text: text, path: path).findings.map(\.ruleID)
        XCTAssertFalse(ids.contains("PL002"), "\(ids)")
    }

    /// Braces in an instructions file are literal (the agent substitutes nothing): `{{project}}` is no slot,
    /// so the file is still read as sent verbatim and its timestamp is not reported.
    func testPlaceholderShapedTextInAnInstructionsFileIsLiteral() throws {
        let path = ".github/instructions/replay.instructions.md"
        let withBraces = "Work on {{project}} only.\n\n" + text
        XCTAssertEqual(TemplateReading.read(path: path, text: withBraces).slots.count, 0)
        XCTAssertFalse(try LintTest.linter().lint(text: withBraces, path: path).findings.map(\.ruleID).contains("PL002"))
    }

    /// The near miss: the same text as a rendered plain-text prompt keeps the finding.
    func testTheSameTimestampInARenderedTextPromptIsReported() throws {
        let ids = try LintTest.linter().lint(text: text, path: "out/rendered_prompt.txt", format: .plainText).findings.map(\.ruleID)
        XCTAssertTrue(ids.contains("PL002"), "\(ids)")
    }
}
