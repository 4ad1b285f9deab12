/// Reads promptfoo prompt files: a text file may hold several prompts separated by `---` lines, each
/// a Nunjucks user message (or, when it is JSON, a chat array); `.json` files are chat arrays.
/// Messages of the n-th prompt carry `promptIndex` n.
enum PromptfooReader {
    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        if let chat = TemplatedJSON.read(source, format: format, defaultRole: .user) { return chat }
        var sink = TemplateSink(defaultRole: .user)
        TemplatedJSON.validate(source, into: &sink)
        sink.keepsIssues = false
        for (index, part) in parts(source).enumerated() {
            sink.builder.promptIndex = index
            sink.builder.endMessage()
            let piece = SourceText(embedded: source.string(part), map: Array(part.lowerBound...part.upperBound), in: source)
            if TemplatedJSON.looksLikeJSON(piece.bytes, from: 0) {
                var ignored: [ParseIssue] = []
                if let root = JSONScanner.parse(piece, issues: &ignored), ChatJSONReader.isChat(root) {
                    ChatJSONReader.read(root, file: piece, into: &sink)
                    continue
                }
            }
            JinjaScanner.scan(piece, into: &sink)
        }
        sink.keepsIssues = true
        return sink.template(source, format: format)
    }

    /// The byte ranges between `---` separator lines.
    static func parts(_ source: SourceText) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var partStart = 0
        source.forEachLine { line, next in
            if source.lineIs(line, "---") {
                parts.append(partStart..<line.lowerBound)
                partStart = next
            }
            return true
        }
        parts.append(partStart..<source.count)
        return parts
    }
}
