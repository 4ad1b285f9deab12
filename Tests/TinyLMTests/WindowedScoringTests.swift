import XCTest
@testable import TinyLM
import PromptLintTestSupport

/// Scoring long texts in windows (issue 18): every token scored once, no window beyond its size or the model's
/// context, a text within one window scored exactly as before, later windows conditioned on BOS and the overlap.
final class WindowedScoringTests: XCTestCase {
    func testPlanScoresEveryTokenOnceWithinTheWindowSize() {
        for (size, overlap) in [(4096, 1024), (64, 16), (10, 100), (4, 0)] {
            let windows = ScoringWindows(size: size, overlap: overlap)
            for count in [0, 1, 2, size - 1, size, size + 1, 3 * size + 7, 40_001] {
                let plan = windows.plan(count: count)
                let scored = plan.flatMap { Array($0.scored) }
                XCTAssertEqual(scored, Array(0..<count), "size \(size), count \(count)")
                XCTAssertTrue(plan.allSatisfy { !$0.scored.isEmpty }, "empty window, size \(size), count \(count)")
                for (k, w) in plan.enumerated() {
                    // Positions held: the first window's tokens (BOS among them); later: a fresh BOS, context, tokens.
                    let held = k == 0 ? w.scored.count : 1 + w.context.count + w.scored.count
                    XCTAssertLessThanOrEqual(held, windows.size)
                    XCTAssertTrue(k == 0 ? w.context.isEmpty : w.context.upperBound == w.scored.lowerBound)
                    XCTAssertLessThanOrEqual(w.context.count, windows.overlap)
                    XCTAssertFalse(w.context.contains(0), "BOS is fed once, not as context")
                }
            }
        }
        XCTAssertEqual(ScoringWindows(size: 10, overlap: 100).overlap, 4, "overlap cut to half a window")
    }

    func testLongTextIsScoredWindowByWindow() throws {
        let lm = try LanguageModel(path: try ModelFiles.requireGemma())
        // Generated here: ~300 tokens of varied sentences.
        let text = (0..<24).map { "Item \($0) of the river survey lists \($0 * 7 % 13) gauges near bridge \($0 % 5). " }.joined()
        let ids = lm.tokenizer.encode(text, addBOS: true)
        XCTAssertGreaterThan(ids.count, 250)
        let windows = ScoringWindows(size: 96, overlap: 24)
        let scored = try lm.score(text, windows: windows)
        XCTAssertEqual(scored.map(\.id), ids)
        XCTAssertNil(scored[0].logProbability)
        // What each window must give, computed independently: a fresh session per window.
        for (k, w) in windows.plan(count: ids.count).enumerated() {
            var session = ScoringSession(model: lm.model)
            let fed = (k == 0 ? [] : [ids[0]] + ids[w.context]) + ids[w.scored]
            let expected = Array(try session.append(fed).suffix(w.scored.count))
            XCTAssertLessThanOrEqual(session.count, windows.size)
            for (i, e) in zip(w.scored, expected) {
                if i == 0 { continue }
                XCTAssertEqual(Double(scored[i].logProbability!), Double(e!), accuracy: 1e-3, "token \(i)")
            }
        }
        // The first window is the text's own beginning: the same numbers as one pass over the whole text.
        var whole = ScoringSession(model: lm.model)
        let onePass = try whole.append(ids)
        for i in 1..<96 { XCTAssertEqual(Double(scored[i].logProbability!), Double(onePass[i]!), accuracy: 1e-3) }
        // A later token sees only BOS and the overlap, so it differs from one pass somewhere.
        let later = (96..<ids.count).map { abs(Double(scored[$0].logProbability!) - Double(onePass[$0]!)) }
        XCTAssertGreaterThan(later.max() ?? 0, 1e-3)
        // Progress is reported and ends at 1.
        nonisolated(unsafe) var fractions: [Double] = []
        _ = try lm.score(text, windows: windows) { fractions.append($0) }
        XCTAssertEqual(fractions.last, 1)
        XCTAssertEqual(fractions, fractions.sorted())
    }

    func testNoCacheGoesPastTheModelsContext() throws {
        let lm = try LanguageModel(path: try ModelFiles.requireGemma())
        let context = lm.model.configuration.contextLength
        XCTAssertEqual(context, 32_768)
        var cache = lm.model.makeCache()
        cache.advance(by: context - 1)  // positions counted as held (never read: the check comes first)
        XCTAssertThrowsError(try lm.model.forward([2, 3], cache: &cache)) { error in
            XCTAssertEqual(error as? TinyLMError, .contextExceeded(tokens: context + 1, context: context))
        }
        XCTAssertEqual(cache.count, context - 1, "nothing was appended")
    }
}
