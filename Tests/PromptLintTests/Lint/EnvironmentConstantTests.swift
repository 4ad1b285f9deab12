import XCTest

@testable import PromptLint

/// Values fixed by the environment (editor workspace, operating system, role names) are not
/// per-request, whatever words their names contain; per-request editor variables stay dynamic.
final class EnvironmentConstantTests: XCTestCase {
    private func volatility(_ text: String, format: TemplateFormat = .plainText, of expression: String) throws -> SlotVolatility {
        let template = TemplateReading.read(path: "t.prompt.md", text: text, format: format)
        let slot = try XCTUnwrap(template.slots.first { $0.expression.contains(expression) }, "\(template.slots.map(\.expression))")
        return SlotClassifier().classify(slot, in: template).volatility
    }

    func testWorkspaceVariablesAreConstantButSelectionIsNot() throws {
        let text = "Use the workspace root: ${workspaceFolder}\nLook at ${selection} in ${file}.\n"
        XCTAssertEqual(try volatility(text, of: "workspaceFolder"), .constant)
        XCTAssertNotEqual(try volatility(text, of: "selection"), .constant)
        XCTAssertNotEqual(try volatility(text, of: "file"), .constant)
    }

    func testOperatingSystemAndRoleNamesAreConstant() throws {
        XCTAssertEqual(try volatility("Run it on a {{ os }} machine.", format: .jinja, of: "os"), .constant)
        XCTAssertEqual(try volatility("You run on {OS_NAME} as {ROLE_NAME}.", format: .fstring, of: "OS_NAME"), .constant)
        XCTAssertEqual(try volatility("You run on {OS_NAME} as {ROLE_NAME}.", format: .fstring, of: "ROLE_NAME"), .constant)
        // A user's name is still about the user.
        XCTAssertNotEqual(try volatility("Hello {USER_NAME}.", format: .fstring, of: "USER_NAME"), .constant)
    }

    func testUnameFieldsTogetherAreConstantButAloneAreNot() throws {
        let together = "<system_information>\n{{system}} {{release}} {{version}} {{machine}}\n</system_information>\n"
        XCTAssertEqual(try volatility(together, format: .jinja, of: "system"), .constant)
        XCTAssertEqual(try volatility(together, format: .jinja, of: "release"), .constant)
        XCTAssertNotEqual(try volatility("Release notes: {{ release }}", format: .jinja, of: "release"), .constant)
    }

    func testAWorkspaceVariableBeforeALongPromptIsNoFinding() throws {
        let text = "Use the workspace root: ${workspaceFolder}\n" + CostProfileTests.prose(700) + "\nFocus on ${selection}.\n"
        let findings = try LintTest.linter(LintTest.costConfiguration).lint(text: text, path: ".github/prompts/x.prompt.md", format: .plainText).findings
        XCTAssertFalse(findings.contains { $0.ruleID == "PL001" }, "\(findings.map(\.message))")
    }
}
