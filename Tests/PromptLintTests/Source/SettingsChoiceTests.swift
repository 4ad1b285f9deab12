import XCTest

@testable import PromptLint

/// A conditional that picks one of the deployment's settings (`mode === "chat" ? config.prompts.chat.trim() :
/// config.prompts.review.trim()`) is one of a few fixed texts, the same for every request that picks it, whatever
/// the setting's name suggests (`persona`); a branch read from the user keeps the choice per-user.
final class SettingsChoiceTests: XCTestCase {
    /// A builder that puts `choice` in the system text before long rules.
    private func builder(_ choice: String) -> String {
        """
        export function composePrompt(mode: string, config: Config, user: User, message: string) {
          const modeText = \(choice);
          const system = ["<mode>", modeText, "</mode>", `\(SourceTest.longRules)`].join("\\n");
          return { system, user: `text: ${message}` };
        }
        """
    }

    func testAChoiceBetweenSettingsStaysSilent() throws {
        let text = builder(#"mode === "chat" ? config.prompts.chatPersona.trim() : config.prompts.review.trim()"#)
        XCTAssertEqual(try SourceTest.findingLines(text, path: "prompt.ts"), [])
    }

    func testAChoiceBetweenASettingAndALiteralStaysSilent() throws {
        let text = builder(#"mode === "chat" ? config.prompts.chatPersona : "Review the message.""#)
        XCTAssertEqual(try SourceTest.findingLines(text, path: "prompt.ts"), [])
    }

    func testAChoiceWithABranchReadFromTheUserIsReported() throws {
        let text = builder(#"mode === "chat" ? config.prompts.chatPersona.trim() : user.persona.trim()"#)
        XCTAssertEqual(try SourceTest.findingLines(text, path: "prompt.ts"), ["PL001@2"])
    }
}
