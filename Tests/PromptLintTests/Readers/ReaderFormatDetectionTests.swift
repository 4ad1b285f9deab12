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
