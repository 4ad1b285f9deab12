import Foundation
import XCTest

@testable import PromptLint

/// The corpus evaluation's own behaviour (no data needed); the run on the shared corpus is `EvalCorpusTests`.
final class CorpusEvaluationTests: XCTestCase {
    func testMissingCorpusIsATypedError() throws {
        XCTAssertThrowsError(try CorpusEvaluation.run(directory: "/nonexistent", linter: try LintTest.linter())) {
            XCTAssertEqual($0 as? PromptLintError, .corpusNotFound(path: "/nonexistent"))
        }
    }
}
