import XCTest

@testable import PromptLint

/// Classes of construct behind false positives and misses of source-holdout, source-holdout11 and
/// source-cache (session 19): a script that reads a data file inside `with open("x.txt") as f:` and
/// marks its text for caching (the file's text is the same on every run, whatever the variable is called); and a
/// `str.format` call that names its values, leaving a field of the template unfilled (the call raises
/// `KeyError`, so that field is never a value of a request); and a prompt function whose parameter a
/// caller in another module fills with the clock (a test's call with a fixed date is not the application's).
final class SourceHoldoutCallerTests: XCTestCase {
    /// `RULE@line` of the PL001 and PL004 findings of `promptlint check .` on a folder holding `files`.
    private func check(_ files: [String: String]) throws -> [String] {
        try SourceTest.folderFindings(files).filter { ["PL001", "PL004"].contains($0.ruleID) }
            .map { "\($0.path):\($0.ruleID)@\($0.line)" }
    }

    /// A one-shot script: a book read whole (`opening` says how), marked for caching after a short system text.
    private func bookScript(_ opening: String) -> String {
        """
        import sys
        import anthropic

        text = ""
        \(opening)

        client = anthropic.Anthropic()
        reply = client.messages.create(
            model="claude-haiku",
            max_tokens=300,
            system=[
                {"type": "text", "text": "You review novels for a book club."},
                {"type": "text", "text": text, "cache_control": {"type": "ephemeral"}},
            ],
            messages=[{"role": "user", "content": "List the three main characters."}],
        )
        print(reply)
        """
    }

    func testTextReadFromAFileOpenedInAWithBlockIsNotMisplaced() throws {
        let opened = "with open(\"novel.txt\", encoding=\"utf-8\") as handle:\n    text = handle.read()"
        XCTAssertEqual(try check(["review.py": bookScript(opened)]), [])
    }

    func testTextReadFromStandardInputStillIs() throws {
        // The same marked block filled from what the user pipes in differs on every run.
        let piped = "with sys.stdin as handle:\n    text = handle.read()"
        XCTAssertEqual(try check(["review.py": bookScript(piped)]), ["review.py:PL004@12"])
    }

    /// A task extractor: a template of another module with a `{now}` field, formatted with `passed`.
    private func extractor(_ passed: String) -> [String: String] {
        let template = "TEMPLATE = \"\"\"Extract the task.\nNow: {now}\n\(SourceTest.longRules)\nMessage: {message}\n\"\"\"\n"
        let worker = """
            from datetime import datetime

            from openai import OpenAI
            from templates import TEMPLATE

            client = OpenAI()


            def extract(message):
                prompt = TEMPLATE.format(\(passed))
                return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
            """
        return ["templates.py": template, "worker.py": worker]
    }

    func testAFieldTheFormatCallDoesNotFillIsNoSlot() throws {
        // `str.format` raises KeyError on `{now}`: no request is ever sent with a clock there.
        XCTAssertEqual(try check(extractor("message=message")), [])
    }

    func testAFieldTheFormatCallFillsWithTheClockStillIs() throws {
        XCTAssertEqual(try check(extractor("now=datetime.now().isoformat(), message=message")), ["worker.py:PL001@10"])
    }

    /// A group-chat bot: a prompt function of one module whose first parameter opens the system message,
    /// called with `moment` by another module (and with a fixed date by a test of its own module).
    private func groupChat(moment: String) -> [String: String] {
        let prompts = """
            def build_prompt(moment, bot_name, turns):
                system = f"Current UTC time is {moment.isoformat()}. You are {bot_name}. \(SourceTest.policy)"
                messages = [{"role": "system", "content": system}]
                for name, text in turns:
                    role = "assistant" if name == bot_name else "user"
                    messages.append({"role": role, "content": f"{name}: {text}"})
                return messages


            def test_build_prompt():
                from datetime import datetime, timezone
                assert len(build_prompt(datetime(2020, 1, 1, tzinfo=timezone.utc), "bot", [])) == 1
            """
        let bot = """
            from datetime import datetime, timezone

            from openai import OpenAI
            from prompts import build_prompt

            client = OpenAI()


            def respond(bot_name, history):
                moment = \(moment)
                return client.chat.completions.create(model="gpt-4o", messages=build_prompt(moment, bot_name, history))
            """
        return ["prompts.py": prompts, "bot.py": bot]
    }

    func testTheClockACallerInAnotherModulePassesIsFound() throws {
        XCTAssertEqual(try check(groupChat(moment: "datetime.now(timezone.utc)")), ["prompts.py:PL001@2"])
    }

    func testAStoredTimeACallerPassesIsNot() throws {
        // The first message's stored time is the same for the whole conversation.
        XCTAssertEqual(try check(groupChat(moment: "history[0].created")), [])
    }
}
