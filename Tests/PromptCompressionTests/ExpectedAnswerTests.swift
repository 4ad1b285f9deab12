import XCTest
@testable import PromptCompression

/// The answer type read from a question's words.
final class ExpectedAnswerTests: XCTestCase {
    func testNamesDatesAndQuantitiesAreEntities() {
        for question in [
            "who played mr. kincaid on the partridge family", "Who's satellites would the channels be broadcast from?",
            "when did the first train run in england", "How many people live in Warsaw?", "what year did the war end",
        ] {
            XCTAssertEqual(ExpectedAnswer.of(question), .entity, question)
        }
    }

    func testOtherQuestionsArePhrases() {
        for question in [
            "what song did the titanic band play when it sank", "In which direction did the water on the eastern side flow?",
            "whoever wrote this, why?", "how did the year end", "What term explains a change in Doctor Who?", "",
        ] {
            XCTAssertEqual(ExpectedAnswer.of(question), .phrase, question)
        }
    }
}
