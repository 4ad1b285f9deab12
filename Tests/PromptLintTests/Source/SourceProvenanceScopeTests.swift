import XCTest

@testable import PromptLint

/// What a value changes with, for clocks that are not what they look like (holdout27, session 29): Python's
/// `time.strftime("%z")` is the machine's UTC offset (per installation, not per request) and a year-only format
/// changes once a year; Liquid's `{{ "now" | date: … }}` written in literal prompt text is rendered per call by a
/// voice-agent platform; a Google ADK agent's instruction is filled per call by its callbacks, from session state
/// (`{now}`) or by editing the request's `system_instruction`.
final class SourceProvenanceScopeTests: XCTestCase {
    private func pythonReply(_ read: String) -> String {
        """
        import time
        from openai import OpenAI

        client = OpenAI()


        def reply(history):
            stamp = \(read)
            system = f\"\"\"Server clock: {stamp}.\n\(SourceTest.longRules)\"\"\"
            return client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "system", "content": system}] + history)
        """
    }

    func testTheMachinesUTCOffsetIsNoClock() throws {
        XCTAssertEqual(try SourceTest.findingLines(pythonReply(#"time.strftime("%z")"#)), [])
        XCTAssertEqual(try SourceTest.findingLines(pythonReply(#"time.strftime("UTC%z (%Z)")"#)), [])
        XCTAssertEqual(try SourceTest.findingLines(pythonReply(#"time.strftime("%Y")"#)), [])
        // Near misses: the time of day with the offset is the clock; the bare call formats the clock too.
        XCTAssertEqual(try SourceTest.findingLines(pythonReply(#"time.strftime("%H:%M %z")"#)), ["PL001@9"])
        XCTAssertEqual(try SourceTest.findingLines(pythonReply("time.strftime(fmt)")), ["PL001@9"])
    }

    func testAnOffsetOrYearOfADatetimeIsNoClock() throws {
        let zone = pythonReply(#"datetime.now(timezone.utc).astimezone().strftime("%z")"#)
            .replacingOccurrences(of: "import time", with: "from datetime import datetime, timezone")
        XCTAssertEqual(try SourceTest.findingLines(zone), [])
        let minute = pythonReply(#"datetime.now(timezone.utc).astimezone().strftime("%H:%M%z")"#)
            .replacingOccurrences(of: "import time", with: "from datetime import datetime, timezone")
        XCTAssertEqual(try SourceTest.findingLines(minute), ["PL001@9"])
    }

    private func vapiPrompt(_ clock: String) -> String {
        """
        import OpenAI from 'openai';

        const openai = new OpenAI();

        export async function answer(messages: any[]) {
          const instructions = [
            'You are the phone assistant of the practice.',
            'Today is \(clock). Use this as the reference for every appointment.',
            `\(SourceTest.longRules)`,
          ];
          return openai.chat.completions.create({
            model: 'gpt-4o-mini',
            messages: [{ role: 'system', content: instructions.join('\\n') }, ...messages],
          });
        }
        """
    }

    func testALiquidClockInLiteralPromptTextIsPerCall() throws {
        let minute = vapiPrompt(#"{{"now" | date: "%Y-%m-%d %I:%M %p", "Europe/Amsterdam"}}"#)
        XCTAssertEqual(try SourceTest.findingLines(minute, path: "assistant.ts"), ["PL001@8"])
        // Near misses: Liquid's year alone, and a brace pair that is not the clock, stay silent.
        XCTAssertEqual(try SourceTest.findingLines(vapiPrompt(#"{{ 'now' | date: '%Y' }}"#), path: "assistant.ts"), [])
        XCTAssertEqual(try SourceTest.findingLines(vapiPrompt("{{ practice }}"), path: "assistant.ts"), [])
    }

    func testLiquidClockClassesFollowTheFormat() {
        func volatility(_ expression: String) -> SlotVolatility {
            SlotClassifier().classify(TemplateSlot(expression: expression, source: "{{ \(expression) }}", position: SourcePosition(line: 1, column: 1, offset: 0))).volatility
        }
        XCTAssertEqual(volatility(#""now" | date: "%H:%M""#), .perRequest)
        XCTAssertEqual(volatility(#"'today' | date: '%A %d %B'"#), .perDay)
        XCTAssertEqual(volatility(#""now" | date: "%Y""#), .constant)
        XCTAssertNil(LiquidClock.slotClass(#"order.created_at | date: "%H:%M""#))
    }

    /// A constant Liquid clock's reason names what the format keeps: the year, the zone, or both.
    func testAConstantLiquidClockSaysWhatItKeeps() {
        XCTAssertEqual(LiquidClock.slotClass(#""now" | date: "%Y""#)?.reason, #"`"now" | date: "%Y"` formats only the year of the current date"#)
        XCTAssertEqual(LiquidClock.slotClass(#""now" | date: "%z""#)?.reason, #"`"now" | date: "%z"` formats only the zone of the current date"#)
        XCTAssertEqual(
            LiquidClock.slotClass(#""now" | date: "%Y %Z""#)?.reason, #"`"now" | date: "%Y %Z"` formats only the year and the zone of the current date"#)
    }

    private func adkAgent(_ callbackBody: String) -> String {
        """
        from datetime import datetime
        from google.adk.agents import Agent

        INSTRUCTION = \"\"\"You are Ada, the front desk assistant of the hotel.
        Local time: {now}
        \(SourceTest.longRules)\"\"\"


        def stamp(callback_context):
            \(callbackBody)


        root_agent = Agent(name="ada", model="gemini-2.0-flash", instruction=INSTRUCTION, before_agent_callback=stamp)
        """
    }

    func testAnADKStateEntrySetFromTheClockIsPerCall() throws {
        let clock = adkAgent(#"callback_context.state["now"] = datetime.now().strftime("%H:%M")"#)
        XCTAssertEqual(try SourceTest.findingLines(clock, path: "agent.py"), ["PL001@5"])
        // Near misses: a state entry of constant text, and a clock put under a key the instruction does not name.
        XCTAssertEqual(try SourceTest.findingLines(adkAgent(#"callback_context.state["now"] = "the lobby""#), path: "agent.py"), [])
        XCTAssertEqual(
            try SourceTest.findingLines(adkAgent(#"callback_context.state["seen"] = datetime.now().isoformat()"#), path: "agent.py"), [])
    }

    func testAnADKModelCallbackEditingTheImportedInstructionIsPerCall() throws {
        let prompt = "PERSONA = \"\"\"You are Sam, a student in the group chat.\nCurrent time: $now$\n\(SourceTest.longRules)\"\"\"\n"
        func agent(_ value: String) -> String {
            """
            from datetime import datetime
            from google.adk.agents import Agent
            from .prompt import PERSONA


            def fill(callback_context, llm_request):
                now = \(value)
                llm_request.config.system_instruction = llm_request.config.system_instruction.replace("$now$", now)
                return None


            chat_agent = Agent(name="sam", model="gemini-2.0-flash", instruction=PERSONA, before_model_callback=fill)
            """
        }
        let findings = try SourceTest.folderFindings(
            ["bot/prompt.py": prompt, "bot/agent.py": agent(#"datetime.now().strftime("%I:%M %p")"#), "bot/__init__.py": ""])
            .filter { $0.ruleID == "PL001" }
        XCTAssertEqual(findings.map { "\($0.path)@\($0.line)" }, ["bot/agent.py@8"])
        XCTAssertTrue(findings[0].related.contains { $0.path == "bot/prompt.py" && $0.line == 2 })
        // Near miss: the placeholder filled with a constant.
        let fixed = try SourceTest.folderFindings(["bot/prompt.py": prompt, "bot/agent.py": agent(#""any time""#), "bot/__init__.py": ""])
        XCTAssertEqual(fixed.filter { $0.ruleID == "PL001" }.count, 0)
    }
}
