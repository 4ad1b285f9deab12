import XCTest
@testable import TinyLM
import PromptLintTestSupport

/// Short texts packed into shared forward calls (issue 18, few-shot pools): the number of calls grows with the
/// pool's tokens, not its examples, and every text gets the states it gets alone.
final class IndependentForwardTests: XCTestCase {
    func testGroupsCoverTheTextsInOrderWithinTheBatch() {
        var rng = SplitMix64(seed: 18)
        for count in [0, 1, 7, 1000] {
            let lengths = (0..<count).map { _ in 1 + Int(rng.next() % 40) }
            let groups = Gemma3Model.packedGroups(lengths: lengths, maxRows: 512)
            XCTAssertEqual(groups.flatMap { Array($0) }, Array(0..<count))
            for g in groups { XCTAssertLessThanOrEqual(g.reduce(0) { $0 + lengths[$1] }, 512) }
        }
        // A text longer than a batch goes alone; the texts around it are grouped.
        XCTAssertEqual(Gemma3Model.packedGroups(lengths: [10, 600, 10, 10], maxRows: 512), [0..<1, 1..<2, 2..<4])
    }

    func testCallsGrowWithTokensNotTexts() {
        // 1,000 examples of 16 tokens (the hostile-cases pool has about that): 32 calls, not 1,000.
        XCTAssertEqual(Gemma3Model.packedGroups(lengths: Array(repeating: 16, count: 1000), maxRows: 512).count, 32)
        // Doubling the pool doubles the calls (linear), for any mix of lengths.
        var rng = SplitMix64(seed: 7)
        let lengths = (0..<2000).map { _ in 1 + Int(rng.next() % 60) }
        let half = Gemma3Model.packedGroups(lengths: Array(lengths.prefix(1000)), maxRows: 512).count
        let whole = Gemma3Model.packedGroups(lengths: lengths, maxRows: 512).count
        XCTAssertLessThanOrEqual(whole, 2 * half + 1)
        // Greedy packing wastes less than one text per call: calls ≤ tokens / (512 - longest) + 1.
        XCTAssertLessThanOrEqual(whole, lengths.reduce(0, +) / (512 - 60) + 1)
    }

    func testPackedTextsGetTheirOwnStates() throws {
        let lm = try LanguageModel(path: try ModelFiles.requireGemma())
        let texts = [
            "Example question number 3 about topic 3?", "A", "The river flooded in 1862 after the spring rains.",
            "Summarise the meeting notes below in three bullet points, keeping every date and name.",
        ].map { lm.tokenizer.encode($0, addBOS: true) }
        let packed = try lm.model.forwardIndependent(texts)
        XCTAssertEqual(packed.count, texts.count)
        for (text, states) in zip(texts, packed) {
            var cache = lm.model.makeCache()
            let alone = try lm.model.forward(text, cache: &cache)
            XCTAssertEqual(states.count, alone.count)
            let worst = zip(states, alone).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThan(worst, 1e-3, "states differ from the text evaluated alone")
        }
        // Progress reports the texts done, ending at all of them.
        nonisolated(unsafe) var done: [Int] = []
        _ = try lm.model.forwardIndependent(texts) { done.append($0) }
        XCTAssertEqual(done.last, texts.count)
    }
}
