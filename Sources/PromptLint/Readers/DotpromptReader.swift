/// Reads Dotprompt (`.prompt`): YAML front matter into metadata (with `input.default` values as
/// samples), then a Handlebars body where `{{role "x"}}` switches messages. Text before any role
/// is a user message, as Dotprompt renders it.
enum DotpromptReader {
    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        var issues: [ParseIssue] = []
        var metadata: [String: String] = [:]
        var samples: [String: String] = [:]
        var body = 0..<source.count
        if let front = FrontMatter.split(source, allowLeadingComments: true, issues: &issues) {
            body = front.bodyRange
            if let doc = YAMLSupport.parse(source, range: front.yamlRange, issues: &issues) {
                doc.flatten(prefix: "", into: &metadata)
                for (key, value) in doc["input"]?["default"]?.pairs ?? [] { samples[key] = value.flatText(limit: 10_000) }
            }
        }
        var sink = TemplateSink(defaultRole: .user)
        sink.addIssues(issues)
        BodySyntax.dotprompt.scan(source, range: body, into: &sink)
        return sink.template(source, format: format, metadata: metadata, sampleValues: samples)
    }
}
