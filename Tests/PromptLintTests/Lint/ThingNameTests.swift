import Foundation
import XCTest

@testable import PromptLint

/// `<thing>_name` names that thing (`character_name`, `guild_name`), not the user: the name alone does not
/// make it per-user, so a template slot named so is left unknown (no finding) rather than called per-user.
final class ThingNameTests: XCTestCase {
    private let classifier = SlotClassifier()

    func testTheNameOfAThingIsNotTheUsers() {
        for name in ["character_name", "channelName", "server_name"] {
            XCTAssertNil(classifier.nameClass(of: name), name)
        }
        // In capitals, as settings are written, it reads as one.
        for name in ["CHARACTER_NAME", "GUILD_NAME"] {
            XCTAssertEqual(classifier.nameClass(of: name)?.volatility, .constant, name)
        }
        XCTAssertEqual(classifier.nameClass(of: "USER_NAME")?.volatility, .perUser)
    }

    /// The near miss: a person's name stays per-user (the user's words, person qualifiers, the bare word).
    func testAPersonsNameStaysPerUser() {
        for name in ["user_name", "USER_NAME", "display_name", "full_name", "customer_name", "first_name", "name", "author_name"] {
            XCTAssertEqual(classifier.nameClass(of: name)?.volatility, .perUser, name)
        }
        // Settings keep their own reading.
        XCTAssertEqual(classifier.nameClass(of: "bot_name")?.volatility, .constant)
    }

    /// Names across the cases a code base writes: a recipe's or a model's name is not the user's; a person's
    /// name in camelCase, snake_case or dotted form stays per-user.
    func testNamesAcrossCases() {
        XCTAssertNil(classifier.nameClass(of: "recipe_name"))
        XCTAssertNil(classifier.nameClass(of: "notebook.name"))
        XCTAssertEqual(classifier.nameClass(of: "model_name")?.volatility, .constant)
        XCTAssertEqual(classifier.nameClass(of: "FILE_NAME")?.volatility, .constant)
        for name in ["userName", "customerName", "last_name", "user.name", "firstName", "recipient_name"] {
            XCTAssertEqual(classifier.nameClass(of: name)?.volatility, .perUser, name)
        }
    }

    private func tail(_ words: Int) -> String {
        (0..<words).map { "Rule \($0): answer in character and keep the tone of the room." }.joined(separator: "\n")
    }

    func testACharactersNameInAMarkdownPromptIsNotReported() throws {
        let text = "You are {{CHARACTER_NAME}}, chatting with the room.\n\n" + tail(120) + "\n"
        let ids = try LintTest.linter(LintTest.costConfiguration).lint(text: text, path: "prompts/system.md").findings.map(\.ruleID)
        XCTAssertFalse(ids.contains("PL001"), "\(ids)")
    }

    func testTheUsersNameInTheSamePlaceIsStillReported() throws {
        let text = "You are talking to {{USER_NAME}} in the room.\n\n" + tail(120) + "\n"
        let findings = try LintTest.linter(LintTest.costConfiguration).lint(text: text, path: "prompts/system.md").findings
        let found = findings.first { $0.ruleID == "PL001" }
        XCTAssertEqual(found?.line, 1, "\(findings.map(\.ruleID))")
        XCTAssertEqual(found?.severity, .info)
    }
}
