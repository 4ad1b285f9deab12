import XCTest
@testable import PromptCompression

/// Without a question, every sentence keeps a share of its own words before the global ranking spends the rest of
/// the budget (issue 17, session 15), without the model.
final class SentenceCoverageTests: XCTestCase {
    private let s = "Marseille lost 1720 people near Paris in 1656. The building is finally ready to occupy."

    private func kept(coverage: Double, budget: Double) -> (first: [String], second: [String], cost: Int) {
        let text = Segmenter.segmentText(Array(s.utf8), settings: .init())
        let builder = UnitBuilder(bytes: text.bytes)
        let costs = text.pieces.map { $0.kind == .word ? 1 : 0 }
        var priority = [Double](repeating: 0, count: text.pieces.count)
        // The names and numbers of the first sentence outrank every word of the second, as lexical value does.
        for p in text.pieces.indices where text.pieces[p].kind == .word {
            let word = builder.text(text.pieces[p])
            priority[p] = text.pieces[p].sentence == 0 ? 10 : (word == "ready" ? 3 : 1)
        }
        let fit = BudgetFit(text: text, costs: costs, priority: priority, count: { $0.joined().split(separator: " ").count })
        let keep = fit.greedy(budget: budget, coverage: coverage)
        let words = text.pieces.indices.filter { text.pieces[$0].kind == .word && keep[$0] }
        return (words.filter { text.pieces[$0].sentence == 0 }.map { builder.text(text.pieces[$0]) },
                words.filter { text.pieces[$0].sentence == 1 }.map { builder.text(text.pieces[$0]) },
                words.count)
    }

    func testEverySentenceKeepsItsBestWords() {
        let global = kept(coverage: 0, budget: 6)
        XCTAssertEqual(global.second, [])  // the second sentence is wiped out by the first one's names and numbers
        let covered = kept(coverage: 0.25, budget: 6)
        XCTAssertTrue(covered.second.contains("ready"), "\(covered.second)")
        XCTAssertFalse(covered.first.isEmpty)
        XCTAssertLessThanOrEqual(covered.cost, global.cost + 1)  // the same budget, shared differently
    }

    func testCoverageNeverExceedsTheBudget() {
        // With a budget smaller than one phrase per sentence, coverage takes only what fits.
        let tight = kept(coverage: 0.5, budget: 1)
        XCTAssertLessThanOrEqual(tight.cost, 2)
    }
}
