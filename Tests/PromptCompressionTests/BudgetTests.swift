import XCTest
@testable import PromptCompression

/// The budget controller's arithmetic, without the model.
final class BudgetTests: XCTestCase {
    func testRatesMeetTheBudget() {
        let costs = [40, 25, 30, 10, 50]
        let scores = [0.1, 2.0, -1.0, 0.5, 0.0]
        let rates = BudgetController.rates(costs: costs, scores: scores, floors: [0, 0, 0, 0, 0], budget: 70, spread: 0.5)
        let kept = zip(rates, costs).reduce(0.0) { $0 + $1.0 * Double($1.1) }
        XCTAssertEqual(kept, 70, accuracy: 6)
        XCTAssertEqual(rates[1], rates.max()!)  // the best unit keeps the most
        XCTAssertTrue(rates.allSatisfy { $0 == 0 || $0 >= BudgetController.dropBelow })
    }

    func testFloorsAndEdges() {
        let rates = BudgetController.rates(costs: [10, 100], scores: [0, 0], floors: [0.9, 0], budget: 30, spread: 0)
        XCTAssertGreaterThanOrEqual(rates[0], 0.9)
        XCTAssertEqual(BudgetController.rates(costs: [10, 10], scores: [0, 1], floors: [0, 0], budget: 50, spread: 0.3), [1, 1])
        XCTAssertEqual(BudgetController.rates(costs: [10, 10], scores: [0, 1], floors: [0, 0], budget: 0, spread: 0.3), [0, 0])
    }

    func testShortPassagesKeepEveryUnit() {
        let costs = [30, 30, 30]
        let scores = [2.0, -1.0, 0.0]
        let dropping = BudgetController.rates(costs: costs, scores: scores, floors: [0, 0, 0], budget: 30, spread: 0.8)
        XCTAssertEqual(dropping[1], 0)  // the low unit is dropped whole when whole drops are allowed
        let kept = BudgetController.rates(
            costs: costs, scores: scores, floors: [0, 0, 0], budget: 30, spread: 0.8, dropsWholeUnits: false)
        XCTAssertTrue(kept.allSatisfy { $0 >= BudgetController.dropBelow })
        XCTAssertEqual(zip(kept, costs).reduce(0.0) { $0 + $1.0 * Double($1.1) }, 30, accuracy: 3)
    }

    func testHedgedRatesKeepTheQuestionFreeChoiceAndTheBudget() {
        // Unit 0 repeats the question's words; unit 1 holds the names and numbers the value rates favour.
        let costs = [30, 30, 30]
        let question = BudgetController.rates(costs: costs, scores: [2.0, -1.0, 0.0], floors: [0, 0, 0], budget: 30, spread: 0.8)
        let tokens: [[Double: Int]] = [[0: 30], [2.5: 20, -10: 10], [0: 30]]
        let value = BudgetController.valueShareRates(valueTokens: tokens, floors: [0, 0, 0], budget: 30)
        XCTAssertEqual(question[1], 0)
        let hedged = BudgetController.hedged(question, with: value)
        XCTAssertGreaterThan(hedged[1], 0.2)  // no longer starved
        XCTAssertLessThan(hedged[1], value[1])
        XCTAssertEqual(hedged[0], max(hedged[0], hedged[1], hedged[2]))  // the question ranking still leads
        let spent = { (rates: [Double]) in zip(rates, costs).reduce(0.0) { $0 + $1.0 * Double($1.1) } }
        XCTAssertEqual(spent(hedged), (spent(question) + spent(value)) / 2, accuracy: 1e-9)
        XCTAssertEqual(spent(hedged), 30, accuracy: 3)
    }

    func testNeighboursShareRelevance() {
        let units = [0, 0, 0, 1].map { CoarseUnit(pieces: [], paragraph: $0) }
        let s = CoarseRanking.sharedWithNeighbours([-1, 2, -1, -1], units: units)
        XCTAssertEqual(s[0], 0.5, accuracy: 1e-9)  // before the matching sentence
        XCTAssertEqual(s[2], 0.5, accuracy: 1e-9)  // after it
        XCTAssertEqual(s[1], 2)  // the matching sentence keeps its score
        XCTAssertEqual(s[3], -1)  // another paragraph gets nothing
    }

    func testRankPositions() {
        let p = BudgetController.rankPositions(scores: [3, 1, 2], costs: [10, 10, 10])
        XCTAssertGreaterThan(p[0], p[2])
        XCTAssertGreaterThan(p[2], p[1])
        XCTAssertEqual(p.reduce(0, +), 0, accuracy: 1e-9)
    }

    func testLexicalRelevance() {
        let s = LexicalRelevance.scores(units: ["The cat sat on the mat.", "Iran exported oil to allies.", "Weather was fine."],
                                        question: "Which country exported oil?")
        XCTAssertEqual(s.firstIndex(of: s.max()!), 1)
    }
}

/// Rates without a question: one global cut through the value levels.
final class ValueShareRateTests: XCTestCase {
    func testOneCutAcrossUnits() {
        // Unit 0: 4 number tokens, 6 plain; unit 1: 2 number tokens, 8 function-word tokens.
        let tokens: [[Double: Int]] = [[2.5: 4, 0: 6], [2.5: 2, -10: 8]]
        let rates = BudgetController.valueShareRates(valueTokens: tokens, floors: [0, 0], budget: 6)
        XCTAssertEqual(rates[0], 0.4, accuracy: 1e-6)
        XCTAssertEqual(rates[1], 0.2, accuracy: 1e-6)
        // Half the plain tokens on top: only unit 0 has any.
        let more = BudgetController.valueShareRates(valueTokens: tokens, floors: [0, 0], budget: 9)
        XCTAssertEqual(more[0], 0.7, accuracy: 1e-6)
        XCTAssertEqual(more[1], 0.2, accuracy: 1e-6)
    }

    func testFloorsAndEdges() {
        let tokens: [[Double: Int]] = [[0: 10], [0: 10]]
        let rates = BudgetController.valueShareRates(valueTokens: tokens, floors: [0.8, 0], budget: 10)
        XCTAssertEqual(rates[0], 0.8, accuracy: 1e-6)
        XCTAssertEqual(rates[1], 0.2, accuracy: 1e-3)
        XCTAssertEqual(BudgetController.valueShareRates(valueTokens: tokens, floors: [0, 0], budget: 50), [1, 1])
        XCTAssertEqual(BudgetController.valueShareRates(valueTokens: tokens, floors: [0, 0], budget: 0), [0, 0])
    }
}
