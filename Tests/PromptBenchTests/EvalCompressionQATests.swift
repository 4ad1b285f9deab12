import Foundation
import PromptCompression
import PromptLintTestSupport
import TinyLM
import XCTest

@testable import promptbench

/// Evaluation group: answer retention of `promptbench compression-eval` on the first items of each QA set in
/// `../shared/eval` (SQuAD random-question, Natural Questions dev; third-party data read in place). The question
/// path must keep at least as many answers as lead and nearly as many as the question-agnostic path at every ratio, reach the
/// floors measured for this subset, and land within ±0.02 of the ratio. Run by `.ci/run`; fails when the data
/// or the model is missing.
final class EvalCompressionQATests: XCTestCase {
    /// Items per set (the first N of each file): the subsets measured before and after issue 17's changes.
    static let items = ["squad": 20, "nq": 40]

    /// Retention floors (%) of the question path on those items, per set and ratio: one item below what was
    /// measured on them (issue 17, `promptbench compression-eval --sections squad --limit 20` and `--sections nq
    /// --limit 40`: SQuAD 95/85/70%, NQ 90/72.5/60% at 0.5/0.33/0.2), so a regression fails.
    static let floors: [String: [Double: Double]] = [
        "squad": [0.5: 90, 0.33: 80, 0.2: 65],
        "nq": [0.5: 87.5, 0.33: 70, 0.2: 57.5],
    ]

    /// How far (points) the question path may trail the question-agnostic path: measured on NQ it keeps one item
    /// fewer at 0.33 and 0.2 (72.5 vs 75%, 60 vs 62.5%); the target is 0, not reached yet (issue 17).
    static let agnosticMargin = 2.5

    func testQuestionPathKeepsAnswersOnEveryQASet() throws {
        let languageModel = try LanguageModel(path: try ModelFiles.requireGemma())
        let evaluation = QAEvaluation(
            compressor: PromptCompressor(languageModel: languageModel),
            baselines: EvalBaselines(languageModel: languageModel), seeds: 1)
        for set in QAEvaluation.sets {
            let path = try SharedData.require("eval/" + set.file)
            let items = try XCTUnwrap(Self.items[set.name], set.name)
            let outcome = try evaluation.run(set, path: path, limit: items)
            XCTAssertEqual(outcome.items, items, set.name)
            for r in QAEvaluation.ratios {
                let withQuestion = try XCTUnwrap(outcome.tallies["ours+question@\(r)"])
                let agnostic = try XCTUnwrap(outcome.tallies["ours@\(r)"])
                let lead = try XCTUnwrap(outcome.tallies["lead@\(r)"])
                let cell = "\(set.name) r=\(r): with question \(withQuestion.rate)%, without \(agnostic.rate)%, lead \(lead.rate)%"
                XCTAssertGreaterThanOrEqual(withQuestion.rate, agnostic.rate - Self.agnosticMargin, cell)
                XCTAssertGreaterThanOrEqual(withQuestion.rate, lead.rate, cell)
                XCTAssertGreaterThanOrEqual(withQuestion.rate, Self.floors[set.name]?[r] ?? 100, cell)
                XCTAssertEqual(withQuestion.ratio, r, accuracy: 0.02, cell)
                XCTAssertEqual(agnostic.ratio, r, accuracy: 0.02, cell)
            }
        }
    }
}
