/// Reads Semantic Kernel prompts: YAML prompt files (`template`, `template_format`
/// semantic-kernel|handlebars|liquid, `input_variables` defaults as samples, `execution_settings` and
/// the rest as metadata) and `skprompt.txt` files. `<message role="…">` tags split messages; text
/// outside them is a user message, as Semantic Kernel sends a prompt without tags.
enum SemanticKernelReader {
    static func readYAML(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        var issues: [ParseIssue] = []
        let doc = YAMLSupport.parse(source, range: 0..<source.count, issues: &issues)
        var sink = TemplateSink(defaultRole: .user)
        sink.messageTags = true
        sink.addIssues(issues)
        var metadata: [String: String] = [:]
        var samples: [String: String] = [:]
        guard let doc else { return sink.template(source, format: format) }
        for pair in doc.pairs ?? [] where pair.key != "template" {
            pair.value.flatten(prefix: pair.key, into: &metadata)
        }
        for variable in doc["input_variables"]?.elements ?? [] {
            if let name = variable["name"]?.string, let value = variable["default"] {
                samples[name] = value.flatText(limit: 10_000)
            }
        }
        if case .string(let template)? = doc["template"] {
            let syntax = BodySyntax.named(doc["template_format"]?.string, default: .semanticKernel)
            syntax.scan(template.source(in: source), into: &sink)
        } else {
            sink.issue("no `template` string in the prompt file", at: source.position(0))
        }
        return sink.template(source, format: format, metadata: metadata, sampleValues: samples)
    }

    static func readPrompt(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        var sink = TemplateSink(defaultRole: .user)
        sink.messageTags = true
        SemanticKernelScanner.scan(source, into: &sink)
        return sink.template(source, format: format)
    }
}
