import Foundation
import PromptLintTestSupport
import XCTest

@testable import PromptLint

/// Evaluation group: PL001 against the labelled corpus in `../shared/corpus` (third-party templates, read in place).
/// Run by `.ci/run`; fails when the corpus is missing. The corpus labels layout hygiene (any dynamic value
/// before the last static block), so it runs under `profile: strict`; the default `cost` profile is
/// measured on whole repositories (`promptbench lint-eval`, Eval/repos).
final class EvalCorpusTests: XCTestCase {
    func testPL001MeetsTheTargetOnTheCorpus() throws {
        let corpus = (try SharedData.require("corpus/MANIFEST.tsv") as NSString).deletingLastPathComponent
        var strict = Configuration(baseDirectory: "/")
        strict.profile = .strict
        let evaluation = try CorpusEvaluation.run(directory: corpus, linter: try LintTest.linter(strict))
        XCTAssertGreaterThanOrEqual(evaluation.rows.count, 40)
        XCTAssertGreaterThanOrEqual(evaluation.precision, 0.95, "\(evaluation.disagreements.map(\.file))")
        XCTAssertGreaterThanOrEqual(evaluation.recall, 0.95, "\(evaluation.disagreements.map(\.file))")
    }
}
