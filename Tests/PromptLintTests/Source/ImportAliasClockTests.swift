import XCTest

@testable import PromptLint

/// A clock read through a local alias of its import (`from datetime import datetime as _dt`, then `_dt.now()`) is
/// the clock, with the evidence a direct `datetime.now()` gives (holdout37 bdnwebb-eng/miles-mavi-bot `ai.py` 303 was
/// an `info` judged from the name `_now`). Own text.
final class ImportAliasClockTests: XCTestCase {
    /// A bot whose reply puts `stamp` (computed by `clock`, with `imports` in the function) at the top of the
    /// system prompt, before the conversation it is given.
    private func bot(imports: String, clock: String) -> String {
        """
        from openai import OpenAI

        client = OpenAI()


        def reply(history, text):
            \(imports)
            stamp = \(clock)
            system = f"Current date and time: {stamp}\\n" + \"\"\"\(SourceTest.policy)\"\"\"
            messages = [{"role": "system", "content": system}] + history + [{"role": "user", "content": text}]
            return client.chat.completions.create(model="gpt-4o", messages=messages)
        """
    }

    private func pl001(_ text: String, path: String = "bot.py") throws -> [Finding] {
        try SourceTest.folderFindings([path: text]).filter { $0.ruleID == "PL001" }
    }

    func testAClockReadThroughAnAliasedClassIsAWarningThatNamesTheClock() throws {
        let findings = try pl001(bot(imports: "from datetime import datetime as _dt", clock: "_dt.now().strftime('%H:%M')"))
        XCTAssertEqual(findings.map(\.line), [9])
        XCTAssertEqual(findings.first?.severity, .warning)
        XCTAssertTrue(findings.first?.message.contains("reads the clock") == true, findings.first?.message ?? "")
    }

    func testAClockReadThroughAnAliasedModuleIsTheClock() throws {
        let findings = try pl001(bot(imports: "import time as t", clock: "t.strftime('%H:%M:%S')"))
        XCTAssertEqual(findings.first?.severity, .warning)
    }

    func testAStoredTimeParsedThroughTheAliasIsNoClock() throws {
        // `_dt.fromisoformat(…)` parses a value it is given: not a clock read, so no evidence-backed warning.
        let findings = try pl001(bot(imports: "from datetime import datetime as _dt", clock: "_dt.fromisoformat(\"2024-01-01\")"))
        XCTAssertFalse(findings.contains { $0.severity == .warning }, findings.map(\.message).joined())
    }

    func testAnAliasedImportOfAnotherModuleIsNoClock() throws {
        // A project's own helper imported under a clock-like alias reads no clock of the standard library.
        let findings = try pl001(bot(imports: "from .labels import fixed_label as now", clock: "now()"))
        XCTAssertFalse(findings.contains { $0.severity == .warning }, findings.map(\.message).joined())
    }
}
