import XCTest

@testable import PromptLint

/// Class of construct behind a miss of holdout15 (session 19): a Markdown prompt rendered by Jinja whose
/// variables are written `{{ NAME }}` and whose example text holds a single-brace placeholder (`# {title}`
/// in a report outline). A spaced double-brace field is Jinja's idiom; a str.format template would send it
/// as the literal text `{ NAME }`, so it decides the dialect over the stray single-brace word.
final class ReaderSpacedJinjaFieldTests: XCTestCase {
    private let outline = """
        ---
        NOW: {{ NOW }}
        ---
        You are a research writer. Plan the steps, gather sources, then write the report below.

        # {title}

        ## Findings

        Answer in the language of the locale = **{{ locale }}**.
        """

    func testASpacedDoubleBraceFieldMakesAMarkdownPromptJinja() {
        XCTAssertEqual(TemplateReading.detectFormat(path: "prompts/writer.md", text: outline), .jinja)
        let slots = ReaderTest.read(outline, path: "prompts/writer.md").slots.map(\.expression)
        XCTAssertTrue(slots.contains { $0.contains("NOW") }, "\(slots)")
    }

    func testEscapedBracesOfAFormatTemplateStayFString() {
        // `{{name}}` and a JSON example `{{"a": {value}}}` are str.format's escapes, not Jinja fields.
        XCTAssertEqual(TemplateReading.detectFormat(path: "prompts/writer.md", text: "Hi {name}, see {{name}}."), .fstring)
        XCTAssertEqual(TemplateReading.detectFormat(path: "prompts/writer.md", text: "Reply {{\"a\": {value}}} for {name}."), .fstring)
    }
}
