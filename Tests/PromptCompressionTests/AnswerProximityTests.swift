import XCTest
@testable import PromptCompression

/// The answer candidates a question's words point to, without the model (texts written here).
final class AnswerProximityTests: XCTestCase {
    private func candidates(_ question: String, _ s: String, limit: Int = 3) -> [String] {
        let t = Segmenter.segmentText(Array(s.utf8), settings: .init())
        let builder = UnitBuilder(bytes: t.bytes)
        return AnswerProximity.candidates(in: t, question: question, limit: limit).joined().map { builder.text(t.pieces[$0]) }
    }

    /// A place after a place preposition beside the repeated verb wins over dates and names further away.
    func testThePlaceBesideTheRepeatedVerbComesFirst() {
        let text = "The Harbour is a drama series that airs on NBC and CTV. It debuted on May 3, 2019. "
            + "The series is filmed in Nova Scotia, Canada."
        let found = candidates("where did they film the show the harbour", text)
        XCTAssertEqual(Array(found.prefix(2)), ["in", "Nova Scotia, Canada."], "the place first, with its preposition")
        XCTAssertFalse(found.contains("The Harbour"), "a name that repeats the question is not its answer")
    }

    /// "who" asks for a name; the agent of a passive beside the repeated words comes first.
    func testTheAgentOfAPassiveAnswersWho() {
        let text = "Written in 1961 by Carla Moreno, the ballad Silver River became a hit for Tom Reyes in Lisbon."
        XCTAssertEqual(candidates("who wrote the ballad silver river", text, limit: 1), ["by", "Carla Moreno,"])
    }

    /// Dates answer "when": the nearest first, and a far one still before nothing.
    func testWhenQuestionsTakeTheNearestDate() {
        let text = "The bridge opened to traffic in March 1937. Some 40 years later a museum about the town's 12 mills opened"
            + " in a former school on the other bank of the river, far from the main square and its old market hall."
        XCTAssertEqual(candidates("when did the bridge open to traffic", text, limit: 1), ["in", "March 1937."])
        let far = "The last season of the drama, made with a new cast and new writers from the stage, and filmed far"
            + " from the city in a small coastal town, premiered on October 2, 2019."
        XCTAssertEqual(candidates("when is the new season of the drama", far, limit: 1), ["on", "October 2, 2019."])
    }

    /// A phrase question ("what ...") takes only names and numbers close to its repeated words.
    func testPhraseQuestionsTakeOnlyCloseNamesAndNumbers() {
        let text = "The guild was founded by Marta Ruiz, and many decades of quiet work followed before the first of its"
            + " long series of public exhibitions, held at the old market hall, was finally opened in Porto."
        XCTAssertEqual(candidates("what guild did she found", text, limit: 2), ["by", "Marta Ruiz,"])
    }

    /// No candidate when no passage word repeats the question, and the limit caps the list.
    func testNothingWithoutRepeatedWordsAndTheLimitHolds() {
        XCTAssertEqual(candidates("who painted the ceiling", "Anna Berg met Paul Stein in Oslo in 1990."), [])
        let text = "The trophy was won by Ivan Petrov, Mark Lee and Sam Ortiz in Rome, Paris and Bonn."
        XCTAssertEqual(candidates("who won the trophy", text, limit: 2), ["by", "Ivan Petrov,", "Mark Lee"])
        XCTAssertEqual(AnswerProximity.limit(ratio: 0.5), 3)
        XCTAssertEqual(AnswerProximity.limit(ratio: 0.33), 2)
        XCTAssertEqual(AnswerProximity.limit(ratio: 0.2), 1)
    }

    /// An ordinal counts, it does not date: "when" takes the date, not "fifth" or "100th" beside the repeated words.
    func testOrdinalsDoNotAnswerWhen() {
        let text = "The fifth season of Harbour Lights, with producers Ann Cole and Rob Dean, premiered on"
            + " September 27, 2017. This season featured its 100th episode."
        XCTAssertEqual(candidates("when is the new season of harbour lights", text, limit: 1), ["on", "September 27, 2017."])
    }

    /// "how many" takes a count before a year, with the words that qualify it ("more than").
    func testHowManyPrefersACountToAYear() {
        let text = "Founded in 1905, the firm was bought by a larger group in 2010. It sells its sweets in more than 50"
            + " countries, mostly in Europe."
        XCTAssertEqual(candidates("how many countries does the firm sell its sweets in", text, limit: 1), ["more", "than", "50"])
    }
}
