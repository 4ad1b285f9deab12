/// Reads Jinja2/Nunjucks files. promptflow role lines (`# system:`, `user:`) split messages; a file
/// that is a Nunjucks-templated chat JSON array (promptfoo) is read as chat messages.
enum JinjaReader {
    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        if let chat = TemplatedJSON.read(source, format: format, defaultRole: .unknown) { return chat }
        var sink = TemplateSink(defaultRole: .unknown)
        sink.roleLines = true
        let options = JinjaScanner.Options(dollarVariables: DollarVariables.isDialect(source.bytes))
        JinjaScanner.scan(source, into: &sink, options: options)
        return sink.template(source, format: format)
    }
}

/// Chat JSON written inside a template (promptfoo `.j2`/`.json`/`.txt` prompt files).
enum TemplatedJSON {
    /// Reads `range` of `source` as templated chat JSON, or returns nil when it is not one.
    static func read(_ source: SourceText, format: TemplateFormat, defaultRole: MessageRole) -> PromptTemplate? {
        guard looksLikeJSON(source.bytes, from: 0) else { return nil }
        var jsonIssues: [ParseIssue] = []
        guard let root = JSONScanner.parse(source, issues: &jsonIssues), ChatJSONReader.isChat(root) else { return nil }
        var sink = TemplateSink(defaultRole: defaultRole)
        validate(source, into: &sink)
        sink.addIssues(jsonIssues)
        ChatJSONReader.read(root, file: source, into: &sink)
        return sink.template(source, format: format)
    }

    /// Reports the template syntax problems of the whole text once (tags inside and between JSON values).
    static func validate(_ source: SourceText, into sink: inout TemplateSink) {
        var check = TemplateSink(defaultRole: .unknown)
        JinjaScanner.scan(source, into: &check)
        sink.addIssues(check.issues)
    }

    /// True when the first non-blank byte at or after `from` opens a JSON array or object (not a template tag).
    static func looksLikeJSON(_ bytes: [UInt8], from: Int) -> Bool {
        let i = JSONScanner.skipTrivia(bytes, from: from)  // JSON with comments may open with one
        guard i < bytes.count else { return false }
        if bytes[i] == UInt8(ascii: "[") { return true }
        if bytes[i] == UInt8(ascii: "{") {
            return i + 1 < bytes.count && ![UInt8(ascii: "{"), UInt8(ascii: "%"), UInt8(ascii: "#")].contains(bytes[i + 1])
        }
        return false
    }
}
