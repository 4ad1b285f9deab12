import Foundation
import TinyLM
import XCTest
@testable import PromptCompression

/// Few-shot pools embedded in shared forward calls (issue 18: 1,000 examples took 254 s, one weight pass per
/// example): the vectors and the selection are those of embedding each example alone.
final class FewShotBatchEmbeddingTests: XCTestCase {
    func testBatchedVectorsAndSelectionMatchOneByOne() throws {
        let pruner = FewShotPruner(languageModel: try LanguageModel(path: try ModelLocator.locate()))
        // Generated here: 60 examples over 7 topics, as the hostile-cases pool (1,000) but smaller.
        let examples = (0..<60).map { i in
            FewShotExample(
                input: "Example question number \(i) about topic \(i % 7)?", output: "answer \(i % 5)",
                text: "Q: Example question number \(i) about topic \(i % 7)?\nA: answer \(i % 5)")
        }
        nonisolated(unsafe) var fractions: [Double] = []
        var batchedPruner = pruner
        batchedPruner.progress = { fractions.append($0) }
        let batched = try batchedPruner.vectors(for: examples)
        let alone = try examples.map { try pruner.embedder.embed($0.text).vector }
        XCTAssertEqual(batched.count, alone.count)
        for (b, a) in zip(batched, alone) {
            XCTAssertLessThan(zip(b, a).map { abs($0 - $1) }.max() ?? 1, 1e-3)
        }
        // 60 short examples: a few forward calls, so progress is reported a few times, ending at 1.
        XCTAssertLessThan(fractions.count, 10)
        XCTAssertEqual(fractions.last, 1)
        for limit in [FewShotLimit.count(4), .count(9)] {
            let fromBatched = try pruner.prune(examples, limit: limit, vectors: batched)
            let fromAlone = try pruner.prune(examples, limit: limit, vectors: alone)
            XCTAssertEqual(fromBatched.selected, fromAlone.selected, "\(limit)")
        }
    }
}
