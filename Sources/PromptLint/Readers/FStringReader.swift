/// Reads Python `str.format` / f-string / LangChain f-string files: one message of unknown role.
enum FStringReader {
    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        var sink = TemplateSink(defaultRole: .unknown)
        FStringScanner.scan(source, into: &sink)
        return sink.template(source, format: format)
    }
}
