import XCTest

@testable import PromptLint

/// Classes of Python construct behind source-holdout22's and holdout24's development cases (session 26): the
/// day's name picked by `weekday()` is a per-day value like the date beside it; a retriever's search for the
/// caller's words (`self._retriever.retrieve(query=…)`) is per-request content wherever it is stored; and a
/// timestamp in a worked example (a `**Example:**` label over a fenced block; now read in a rendered prompt, as
/// PL002 is quiet in source code; the Chinese "如" case is CJKExampleLiteralTests') is sample text, the same in every
/// request. And a Gemini message whose `parts`
/// list holds a text built above is reported where the value enters that text, not at the list; and the fields
/// of the settings object (`settings = get_settings()`) fill a template with deployment constants, whatever the
/// placeholders are called (`{phone}`, `{address}`).
final class SourceHoldout22PythonDevTests: XCTestCase {
    private func dated(_ dayLine: String) -> String {
        """
        from datetime import datetime
        from openai import OpenAI

        client = OpenAI()
        DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


        def reply(history, message):
            today = datetime.now()
            \(dayLine)
            system = f\"\"\"You book tables for a small restaurant.
        Today is {day}, {today.strftime("%Y-%m-%d")}.
        \(SourceTest.notedPolicy)\"\"\"
            messages = [{"role": "system", "content": system}] + history + [{"role": "user", "content": message}]
            return client.chat.completions.create(model="gpt-4o", messages=messages)
        """
    }

    private func prefixFindings(_ text: String) throws -> [Finding] {
        try LintTest.linter().lint(text: text, path: "app.py", format: nil).findings.filter { $0.ruleID == "PL001" }
    }

    func testTheWeekdayNamePickedByTheDateIsPerDay() throws {
        // The day's name changes once a day, like the date beside it: per-day (still before the conversation).
        let found = try prefixFindings(dated("day = DAYS[today.weekday()]"))
        XCTAssertFalse(found.isEmpty)
        XCTAssertTrue(found.allSatisfy { $0.message.contains("is per-day") }, "\(found.map(\.message))")
    }

    func testTheTimeOfDayBesideTheDateStaysPerRequest() throws {
        let found = try prefixFindings(dated("day = today.strftime(\"%A %H:%M\")"))
        XCTAssertTrue(found.contains { $0.severity == .warning && $0.message.contains("per-request") }, "\(found.map(\.message))")
    }

    private func agent(_ lookup: String) -> String {
        """
        from openai import AsyncOpenAI

        RULES = \"\"\"\(SourceTest.longRules)\"\"\"


        class Receptionist:
            def __init__(self, retriever, store):
                self.client = AsyncOpenAI()
                self._retriever = retriever
                self.store = store
                self.history = []

            async def respond(self, text):
                found = await \(lookup)
                system = f\"\"\"Facts for this question:
        {found}

        {RULES}\"\"\"
                self.history.append({"role": "user", "content": text})
                messages = [{"role": "system", "content": system}] + self.history
                return await self.client.chat.completions.create(model="gpt-4o", messages=messages)
        """
    }

    func testARetrieversSearchForTheCallersWordsIsPerRequest() throws {
        // Without the rule the slot is only "possibly dynamic" (info); the retriever makes it per-request.
        let found = try prefixFindings(agent("self._retriever.retrieve(query=text)"))
        XCTAssertTrue(found.contains { $0.severity == .warning && $0.message.contains("per-request") }, "\(found.map(\.message))")
    }

    func testRetrieveOnAnotherObjectIsALookup() throws {
        let lines = try SourceTest.findingLines(agent("self.store.retrieve(\"office_hours\")"))
        XCTAssertFalse(lines.contains { $0.hasPrefix("PL001@") }, "\(lines)")
    }

    /// A rendered plain-text prompt, which PL002 reads (it is quiet in source code).
    private func joined(_ label: String) -> String {
        """
        You book appointments.

        \(label)
        ```
        startTime: 2025-05-13T10:00:00Z
        endTime: 2025-05-13T12:00:00Z
        ```

        \(SourceTest.policy) \(SourceTest.policy) \(SourceTest.policy)
        """
    }

    func testTimestampsUnderAnExampleLabelAreSampleData() throws {
        XCTAssertEqual(try LintTest.volatileLiterals(joined("**Example:**")), [])
    }

    func testTimestampsUnderAnotherLabelStayFindings() throws {
        XCTAssertFalse(try LintTest.volatileLiterals(joined("**Schedule:**")).isEmpty)
    }

    private func gemini(_ added: String) -> String {
        """
        from datetime import datetime
        import google.generativeai as genai

        model = genai.GenerativeModel("gemini-2.0-flash")
        RULES = \"\"\"\(SourceTest.longRules)\"\"\"


        def reply(history, message):
            intro = RULES
            intro += \(added)
            messages = [{"role": "user", "parts": [intro]}]
            for m in history:
                messages.append({"role": m["role"], "parts": [m["content"]]})
            messages.append({"role": "user", "parts": [message]})
            return model.generate_content(messages)
        """
    }

    func testAGeminiPartsTextIsReportedWhereTheValueEntersIt() throws {
        let text = gemini("f\"\\n\\nCurrent time: {datetime.now()}\"")
        let entering = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("intro +=") }! + 1
        XCTAssertEqual(try SourceTest.findingLines(text), ["PL001@\(entering)"])
    }

    func testAStaticGeminiPartsTextIsSilent() throws {
        XCTAssertEqual(try SourceTest.findingLines(gemini("\"\\n\\nAnswer briefly.\"")), [])
    }

    private func business(_ owner: String) -> String {
        """
        from openai import OpenAI
        from app.config import get_settings

        client = OpenAI()
        SYSTEM = \"\"\"You answer calls for a spa.
        - Name: {spa_name}
        - Address: {address}
        - Phone: {phone}
        \(SourceTest.longRules)\"\"\"


        def reply(history, customer):
            settings = get_settings()
            system = SYSTEM.format(spa_name=\(owner).SPA_NAME, address=\(owner).SPA_ADDRESS, phone=\(owner).SPA_PHONE)
            return client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "system", "content": system}] + history)
        """
    }

    func testSettingsFieldsFillingATemplateAreDeploymentConstants() throws {
        XCTAssertEqual(try SourceTest.findingLines(business("settings")), [])
    }

    func testTheCustomersFieldsStayPerUser() throws {
        let lines = try SourceTest.findingLines(business("customer"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("PL001@") }, "\(lines)")
    }
}
