/// Reads provider request bodies and message lists in JSON (OpenAI, Anthropic, Gemini, promptfoo chat
/// arrays). A file that does not parse keeps what was read, with issues.
enum RequestJSONReader {
    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        var sink = TemplateSink(defaultRole: format == .promptfoo ? .user : .unknown)
        var issues: [ParseIssue] = []
        let root = JSONScanner.parse(source, issues: &issues)
        TemplatedJSON.validate(source, into: &sink)
        sink.addIssues(issues)
        guard let root else {
            if issues.isEmpty { sink.issue("no JSON value in the file", at: source.position(0)) }
            return sink.template(source, format: format)
        }
        var metadata: [String: String] = [:]
        for pair in root.pairs ?? [] where !["messages", "system", "tools", "contents", "input", "instructions"].contains(pair.key) {
            pair.value.flatten(prefix: pair.key, into: &metadata)
        }
        if ChatJSONReader.isChat(root) {
            ChatJSONReader.read(root, file: source, into: &sink)
        } else {
            sink.issue("JSON is not a chat request or message array", at: source.position(root.offset))
            ChatJSONReader.read(.array([root], range: root.range), file: source, into: &sink)
        }
        return sink.template(source, format: format, metadata: metadata)
    }
}
