import XCTest

@testable import PromptLint

/// `{name}` filled with `self.name`, which the constructor sets from a bundled data file with the deployment's
/// setting as the fallback (`data.get("bot_name") or settings.bot_name`): the name the bot was configured
/// with, the same for every request, although the word `name` reads like a user's name. Near misses keep the
/// name's reading: the constructor takes the value from its parameter (an object made per user, even with a
/// default such as `user_name="Guest"`; only a defaulted file location counts as bundled data), or a method
/// other than the constructor sets the attribute.
final class ConstructionSettingTests: XCTestCase {
    /// A bot whose constructor runs `setup` and whose `answer` formats the template with `self.name`.
    private func bot(setup: String, extra: String = "") -> String {
        """
        import json
        from pathlib import Path
        from openai import OpenAI
        from .config import settings

        DATA_PATH = Path(__file__).parent / "bot.json"
        TEMPLATE = \"\"\"You are {name}, the chat's resident joker.
        \(SourceTest.longRules)\"\"\"


        class Bot:
            \(setup)

            def answer(self, question):
                system = TEMPLATE.format(name=self.name)
                return self.client.chat.completions.create(
                    model="gpt-4o",
                    messages=[{"role": "system", "content": system}, {"role": "user", "content": question}])
        \(extra)
        """
    }

    private let fromSettings = """
        def __init__(self, path: Path = DATA_PATH):
                data = json.loads(Path(path).read_text(encoding="utf-8"))
                self.client = OpenAI()
                self.name = data.get("bot_name") or settings.bot_name
        """

    func testANameConfiguredAtConstructionFromSettingsIsClean() throws {
        XCTAssertEqual(try SourceTest.findingLines(bot(setup: fromSettings), path: "bot.py"), [])
    }

    func testANameReadStraightFromSettingsAtConstructionIsClean() throws {
        let direct = """
            def __init__(self):
                    self.client = OpenAI()
                    self.name = settings.bot_name
            """
        XCTAssertEqual(try SourceTest.findingLines(bot(setup: direct), path: "bot.py"), [])
    }

    func testANameTakenFromTheConstructorsParameterIsStillFound() throws {
        let perUser = """
            def __init__(self, user):
                    self.client = OpenAI()
                    self.name = user.name or settings.bot_name
            """
        XCTAssertEqual(try SourceTest.findingLines(bot(setup: perUser), path: "bot.py"), ["PL001@7"])
    }

    func testANameDefaultedInTheConstructorsSignatureIsStillFound() throws {
        let defaulted = """
            def __init__(self, user_name="Guest"):
                    self.client = OpenAI()
                    self.name = user_name or settings.bot_name
            """
        XCTAssertEqual(try SourceTest.findingLines(bot(setup: defaulted), path: "bot.py"), ["PL001@7"])
    }

    func testANameAMethodResetsIsStillFound() throws {
        let reset = """

                def rename(self, new_name):
                    self.name = new_name or settings.bot_name
            """
        XCTAssertEqual(try SourceTest.findingLines(bot(setup: fromSettings, extra: reset), path: "bot.py"), ["PL001@7"])
    }
}
