/// Reads plain text and Markdown: one message of unknown role; `{{ name }}`-style placeholders, if
/// any, are slots (anything else in braces stays text).
enum PlainTextReader {
    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        var sink = TemplateSink(defaultRole: .unknown)
        BodySyntax.plain.scan(source, into: &sink)
        return sink.template(source, format: format)
    }
}
