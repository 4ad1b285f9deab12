import Foundation
import PromptCompression
import PromptLintTestSupport
import XCTest

/// Evaluation group: few-shot parsing on the GSM8K prompt in `../shared/eval` (third-party data, never copied here).
/// Run by `.ci/run`; fails when the data is missing.
final class EvalFewShotDocumentTests: XCTestCase {
    func testGSM8KPromptSplitsIntoItsEightDemonstrations() throws {
        let path = try SharedData.require("eval/gsm8k/prompt_hardest.txt")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let doc = try FewShotDocument.parse(text)
        XCTAssertEqual(doc.examples.count, 8)
        XCTAssertEqual(doc.prefix, "")
        XCTAssertTrue(doc.examples.allSatisfy { $0.source.hasPrefix("Question: ") && $0.output.contains("The answer is") })
        XCTAssertEqual(doc.render(keeping: Array(0..<8)), text)
    }
}
