import XCTest

@testable import PromptLint

final class ReaderFormatDetectionTests: XCTestCase {
    private func detect(_ path: String, _ text: String = "") -> TemplateFormat {
        TemplateReading.detectFormat(path: path, text: text)
    }

    func testExtensions() {
        XCTAssertEqual(detect("a/b.j2"), .jinja)
        XCTAssertEqual(detect("x.jinja"), .jinja)
        XCTAssertEqual(detect("x.jinja2"), .jinja)
        XCTAssertEqual(detect("x.prompt"), .dotprompt)
        XCTAssertEqual(detect("x.prompty"), .prompty)
        XCTAssertEqual(detect("x.poml"), .poml)
        XCTAssertEqual(detect("x.hbs"), .handlebars)
        XCTAssertEqual(detect("x.handlebars"), .handlebars)
        XCTAssertEqual(detect("x.mustache"), .mustache)
        XCTAssertEqual(detect("Plugin/Func/skprompt.txt", "plain"), .semanticKernelPrompt)
    }

    func testYAMLAndJSONByContent() {
        XCTAssertEqual(detect("p.yaml", "name: a\ntemplate: hi\ntemplate_format: handlebars\n"), .semanticKernelYAML)
        XCTAssertEqual(detect("p.yml", "template: hi\nexecution_settings:\n  default: {}\n"), .semanticKernelYAML)
        XCTAssertEqual(detect("p.yaml", "_type: prompt\ntemplate: hi\n"), .langchainHub)
        XCTAssertEqual(detect("p.yaml", "input_variables: [a]\ntemplate: '{a}'\ntemplate_format: f-string\n"), .langchainHub)
        XCTAssertEqual(detect("config.yaml", "providers: [x]\n"), .plainText)
        XCTAssertEqual(detect("r.json", "{\"system\": \"s\", \"messages\": []}"), .anthropicRequest)
        XCTAssertEqual(detect("r.json", "{\"anthropic_version\": \"v\", \"messages\": []}"), .anthropicRequest)
        XCTAssertEqual(detect("r.json", "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"a\", \"cache_control\": {}}]}]}"), .anthropicRequest)
        XCTAssertEqual(detect("r.json", "{\"model\": \"m\", \"messages\": []}"), .openAIRequest)
        XCTAssertEqual(detect("r.json", "{\"_type\": \"prompt\", \"template\": \"x\"}"), .langchainHub)
        XCTAssertEqual(detect("r.json", "[{\"role\": \"user\", \"content\": \"x\"}]"), .promptfoo)
        XCTAssertEqual(detect("r.json", "{\"a\": 1}"), .plainText)
    }

    func testTextSniffing() {
        XCTAssertEqual(detect("a.txt", "Hi {% if x %}y{% endif %}"), .jinja)
        XCTAssertEqual(detect("a.txt", "Hi {{ name }}"), .jinja)
        XCTAssertEqual(detect("a.txt", "Hi {{$name}}"), .semanticKernelPrompt)
        XCTAssertEqual(detect("a.txt", "Hi {name}, {{literal}}"), .fstring)
        XCTAssertEqual(detect("a.txt", "Hi {{ a }}\n---\nBye {{ b }}"), .promptfoo)
        XCTAssertEqual(detect("a.md", "Hi {{ a }}\n---\nBye"), .jinja)
        XCTAssertEqual(detect("a.txt", "A JSON {\"a\": 1} example"), .plainText)
        XCTAssertEqual(detect("a.md", "# Title"), .markdown)
    }

    func testFormatOverrideWins() {
        let t = TemplateReading.read(path: "a.txt", data: Data("{{x}}".utf8), format: .mustache)
        XCTAssertEqual(t.format, .mustache)
        XCTAssertEqual(t.path, "a.txt")
    }
}

/// A config whose prompts are a `prompts:` list of strings (promptfoo's layout) is read field by field, never as one
/// plain-text prompt whose test cases and assertions count as static text after the first slot.
final class ReaderPromptListConfigTests: XCTestCase {
    private static let config = """
        description: "Summaries"
        prompts:
          - "Summarise this {{kind}} for a busy reader: {{text}}"
          - "Write a short summary of the {{kind}} below, in plain words. {{text}}"
        providers:
          - "openai:gpt-4o-mini"
        tests:
        \(String(repeating: "  - vars:\n      kind: \"report\"\n      text: \"\(SourceTest.policy)\"\n    assert:\n      - type: llm-rubric\n        value: \"\(SourceTest.policy)\"\n", count: 8))
        """

    func testAPromptListIsReadAsPromptFields() {
        XCTAssertEqual(TemplateReading.detectFormat(path: "summary-eval.yaml", text: Self.config), .promptFields)
    }

    func testTestCasesAfterAPromptListAreNotStaticTextOfIt() throws {
        let findings = try LintTest.linter().lint(text: Self.config, path: "summary-eval.yaml", format: nil).findings
        XCTAssertEqual(findings.filter { $0.ruleID == "PL001" }.map(\.line), [])
        // The same list items written as one long prompt field still count the text after the slot.
        let long = "prompts:\n  - \"Summarise this {{kind}}. \(String(repeating: SourceTest.policy + " ", count: 30))\"\n"
        XCTAssertEqual(try LintTest.linter().lint(text: long, path: "summary-eval.yaml", format: nil).findings
            .filter { $0.ruleID == "PL001" }.map(\.line), [2])
    }
}
