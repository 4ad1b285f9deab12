import Foundation
import XCTest

@testable import PromptLint

/// PL001 against the labelled corpus in `../shared/corpus` (skipped when the corpus is not beside the package).
final class CorpusEvaluationTests: XCTestCase {
    func testPL001MeetsTheTargetOnTheCorpus() throws {
        let corpus = ((LintTest.packageRoot as NSString).appendingPathComponent("../shared/corpus") as NSString).standardizingPath
        guard FileManager.default.fileExists(atPath: corpus + "/MANIFEST.tsv") else {
            throw XCTSkip("no corpus at \(corpus)")
        }
        let evaluation = try CorpusEvaluation.run(directory: corpus, linter: try LintTest.linter())
        XCTAssertGreaterThanOrEqual(evaluation.rows.count, 40)
        XCTAssertGreaterThanOrEqual(evaluation.precision, 0.95, "\(evaluation.disagreements.map(\.file))")
        XCTAssertGreaterThanOrEqual(evaluation.recall, 0.95, "\(evaluation.disagreements.map(\.file))")
    }

    func testMissingCorpusIsATypedError() throws {
        XCTAssertThrowsError(try CorpusEvaluation.run(directory: "/nonexistent", linter: try LintTest.linter())) {
            XCTAssertEqual($0 as? PromptLintError, .corpusNotFound(path: "/nonexistent"))
        }
    }
}
