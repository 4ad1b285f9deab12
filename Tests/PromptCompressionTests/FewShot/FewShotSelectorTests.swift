import XCTest
@testable import PromptCompression

/// Selection algorithms on hand-made vectors: no model.
final class FewShotSelectorTests: XCTestCase {
    /// Unit vectors in the plane at the given angles (degrees).
    func plane(_ degrees: [Double]) -> [[Float]] {
        degrees.map { [Float(cos($0 * .pi / 180)), Float(sin($0 * .pi / 180))] }
    }

    func input(_ vectors: [[Float]], costs: [Int]? = nil, groups: [Int]? = nil, relevance: [Float]? = nil) -> FewShotSelectionInput {
        FewShotSelectionInput(
            similarity: FewShotEmbedder.cosineMatrix(vectors), count: vectors.count, costs: costs, groups: groups, relevance: relevance)
    }

    /// Three tight clusters, listed interleaved: one example from each cluster, the cluster's centre.
    func testFacilityLocationTakesOneCentreFromEachCluster() {
        let vectors = plane([0, 120, 240, 5, 125, 245, -5, 115, 235])
        let s = FewShotSelector.select(input(vectors), limit: .count(3))
        XCTAssertEqual(s.selected, [0, 1, 2])
        XCTAssertEqual(s.scores.count, 3)
        XCTAssertEqual(Double(s.scores.reduce(0, +)), s.coverage, accuracy: 1e-5, "scores add up to the coverage")
    }

    func testKCenterStartsAtMedoidThenTakesFarthest() {
        let vectors = plane([0, 10, 20, 30, 90])
        let s = FewShotSelector.select(input(vectors), limit: .count(2), objective: .kCenter)
        XCTAssertEqual(s.selected, [3, 4], "medoid 30° (largest sum of cosines), then the farthest, 90°")
    }

    func testTiesGoToTheEarlierExample() {
        let vectors = plane([0, 90, 0, 90])
        XCTAssertEqual(FewShotSelector.select(input(vectors), limit: .count(2)).selected, [0, 1])
        XCTAssertEqual(FewShotSelector.select(input(vectors), limit: .count(1)).selected, [0])
        XCTAssertEqual(FewShotSelector.select(input(vectors), limit: .count(2), objective: .kCenter).selected, [0, 1])
    }

    func testSelectedKeepInputOrder() {
        let vectors = plane([200, 100, 0, 300, 50, 150])
        for k in 1...6 {
            let s = FewShotSelector.select(input(vectors), limit: .count(k))
            XCTAssertEqual(s.selected, s.selected.sorted())
            XCTAssertEqual(Set(s.selected).count, k)
        }
    }

    /// Group 1 is a single example right next to group 0's examples: coverage alone would skip it.
    func testStratificationKeepsEveryLabel() {
        let vectors = plane([0, 1, 180, 90, 270])
        let groups = [0, 1, 0, 0, 0]
        XCTAssertFalse(FewShotSelector.select(input(vectors), limit: .count(4)).selected.contains(1))
        let s = FewShotSelector.select(input(vectors, groups: groups), limit: .count(4))
        XCTAssertTrue(s.selected.contains(1))
        XCTAssertEqual(Set(s.selected.map { groups[$0] }), [0, 1])
        // With fewer slots than labels, each slot goes to a different label.
        let three = plane([0, 2, 4, 120, 122, 240, 242])
        let labels = [0, 0, 0, 1, 1, 2, 2]
        let two = FewShotSelector.select(input(three, groups: labels), limit: .count(2))
        XCTAssertEqual(Set(two.selected.map { labels[$0] }).count, 2)
    }

    func testBudgetIsNeverExceeded() {
        let vectors = plane([0, 40, 80, 120, 160, 200, 240, 280, 320])
        let costs = [5, 9, 3, 7, 4, 8, 6, 2, 10]
        for budget in [2, 5, 10, 17, 25, 40, 54] {
            let s = FewShotSelector.select(input(vectors, costs: costs), limit: .budget(budget))
            XCTAssertLessThanOrEqual(s.selected.reduce(0) { $0 + costs[$1] }, budget, "budget \(budget)")
            XCTAssertFalse(s.selected.isEmpty)
        }
        // A cheap example that covers as much as an expensive one wins under a tight budget.
        let pair = plane([0, 0.5, 180])
        let s = FewShotSelector.select(input(pair, costs: [10, 2, 2]), limit: .budget(4))
        XCTAssertEqual(s.selected, [1, 2])
    }

    /// Large lists (no exhaustive search): greedy with budgets, more than 16 examples.
    func testBudgetOnLargeListUsesGreedyAndStaysWithin() {
        let degrees = (0..<40).map { Double(($0 * 37) % 360) }
        let costs = (0..<40).map { 3 + ($0 * 7) % 11 }
        let s = FewShotSelector.select(input(plane(degrees), costs: costs), limit: .budget(30))
        XCTAssertLessThanOrEqual(s.selected.reduce(0) { $0 + costs[$1] }, 30)
        XCTAssertGreaterThanOrEqual(s.selected.count, 2)
    }

    /// Exhaustive search and greedy + swaps agree with brute force on the value they reach.
    func testExactSearchIsOptimalAndLocalSearchNoWorseThanGreedy() {
        var rng = SystemRandomNumberGenerator.Seeded(seed: 7)
        let vectors = (0..<12).map { _ in (0..<5).map { _ in Float(rng.nextUnit() * 2 - 1) } }
        let unit = FewShotEmbedder.normalize(vectors, .none)
        let problem = input(unit)
        for k in 1...5 {
            let exact = FewShotSelector.select(problem, limit: .count(k))
            var best = -Double.infinity
            forEachSubset(12, k) { best = max(best, FewShotSelector.facilityValue(problem, $0)) }
            XCTAssertEqual(FewShotSelector.facilityValue(problem, exact.selected), best, accuracy: 1e-6, "k \(k)")
            let greedy = FewShotSelector.greedy(problem, rule: .facility, maxCount: k, budget: nil, ratio: false)
            let improved = FewShotSelector.localSearch(problem, greedy, budget: nil)
            XCTAssertGreaterThanOrEqual(
                FewShotSelector.facilityValue(problem, improved), FewShotSelector.facilityValue(problem, greedy) - 1e-9)
        }
    }

    func testLargeCountProblemIsDeterministic() {
        var rng = SystemRandomNumberGenerator.Seeded(seed: 3)
        let vectors = (0..<60).map { _ in (0..<8).map { _ in Float(rng.nextUnit() * 2 - 1) } }
        let problem = input(FewShotEmbedder.normalize(vectors, .center))
        let a = FewShotSelector.select(problem, limit: .count(7))
        let b = FewShotSelector.select(problem, limit: .count(7))
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.selected.count, 7)
    }

    func testMMRFavoursRelevanceThenDiversity() {
        // The query sits between a (0) and c (2), nearer a; b (1) nearly repeats a; d (3) is opposite a.
        let vectors = FewShotEmbedder.normalize([[1, 0, 0], [0.99, 0.14, 0], [0.5, 0, 0.866], [-1, 0, 0]], .none)
        let query = FewShotEmbedder.normalize([[0.9, 0, 0.436]], .none)[0]
        let relevance = vectors.map { FewShotEmbedder.dot($0, query) }
        let s = FewShotSelector.select(input(vectors, relevance: relevance), limit: .count(2), lambda: 0.5)
        XCTAssertEqual(s.selected, [0, 2])
        let relevanceOnly = FewShotSelector.select(input(vectors, relevance: relevance), limit: .count(2), lambda: 1)
        XCTAssertEqual(relevanceOnly.selected, [0, 1])
    }

    func testNormalizationCentresAndScales() {
        let unit = FewShotEmbedder.normalize([[2, 1], [4, 1]], .center)
        XCTAssertEqual(FewShotEmbedder.dot(unit[0], unit[1]), -1, accuracy: 1e-6)
        let raw = FewShotEmbedder.normalize([[3, 4]], .none)
        XCTAssertEqual(raw[0][0], 0.6, accuracy: 1e-6)
    }

    func forEachSubset(_ n: Int, _ k: Int, _ body: ([Int]) -> Void) {
        func go(_ start: Int, _ current: [Int]) {
            if current.count == k { body(current); return }
            guard start < n else { return }
            for i in start..<n { go(i + 1, current + [i]) }
        }
        go(0, [])
    }
}

extension SystemRandomNumberGenerator {
    /// A tiny seeded generator for reproducible test vectors.
    struct Seeded {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func nextUnit() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
    }
}
