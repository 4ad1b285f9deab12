import XCTest

@testable import PromptLint

/// JavaScript's locale formatters given the clock (`new Intl.DateTimeFormat(locale, options).format(new Date())`,
/// `new Date().toLocaleString(locale, options)`): options that show only the date make a per-day value, which
/// does not break the conversation after it; options that show the time of day keep the clock per request.
/// Written here.
final class SourceLocaleDateFormatTests: XCTestCase {
    /// A chat module whose system prompt holds `stamp` before a short rule and the stored conversation.
    private func chat(stamp: String) -> String {
        """
        import OpenAI from "openai";

        const client = new OpenAI();

        export async function reply(history, question) {
          return client.chat.completions.create({
            model: "gpt-4o",
            messages: [
              {
                role: "system",
                content: [
                  "You are the front desk of a dental practice.",
                  `Today is ${\(stamp)}.`,
                  "\(SourceTest.policy)"
                ].join("\\n")
              },
              ...history,
              { role: "user", content: question }
            ]
          });
        }

        """
    }

    /// `PL001@line` for each PL001 finding of `module` checked as `chat.js` with the default profile.
    private func pl001(_ module: String) throws -> [String] {
        try SourceTest.folderFindings(["chat.js": module]).filter { $0.ruleID == "PL001" }.map { "PL001@\($0.line)" }
    }

    private func findings(stamp: String) throws -> [String] {
        try pl001(chat(stamp: stamp))
    }

    func testAFormatterShowingOnlyTheDateIsPerDay() throws {
        let stamp = #"new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date())"#
        XCTAssertEqual(try findings(stamp: stamp), [])
    }

    func testAFormatterWithoutOptionsShowsTheDate() throws {
        XCTAssertEqual(try findings(stamp: "new Intl.DateTimeFormat(\"en-GB\").format(new Date())"), [])
    }

    func testAFormatterHeldInAConstantIsPerDay() throws {
        let module = "const dayFormat = new Intl.DateTimeFormat(\"en-GB\", { dateStyle: \"full\" });\n" + chat(stamp: "dayFormat.format(new Date())")
        XCTAssertEqual(try pl001(module), [])
    }

    func testAConstantFormatterShowingTheTimeStaysPerRequest() throws {
        // Near miss: the formatter held in a constant shows the time of day.
        let module = "const stampFormat = new Intl.DateTimeFormat(\"en-GB\", { dateStyle: \"short\", timeStyle: \"short\" });\n"
            + chat(stamp: "stampFormat.format(new Date())")
        XCTAssertEqual(try pl001(module), ["PL001@14"])
    }

    func testAFormatterShowingTheHourStaysPerRequest() throws {
        // Near miss: the hour and minute change the text within the conversation.
        let stamp = #"new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(new Date())"#
        XCTAssertEqual(try findings(stamp: stamp), ["PL001@13"])
    }

    func testAFormatterWithOptionsOfAVariableStaysPerRequest() throws {
        // Near miss: options not written out may show the time.
        XCTAssertEqual(try findings(stamp: "new Intl.DateTimeFormat(\"en-CA\", shown).format(new Date())"), ["PL001@13"])
    }

    func testToLocaleStringWithDateFieldsIsPerDay() throws {
        XCTAssertEqual(try findings(stamp: #"new Date().toLocaleString("en-US", { weekday: "long", month: "long", day: "numeric" })"#), [])
    }

    func testToLocaleStringWithOnlyAZoneStaysPerRequest() throws {
        // Near miss: with no date field toLocaleString shows the date and the time.
        XCTAssertEqual(try findings(stamp: #"new Date().toLocaleString("en-US", { timeZone: "America/Chicago" })"#), ["PL001@13"])
    }

    func testToLocaleDateStringWithTheHourAndMinuteStaysPerRequest() throws {
        // toLocaleDateString adds the time of day when its options name a time field ("Monday 08:25 PM").
        let stamp = #"new Date().toLocaleDateString("en-US", { weekday: "long", hour: "2-digit", minute: "2-digit" })"#
        XCTAssertEqual(try findings(stamp: stamp), ["PL001@13"])
    }

    func testToLocaleDateStringWithDateFieldsIsPerDay() throws {
        // Near miss: date fields alone keep it to the day.
        XCTAssertEqual(try findings(stamp: #"new Date().toLocaleDateString("en-US", { weekday: "long", month: "long", day: "numeric" })"#), [])
    }

    func testToLocaleDateStringWithOnlyAZoneIsPerDay() throws {
        // Near miss: a zone is no time field; toLocaleDateString then shows the date alone.
        XCTAssertEqual(try findings(stamp: #"new Date().toLocaleDateString("en-US", { timeZone: "America/Chicago" })"#), [])
    }

    func testAClockInALocalArrowHelperBuildingTextWithPlusEquals() throws {
        // A route's local `const buildSystemPrompt = (…) => { let text = …; if (…) text += …; return text; }`
        // with a minute clock: the finding is at the call whose result becomes the system message.
        let module = """
            import OpenAI from "openai";

            const client = new OpenAI();
            const RULES = "\(SourceTest.policy)";

            export async function POST(req) {
              const { messages } = await req.json();
              const buildSystemPrompt = (extra) => {
                const now = new Date().toLocaleDateString("en-US", { hour: "2-digit", minute: "2-digit" });
                let text = `${RULES}\\n\\nCurrent date and time: ${now}`;
                if (extra) {
                  text += `\\n\\nNotes: ${extra}`;
                }
                return text;
              };
              const system = buildSystemPrompt("Closed on Sundays.");
              return client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "system", content: system }, ...messages] });
            }

            """
        XCTAssertEqual(try pl001(module), ["PL001@16"])
    }
}
