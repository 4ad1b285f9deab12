import PromptLintTestSupport
import XCTest

@testable import TinyLM

/// The chunked attention (only the keys a chunk of queries can see are multiplied) pinned to a plain
/// definition of causal, sliding-window grouped-query attention computed in Double.
final class AttentionTests: XCTestCase {
    /// Random queries, keys and values; `attend` against the definition, every row and head.
    func check(n: Int, start: Int, window: Int?, heads: Int = 4, kvHeads: Int = 2, hd: Int = 16, seed: UInt64) {
        var g = SplitMix64(seed: seed)
        let qWidth = heads * hd, kvWidth = kvHeads * hd, positions = start + n
        let queries = (0..<(n * qWidth)).map { _ in Float.random(in: -1...1, using: &g) }
        let keys = (0..<(positions * kvWidth)).map { _ in Float.random(in: -1...1, using: &g) }
        let values = (0..<(positions * kvWidth)).map { _ in Float.random(in: -1...1, using: &g) }
        var output = [Float](repeating: .nan, count: n * qWidth)
        attend(
            queries: queries, keys: keys, values: values, output: &output, n: n, start: start, heads: heads,
            kvHeads: kvHeads, headDim: hd, window: window)
        var worst = 0.0
        for i in 0..<n {
            let position = start + i
            let visible = (window.map { max(0, position - $0 + 1) } ?? 0)...position
            for h in 0..<heads {
                let kv = h / (heads / kvHeads)
                let scores = visible.map { p in
                    (0..<hd).reduce(0.0) { $0 + Double(queries[i * qWidth + h * hd + $1]) * Double(keys[p * kvWidth + kv * hd + $1]) }
                }
                let top = scores.max()!
                let weights = scores.map { exp($0 - top) }
                let total = weights.reduce(0, +)
                for j in 0..<hd {
                    let expected = zip(visible, weights).reduce(0.0) { $0 + $1.1 * Double(values[$1.0 * kvWidth + kv * hd + j]) } / total
                    worst = max(worst, abs(expected - Double(output[i * qWidth + h * hd + j])))
                }
            }
        }
        XCTAssertLessThan(worst, 1e-5, "n \(n), start \(start), window \(String(describing: window))")
    }

    func testCausalFromTheFirstPositionAcrossSeveralChunks() {
        check(n: 2 * attentionChunk + 17, start: 0, window: nil, seed: 1)
    }

    func testSlidingWindowAfterCachedPositions() {
        check(n: attentionChunk + 30, start: 45, window: 50, seed: 2)
        check(n: 3, start: 200, window: 64, seed: 3)
    }

    func testGlobalLayerAfterCachedPositionsOneKeyHead() {
        check(n: attentionChunk + 1, start: 70, window: nil, heads: 4, kvHeads: 1, seed: 4)
    }
}
