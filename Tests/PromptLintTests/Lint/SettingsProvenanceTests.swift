import XCTest

@testable import PromptLint

/// Issue 12 item 4: configuration fields are deployment constants whatever they are called, and a
/// finding that rests only on a name never fails CI.
final class SettingsProvenanceTests: XCTestCase {
    private func classify(_ expression: String) -> SlotClass {
        let slot = TemplateSlot(expression: expression, variable: NameTokens.head(of: expression), source: "{{ \(expression) }}", position: .start)
        return SlotClassifier().classify(slot)
    }

    func testSettingsObjectsAreConstants() {
        for expression in ["settings.user_instructions", "config.current_persona", "get_settings().session_tone",
                           "self.config.question_style", "app.config[\"USER_GREETING\"]", "os.environ[\"DOCS\"]",
                           "os.getenv(\"RETRIEVED_HINT\")", "process.env.USER_NAME", "agent_config.input_format"] {
            let c = classify(expression)
            XCTAssertEqual(c.volatility, .constant, expression)
            XCTAssertEqual(c.evidence, .evidence, expression)
        }
    }

    func testUserAndRequestObjectsAreNotSettings() {
        for expression in ["user_settings.question", "request.config.user_query", "session_config.chat_history"] {
            XCTAssertNotEqual(classify(expression).volatility, .constant, expression)
        }
        XCTAssertNotEqual(classify("configure_question").volatility, .constant)
    }

    func testNameGuessesNeverFailCheck() throws {
        let policy = String(repeating: "Follow the escalation policy: verify identity, summarise the issue, propose two fixes. ", count: 4)
        let dir = try LintTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try LintTest.write("profile: strict\nrules: {PL001: error, PL003: error, PL005: error}\n", ".promptlint.yml", in: dir)
        try LintTest.write("Today is {{ current_date }}.\n" + policy + "\n{{ question }}", "prompts/guess.j2", in: dir)
        try LintTest.write("Persona: {{ settings.user_persona }}.\n" + policy + "\n{{ question }}", "prompts/settings.j2", in: dir)
        let runner = LintRunner(ruleDirectories: [], configurations: try ConfigurationLoader(fallbackDirectory: dir), workingDirectory: dir)
        let report = try runner.run(["."])
        let findings = report.files.flatMap(\.findings)
        XCTAssertFalse(findings.isEmpty)
        XCTAssertTrue(findings.allSatisfy { $0.severity == .info }, "\(findings.map { "\($0.ruleID) \($0.severity) \($0.message)" })")
        XCTAssertFalse(findings.contains { $0.path.hasSuffix("settings.j2") && $0.ruleID == "PL001" })
        // With evidence (the expression reads the clock) the configured severity stands.
        try LintTest.write("Today is {{ now() }}.\n" + policy + "\n{{ question }}", "prompts/clock.j2", in: dir)
        let again = try runner.run(["."]).files.flatMap(\.findings)
        XCTAssertTrue(again.contains { $0.path.hasSuffix("clock.j2") && $0.severity == .error })
    }
}
