import XCTest

@testable import PromptLint

/// A value bound to a choice between literals in the same function (`"diff" if is_diff else "code"`) is one
/// of a handful of alternatives: what the code shows outweighs what the name suggests.
final class SourceLiteralChoiceTests: XCTestCase {
    private let rules = String(repeating: SourceTest.policy + " ", count: 12)

    private func prompt(_ choice: String) -> String {
        """
        import anthropic
        def review(is_diff, question):
            content_desc = \(choice)
            prompt = f"You review {content_desc}. \(rules)"
            return anthropic.Anthropic().messages.create(model="m", messages=[{"role": "user", "content": prompt}])
        """
    }

    func testAChoiceBetweenTwoLiteralsIsConstant() throws {
        XCTAssertEqual(try SourceTest.findings(prompt("\"diff\" if is_diff else \"code\"")), [])
        let slot = SourceTest.read(prompt("\"diff\" if is_diff else (\"code\" if question else \"text\")")).slots.first
        XCTAssertEqual(slot?.provenance?.volatility, .constant)
        XCTAssertEqual(slot?.provenance?.reason, "`content_desc` is one of 3 literal values chosen by a condition, not a per-request value")
    }

    func testAChoiceOnTheClockStillBreaksThePrefix() throws {
        XCTAssertEqual(try SourceTest.findings(prompt("\"am\" if datetime.now().hour < 12 else \"pm\"")), ["PL001@4:27"])
    }
}
