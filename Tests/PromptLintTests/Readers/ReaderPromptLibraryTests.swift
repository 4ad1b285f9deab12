import XCTest

@testable import PromptLint

/// YAML prompt libraries: a file or folder named for prompts whose top-level mapping holds several
/// multi-line strings (`greeting: |` …, `summary: '…'`), each a prompt that code picks by key and fills.
final class ReaderPromptLibraryTests: XCTestCase {
    static let library = """
        # Prompts of the helper bot, filled with str.format.
        greeting: |
          You are Moss, a patient gardening helper. Mood level: {mood}%.
          Answer in short paragraphs and name the plant you talk about.

        summary: 'Summarize the thread below in three bullet points.

          Keep names as written. Thread: {thread}'
        triggers:
          - moss
          - garden
        """

    func testAPromptLibraryNamedForPromptsIsReadAsPromptFields() {
        XCTAssertEqual(TemplateReading.detectFormat(path: "bot/prompts/moss/system_prompts.yaml", text: Self.library), .promptFields)
        XCTAssertEqual(TemplateReading.detectFormat(path: "config/reply_prompts.yml", text: Self.library), .promptFields)
        XCTAssertEqual(TemplateReading.detectFormat(path: "prompts/moss.yaml", text: Self.library), .promptFields)
    }

    func testEachMultiLineValueIsItsOwnPrompt() {
        let t = ReaderTest.read(Self.library, path: "prompts/moss/system_prompts.yaml")
        XCTAssertEqual(t.format, .promptFields)
        XCTAssertEqual(t.messages.map(\.promptIndex), [0, 1])
        XCTAssertEqual(PromptLinter.requests(in: t).count, 2)
        XCTAssertEqual(t.slots.map(\.source), ["{mood}", "{thread}"])
        XCTAssertEqual(t.slots[0].position.line, 3)
        let first = ReaderTest.text(t.messages[0])
        XCTAssertTrue(first.contains("name the plant"))
        XCTAssertFalse(first.contains("Summarize the thread"), "another prompt's text is not part of this one")
        XCTAssertFalse(ReaderTest.text(t.messages[1]).contains("moss"), "a list of short settings is not a prompt")
    }

    func testSlotsInDoubleQuotedValuesWithEscapedLineBreaksKeepTheirLines() throws {
        let yaml = #"""
            reply: "you are Fern. calm.\nshort answers only.\nyou are feeling {mood}% patient.\
              \ keep it kind.\nnever\tshout."
            recap: "Recap the day for {user}.\nThree lines.\nNo names."
            """#
        let t = ReaderTest.read(yaml, path: "prompts/fern/system_prompts.yaml")
        XCTAssertEqual(t.format, .promptFields)
        let mood = try XCTUnwrap(t.slots.first { $0.source == "{mood}" })
        XCTAssertEqual(mood.position.line, 1)
        XCTAssertEqual(mood.position.column, 67)
        XCTAssertEqual(t.slots.first { $0.source == "{user}" }?.position.line, 3)
    }

    func testNearMissesStayPlainText() {
        // Short scalar settings in a prompts folder.
        let settings = "model: small\ntemperature: 0.2\nstop: |\n  END\n"
        XCTAssertEqual(TemplateReading.detectFormat(path: "prompts/settings.yaml", text: settings), .plainText)
        // A single prompt: one multi-line value.
        let single = "intro: |\n  You help with taxes.\n  Be brief. Year: {year}\nversion: 2\n"
        XCTAssertEqual(TemplateReading.detectFormat(path: "prompts/intro.yaml", text: single), .plainText)
        // A workflow: multi-line scripts are nested, not top-level.
        let workflow = "name: ci\non: push\njobs:\n  test:\n    steps:\n      - run: |\n          make\n          make test\n      - run: |\n          echo done\n          exit 0\n"
        XCTAssertEqual(TemplateReading.detectFormat(path: "prompts/.github/workflows/ci.yml", text: workflow), .plainText)
        // Several multi-line values in a file that neither its name nor its folder calls prompts.
        XCTAssertEqual(TemplateReading.detectFormat(path: "docs/changelog.yaml", text: Self.library), .plainText)
    }
}
