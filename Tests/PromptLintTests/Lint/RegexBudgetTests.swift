import Foundation
import XCTest

@testable import PromptLint

/// The matching budget of rule regular expressions: catastrophic backtracking is cut off, ordinary patterns on
/// long texts are not, and the cut-off does not depend on the machine (it counts engine steps, not time).
final class RegexBudgetTests: XCTestCase {
    func testCatastrophicPatternThrows() throws {
        let regex = try TextMatch.regex("(x+x+)+y")
        for length in [40, 2000] {
            XCTAssertThrowsError(try TextMatch.matches(regex, in: String(repeating: "x", count: length))) { error in
                XCTAssertEqual(error as? TextMatch.BudgetExceeded, TextMatch.BudgetExceeded(pattern: "(x+x+)+y"))
            }
        }
    }

    func testOrdinaryPatternsOnLongTextsStayWithinBudget() throws {
        let text = String(repeating: "Current time: 2025-03-02T10:15:07Z and req_ABCDEFGHIJKL in a line of prose. ", count: 20_000)
        for pattern in VolatileLiteralCheck.defaultPatterns.values.sorted() + [#"\bfoo\b"#, "x*y"] {
            let regex = try TextMatch.regex(pattern)
            XCTAssertNoThrow(try TextMatch.matches(regex, in: text), pattern)
        }
        let hits = try TextMatch.matches(try TextMatch.regex(#"req_[A-Z]+"#), in: text)
        XCTAssertEqual(hits.count, 20_000)
    }

    func testRegexCheckTurnsTheOverrunIntoAHit() throws {
        let check = try RegexCheck(parameters: RuleParameters(["pattern": .string("(a*)*b"), "scope": .string("source")]))
        let template = TemplateReading.read(path: "a.txt", data: Data(String(repeating: "a", count: 3000).utf8), format: .plainText)
        let linter = try LintTest.linter()
        let layout = CacheLayout(template: template, classifier: linter.configuration.classifier)
        let hits = check.run(CheckContext(template: template, layout: layout, providers: [.anthropic], tokenCounter: EstimatedTokenCounter()))
        XCTAssertEqual(hits.count, 1)
        XCTAssertTrue(hits.first?.failure?.contains("exceeded the matching budget") ?? false)
    }
}
