import XCTest
@testable import PromptCompression

/// The question's prior on phrase values and the budget fit's handling of joined function words, without the model.
final class AnswerPriorTests: XCTestCase {
    /// Words and traits of the phrase of word `index` in `s`, and the word before it.
    private func phrase(_ s: String, at index: Int) -> (words: [String], traits: [WordTraits], before: String?) {
        let t = Segmenter.segmentText(Array(s.utf8), settings: .init())
        let builder = UnitBuilder(bytes: t.bytes)
        let words = t.pieces.filter { $0.kind == .word }
        let members = words.filter { $0.phrase == words[index].phrase }
        let first = words.firstIndex { $0.phrase == words[index].phrase }!
        return (members.map(builder.text), members.map(\.traits), first > 0 ? UnitBuilder.core(builder.text(words[first - 1])) : nil)
    }

    private func adjustment(_ question: String, _ s: String, at index: Int) -> Double {
        let p = phrase(s, at: index)
        return AnswerPrior(question: question).adjustment(words: p.words, traits: p.traits, before: p.before)
    }

    func testNamesAnswerWhoAndTheAgentOfAPassiveCountsTwice() {
        let text = "The song was written by Bob Dylan for the film Pat Garrett"
        XCTAssertEqual(adjustment("who wrote the song", text, at: 5), 2 * AnswerPrior.kindBonus)  // Bob Dylan
        XCTAssertEqual(adjustment("who wrote the song", text, at: 9), AnswerPrior.kindBonus)  // Pat Garrett
        XCTAssertEqual(adjustment("when was the song written", text, at: 9), 0)
        XCTAssertEqual(adjustment("who sang it", "Nicklaus has the most wins", at: 0), AnswerPrior.kindBonus)
    }

    func testDatesAnswerWhenAndNumbersAnswerHowMany() {
        let text = "It was confirmed in January that the show airs in 2019 with 12 couples"
        XCTAssertEqual(adjustment("when is the show on tv", text, at: 10), AnswerPrior.kindBonus)  // 2019
        XCTAssertEqual(adjustment("when is the show on tv", text, at: 4), AnswerPrior.kindBonus)  // January
        XCTAssertEqual(adjustment("how many couples dance", text, at: 12), AnswerPrior.kindBonus)  // 12 couples
        XCTAssertEqual(adjustment("what is the show", text, at: 12), 0)
    }

    func testPlacesAfterAPlacePrepositionAnswerWhere() {
        let text = "The series was filmed in Sudbury during a cold Winter"
        XCTAssertEqual(adjustment("where was the series filmed", text, at: 5), AnswerPrior.kindBonus)
        XCTAssertEqual(adjustment("where was the series filmed", text, at: 9), 0)
    }

    /// A phrase made only of the question's words (or their variants) is worth less: the reader has it.
    func testPhrasesRepeatingTheQuestionLoseValue() {
        let text = "\"Knockin' on Heaven's Door\" is a song by Bob Dylan"
        XCTAssertEqual(adjustment("who wrote knocking on heavens door", text, at: 0), -AnswerPrior.echoPenalty)
        XCTAssertEqual(adjustment("who has the most green jackets", "Jack won the green jackets.", at: 3), -AnswerPrior.echoPenalty)
        XCTAssertEqual(adjustment("what is it", text, at: 0), 0)
    }

    /// The budget fit restores an article only with its noun: with one token of room it restores no lone "the".
    func testBudgetFitRestoresNoLoneArticle() {
        let text = Segmenter.segmentText(Array("Cats sleep beneath the liver tree".utf8), settings: .init())
        let costs = text.pieces.map { $0.kind == .word ? 1 : 0 }
        let words = text.pieces.indices.filter { text.pieces[$0].kind == .word }
        let article = words[3]
        XCTAssertTrue(text.pieces[article].traits.contains(.article))
        var priority = [Double](repeating: 0, count: text.pieces.count)
        for (k, p) in words.enumerated() { priority[p] = [5, 1, 0, 9, 9, 2][k] }
        let count: ([String]) -> Int = { texts in texts.joined().split(separator: " ").count }
        let fit = BudgetFit(text: text, costs: costs, priority: priority, count: count)
        var keep = [Bool](repeating: false, count: text.pieces.count)
        keep[words[0]] = true
        let fitted = fit.fit(keep, target: 2, allowed: 2...2)
        XCTAssertEqual(fitted.tokens, 2)
        XCTAssertFalse(fitted.keep[article], String(decoding: fitted.assembly.bytes, as: UTF8.self))
    }

    /// Over the target, the question-free budget fit drops whole phrases, lowest priority first, rather than single
    /// words out of a kept phrase: "time and space hierarchy theorems" lost its "and" when one token too many was
    /// kept. With a question (`wholePhrases` false) it trims word by word as before.
    func testBudgetFitDropsWholePhrases() {
        let text = Segmenter.segmentText(Array("Cats sleep beneath the liver tree".utf8), settings: .init())
        let costs = text.pieces.map { $0.kind == .word ? 1 : 0 }
        let words = text.pieces.indices.filter { text.pieces[$0].kind == .word }
        XCTAssertEqual(Set(words[3...5].map { text.pieces[$0].phrase }).count, 1)
        var priority = [Double](repeating: 0, count: text.pieces.count)
        for (k, p) in words.enumerated() { priority[p] = [5, 1, 0, 3, 3, 3][k] }
        let count: ([String]) -> Int = { texts in texts.joined().split(separator: " ").count }
        var fit = BudgetFit(text: text, costs: costs, priority: priority, count: count)
        fit.wholePhrases = true
        var keep = [Bool](repeating: false, count: text.pieces.count)
        for p in [words[0], words[3], words[4], words[5]] { keep[p] = true }
        // One word over, no slack: the phrase "the liver tree" (priority 3) is kept or dropped whole, never cut.
        let fitted = fit.fit(keep, target: 3, allowed: 3...3)
        let kept = words[3...5].filter { fitted.keep[$0] }.count
        XCTAssertTrue(kept == 0 || kept == 3, String(decoding: fitted.assembly.bytes, as: UTF8.self))
        XCTAssertEqual(fitted.tokens, 3)
    }
}
