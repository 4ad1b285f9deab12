/// Reads Dotprompt (`.prompt`): YAML front matter into metadata (with `input.default` values as
/// samples), then a Handlebars body where `{{role "x"}}` switches messages. Text before any role
/// is a user message, as Dotprompt renders it.
enum DotpromptReader {
    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        var issues: [ParseIssue] = []
        let front = FrontMatter.read(source, allowLeadingComments: true, issues: &issues)
        let body = front.body, metadata = front.metadata
        var samples: [String: String] = [:]
        for (key, value) in front.document?["input"]?["default"]?.pairs ?? [] { samples[key] = value.flatText(limit: 10_000) }
        var sink = TemplateSink(defaultRole: .user)
        sink.addIssues(issues)
        BodySyntax.dotprompt.scan(source, range: body, into: &sink)
        return sink.template(source, format: format, metadata: metadata, sampleValues: samples)
    }
}
