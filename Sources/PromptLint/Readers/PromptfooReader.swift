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
        let bytes = source.bytes
        var parts: [Range<Int>] = []
        var partStart = 0
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = ByteSearch.find(0x0A, in: bytes, from: lineStart) ?? bytes.count
            var hi = lineEnd
            while hi > lineStart, JinjaScanner.isSpace(bytes[hi - 1]) { hi -= 1 }
            if hi - lineStart == 3, bytes[lineStart] == UInt8(ascii: "-"), bytes[lineStart + 1] == UInt8(ascii: "-"),
                bytes[lineStart + 2] == UInt8(ascii: "-")
            {
                parts.append(partStart..<lineStart)
                partStart = min(lineEnd + 1, bytes.count)
            }
            lineStart = lineEnd + 1
        }
        parts.append(partStart..<bytes.count)
        return parts
    }
}
