import XCTest

@testable import PromptLint

/// Classes of Python construct behind source-holdout24's development cases (session 28): a prompt helper's
/// parameter filled from the deployment's settings or from the record of the business it serves
/// (`timezone_name = settings.TIMEZONE`, `= restaurant.timezone`) is a setting, whatever its name; a chat body
/// posted over HTTP without an SDK (`httpx.post(url, json={"model": …, "system": …, "messages": …})`) is a
/// request; and a Jinja template kept as a Python string (`{{ now() }}` beside `{% for … %}` tags) has slots.
final class SourceHoldout24PythonDevTests: XCTestCase {
    private func prefixFindings(_ text: String) throws -> [Finding] {
        try LintTest.linter().lint(text: text, path: "app.py", format: nil).findings.filter { $0.ruleID == "PL001" }
    }

    /// A receptionist whose prompt helper is called with `timezone_name`, assigned as `defaultLine` and, for a
    /// known restaurant, as `recordLine`.
    private func receptionist(_ defaultLine: String, _ recordLine: String) -> String {
        """
        from openai import AsyncOpenAI
        from app.config import settings

        client = AsyncOpenAI()


        def build_system_prompt(timezone_name: str) -> str:
            return f\"\"\"You take bookings for the restaurant.
        Timezone: {timezone_name}
        \(SourceTest.longRules)\"\"\"


        async def handle(history, restaurant_id=None):
            timezone_name = \(defaultLine)
            if restaurant_id is not None:
                restaurant = await repo.get_by_id(restaurant_id)
                timezone_name = \(recordLine)
            messages = [{"role": "system", "content": build_system_prompt(timezone_name)}]
            for m in history:
                messages.append({"role": m.role, "content": m.content})
            return await client.chat.completions.create(model="gpt-4o", messages=messages)
        """
    }

    func testAHelperParameterFilledFromSettingsOrTheBusinessRecordIsASetting() throws {
        // Before: `{timezone_name}` was judged per-user by its name (info at the slot).
        let found = try prefixFindings(receptionist("settings.RESTAURANT_TIMEZONE", "restaurant.timezone"))
        XCTAssertTrue(found.isEmpty, "\(found.map(\.message))")
        XCTAssertTrue(try prefixFindings(receptionist("settings.RESTAURANT_TIMEZONE", "settings.RESTAURANT_TIMEZONE")).isEmpty)
    }

    func testTheTimeZoneOfTheUserRecordStaysPerUser() throws {
        // Near miss: the same helper filled from the user's record is the user's time zone.
        let found = try prefixFindings(receptionist("user.timezone", "user.timezone"))
        XCTAssertTrue(found.contains { $0.message.contains("per-user") }, "\(found.map(\.message))")
    }

    private func postedCall(_ system: String) -> String {
        """
        import os
        import httpx


        def build_call_prompt(conversation):
            turn_count = len(conversation)
            return (
                "You are on a live voice call.\\n"
                \(system)
            )


        async def answer(conversation, text):
            messages = []
            for turn in conversation[-10:]:
                messages.append({"role": turn["role"], "content": turn["text"]})
            messages.append({"role": "user", "content": text})
            async with httpx.AsyncClient() as hc:
                resp = await hc.post(
                    "https://api.anthropic.com/v1/messages",
                    headers={"x-api-key": os.environ.get("ANTHROPIC_API_KEY")},
                    json={
                        "model": "claude-sonnet-4-20250514",
                        "max_tokens": 150,
                        "system": build_call_prompt(conversation),
                        "messages": messages,
                    },
                )
            return resp.json()
        """
    }

    func testAChatBodyPostedOverHTTPIsARequest() throws {
        // The count of the call's turns closes the system text the conversation follows: it changes every turn.
        let text = postedCall(#""- Keep replies short.\n" f"- This call has been going for {turn_count} exchanges\n""#)
        let found = try prefixFindings(text)
        XCTAssertEqual(found.map(\.line), [9], "\(found.map(\.message))")
        XCTAssertTrue(found[0].message.contains("turn_count"))
    }

    func testAPostedBodyWithAFixedSystemTextIsSilent() throws {
        // Near miss: the same post with nothing per-turn in the system text.
        XCTAssertTrue(try prefixFindings(postedCall(#""- Keep replies short.\n""#)).isEmpty)
    }

    private func jinjaPrompt(_ timeLine: String) -> String {
        """
        from jinja2 import Template

        DEFAULT_SYSTEM_PROMPT = \"\"\"You are a voice assistant for the home.
        \(timeLine)
        {%- for entity in exposed_entities %}
        {{ entity.entity_id }},{{ entity.state }}
        {%- endfor %}
        \(SourceTest.longRules)\"\"\"
        """
    }

    func testAJinjaTemplateKeptAsAPythonStringHasSlots() throws {
        let found = try prefixFindings(jinjaPrompt("Current Time: {{ now() }}"))
        XCTAssertEqual(found.map(\.line), [4], "\(found.map(\.message))")
        XCTAssertTrue(found[0].message.contains("now()"))
    }

    func testDoubledBracesOfAFormatTemplateStayText() throws {
        // Near miss: without a `{% … %}` tag the braces are a `str.format` template's escapes (JSON), not Jinja.
        let text = SourceTest.pythonSystemBeforeHistory("Reply as JSON: {{\"time\": {{now()}}}}\n" + SourceTest.longRules)
        XCTAssertTrue(try prefixFindings(text).isEmpty)
        XCTAssertTrue(try prefixFindings(jinjaPrompt("Current area: {{ area_name }}")).allSatisfy { $0.severity == .info })
    }
}
