import Foundation
import PromptCompression
import PromptLintTestSupport
import TinyLM
import XCTest

@testable import promptbench

/// Evaluation group: answer retention of `promptbench compression-eval` on the first items of each QA set in
/// `../shared/eval` (SQuAD random-question, Natural Questions dev; third-party data read in place). The question
/// path must keep at least as many answers as lead and as the question-agnostic path at every ratio, reach the
/// floors measured for this subset, and land within ±0.02 of the ratio. Run by `.ci/run`; fails when the data
/// or the model is missing.
final class EvalCompressionQATests: XCTestCase {
    /// Items per set (the first N of each file): the subsets measured before and after issue 17's changes.
    static let items = ["squad": 20, "nq": 40]

    /// Retention floors (%) of the question path on those items, per set and ratio: one item below what was
    /// measured on them (issue 17, the question's answer kind and echo weigh phrases, possessives and "of" join
    /// noun phrases; question path on the first 20 SQuAD and 40 NQ items: SQuAD 100/90/75%, NQ 95/87.5/72.5% at
    /// 0.5/0.33/0.2; before: SQuAD 100/90/70%, NQ 95/77.5/62.5%), so a regression fails.
    static let floors: [String: [Double: Double]] = [
        "squad": [0.5: 95, 0.33: 85, 0.2: 70],
        "nq": [0.5: 92.5, 0.33: 85, 0.2: 70],
    ]

    /// How far (points) the question path may trail the question-agnostic path: none. Measured on these items
    /// it is at or above it at every ratio (session 19, with the question-free path's sentence rank discount: NQ
    /// 95 vs 95, 87.5 vs 72.5, 70 vs 60%; SQuAD 100 vs 90, 90 vs 85, 85 vs 65%).
    static let agnosticMargin = 0.0

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
