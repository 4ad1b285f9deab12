import Foundation
import XCTest
@testable import PromptCompression

/// Lexical question relevance over many units (issue 18: a request of 10,000 messages is 10,000 units, and
/// counting each question word's document frequency once per unit made this step quadratic).
final class LexicalRelevanceScaleTests: XCTestCase {
    /// The definition, computed the slow way: Σ over question stems in the unit of log(1 + units / units holding it).
    private func reference(units: [String], question: String) -> [Double] {
        let q = LexicalRelevance.contentStems(question)
        let sets = units.map(LexicalRelevance.contentStems)
        return sets.map { s in
            s.intersection(q).sorted().reduce(0.0) { acc, w in
                acc + log(1 + Double(sets.count) / Double(sets.filter { $0.contains(w) }.count))
            }
        }
    }

    func testScoresMatchTheDefinition() {
        // Generated here: messages that share some of the question's words, in varying mixes.
        let words = ["parcel", "ships", "order", "4711", "refund", "weather", "invoice", "tomorrow", "colour", "delay"]
        let units = (0..<300).map { i in
            (0..<(3 + i % 5)).map { words[(i * 7 + $0 * 3) % words.count] }.joined(separator: " ") + "."
        }
        let question = "When does the parcel with order 4711 ship, and is there a delay?"
        let scores = LexicalRelevance.scores(units: units, question: question)
        let expected = reference(units: units, question: question)
        XCTAssertEqual(scores.count, units.count)
        for (s, e) in zip(scores, expected) { XCTAssertEqual(s, e, accuracy: 1e-12) }
        XCTAssertGreaterThan(Set(scores).count, 2, "the generated units should score differently")
    }

    func testTenThousandMessagesScoreLikeOne() {
        // Every unit holds every question word: all scores equal log 2 per shared stem, at any count.
        let unit = "Message: please keep the order id 4711 and tell me when the parcel ships."
        let question = "please keep the order id 4711 and tell me when the parcel ships"
        let stems = LexicalRelevance.contentStems(question).count
        let scores = LexicalRelevance.scores(units: Array(repeating: unit, count: 10_000), question: question)
        XCTAssertEqual(scores.count, 10_000)
        for s in [scores[0], scores[9_999]] { XCTAssertEqual(s, Double(stems) * log(2), accuracy: 1e-9) }
    }
}
