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

    func testKinds() {
        XCTAssertEqual(ExpectedAnswer.kind(of: "who sang i'm gonna run away from you"), .person)
        XCTAssertEqual(ExpectedAnswer.kind(of: "Whose idea was it?"), .person)
        XCTAssertEqual(ExpectedAnswer.kind(of: "when is dancing on ice on the tv"), .time)
        XCTAssertEqual(ExpectedAnswer.kind(of: "In what year did it end?"), .time)
        XCTAssertEqual(ExpectedAnswer.kind(of: "how many countries does cadbury sell its products"), .quantity)
        XCTAssertEqual(ExpectedAnswer.kind(of: "where are red blood cells made in adults"), .place)
        XCTAssertEqual(ExpectedAnswer.kind(of: "what emperor took over france"), .other)
        XCTAssertEqual(ExpectedAnswer.kind(of: "What term explains a change in Doctor Who?"), .other)
        XCTAssertEqual(ExpectedAnswer.kind(of: ""), .other)
    }
}
