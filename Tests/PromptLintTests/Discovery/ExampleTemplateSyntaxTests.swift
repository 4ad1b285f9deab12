import Foundation
import XCTest

@testable import PromptLint

/// Template syntax that is not this file's: another system's templates quoted in a prompt's code examples, and
/// clock values formatted to the day.
final class ExampleTemplateSyntaxTests: XCTestCase {
    private func read(_ text: String, _ path: String) -> PromptTemplate {
        TemplateReading.read(path: path, data: Data(text.utf8))
    }

    /// A prompt that teaches the model to write smart-home automations shows their condition templates in a
    /// JSON example (under a list item, so the fence is indented): they are the automation's, not the prompt's.
    func testQuotedTemplatesInAFencedExampleAreNotThisFilesSyntax() {
        let text = """
            # Automation helper
            1. To run on weekdays only:
                ```json
                {"condition": "template", "value_template": "{{ now().weekday() < 5 }}", "alias": "{name} on {{ day }}"}
                ```
            2. In YAML: `when:` takes a string.
            ```yaml
            when: '{% if states.sun == "below_horizon" %}true{% endif %}'
            ```
            Answer with the JSON only.
            """
        XCTAssertEqual(FormatDetection.sniff(text, markdown: true), .markdown)
        let t = read(text, "prompts/automation.md")
        XCTAssertEqual(t.format, .markdown)
        XCTAssertEqual(t.slots.map(\.expression), [])
    }

    /// Near misses: a placeholder alone on a line of a fence (the diff a review prompt wraps in a code block), a
    /// quoted placeholder outside any fence, and a `.txt` file (no Markdown fences) stay Jinja.
    func testPlaceholdersThatFillTheFileStayJinja() {
        let fenced = "Review this change:\n```diff\n{{ diff }}\n```\nList the problems."
        XCTAssertEqual(FormatDetection.sniff(fenced, markdown: true), .jinja)
        let quoted = "Greet the user as \"{{ user_name }}\".\n```json\n{\"ok\": true}\n```\n"
        XCTAssertEqual(FormatDetection.sniff(quoted, markdown: true), .jinja)
        let text = "```json\n{\"question\": \"{{ question }}\"}\n```\n"
        XCTAssertEqual(FormatDetection.sniff(text, markdown: false), .jinja)
        XCTAssertEqual(read(fenced, "prompts/review.md").slots.map(\.expression), ["diff"])
    }

    /// The clock formatted without the time of day changes once a day; with the hour, on every request.
    func testClockFormattedToTheDayIsPerDay() {
        let classifier = SlotClassifier()
        func volatility(_ expression: String) -> SlotVolatility {
            classifier.classify(LintTest.slot(expression)).volatility
        }
        XCTAssertEqual(volatility("now().strftime('%Y-%m-%d')"), .perDay)
        XCTAssertEqual(volatility("now().strftime(\"%A, %B %d\")"), .perDay)
        XCTAssertEqual(volatility("now().strftime('%A') == 'Monday'"), .perDay)
        // Near misses: a time of day, a format that is not a literal, or no format at all.
        XCTAssertEqual(volatility("now().strftime('%Y-%m-%d %H:%M')"), .perRequest)
        XCTAssertEqual(volatility("now().strftime('%c')"), .perRequest)
        XCTAssertEqual(volatility("now().strftime(fmt)"), .perRequest)
        XCTAssertEqual(volatility("now()"), .perRequest)
    }
}
