/// Reads Mustache and Handlebars files: one message of unknown role.
enum MustacheReader {
    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        var sink = TemplateSink(defaultRole: .unknown)
        HandlebarsScanner.scan(source, into: &sink)
        return sink.template(source, format: format)
    }
}
