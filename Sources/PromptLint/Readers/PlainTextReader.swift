/// Reads plain text and Markdown: one message of unknown role whose placeholders are slots:
/// `{{ name }}`, and the string-substitution markers `{name}`, `${name}` and `$UPPER_NAME`
/// (see `MarkerScanner`). Anything else in braces stays text; plain text never fails to parse.
enum PlainTextReader {
    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        var sink = TemplateSink(defaultRole: .unknown)
        sink.keepsIssues = false
        MarkerScanner.scan(source, into: &sink, markdown: format == .markdown)
        return sink.template(source, format: format)
    }
}
