/// Reads plain text and Markdown: the whole file is one static message.
enum PlainTextReader {
    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        var builder = MessageBuilder(source: source, defaultRole: .unknown)
        builder.addText(0..<source.count)
        return PromptTemplate(path: "", format: format, messages: builder.finish(), source: source.text)
    }
}
