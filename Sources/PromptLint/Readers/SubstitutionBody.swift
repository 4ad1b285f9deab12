/// The reading that front-matter formats whose tool substitutes its own markers share (agent commands,
/// Copilot prompt files, GitHub agentic workflows): the front matter is metadata the tool strips, the body
/// is one user message, and each marker the format's `match` recognises is a slot; everything else is
/// text. Problems of the front matter are not errors: the tool still runs the file.
enum SubstitutionBody {
    /// A marker found at an offset: where it ends, and the slot it is (without source text and position,
    /// which are filled from the marker's bytes).
    struct Marker {
        var end: Int
        var expression: String
        var variable: String?
        var provenance: SlotClass?
        /// True when the marker pulls in a file by name (Gemini CLI's `@{path}`), expanded like a partial
        /// when the file can be read.
        var isInclude = false
    }

    /// Reads `source`; `match(i, limit)` returns the marker starting at byte `i` of the body (ending at or
    /// before `limit`), or nil.
    static func read(_ source: SourceText, format: TemplateFormat, match: (Int, Int) -> Marker?) -> PromptTemplate {
        var issues: [ParseIssue] = []
        let front = FrontMatter.read(source, allowLeadingComments: false, issues: &issues)
        return read(source, body: front.body, metadata: front.metadata, format: format, match: match)
    }

    /// Reads the `body` range of `source` (the rest is metadata, given as `metadata`): the prompt of a
    /// format whose file is not front matter and Markdown (a TOML string).
    static func read(
        _ source: SourceText, body: Range<Int>, metadata: [String: String], format: TemplateFormat,
        match: (Int, Int) -> Marker?
    ) -> PromptTemplate {
        var sink = TemplateSink(defaultRole: .user)
        sink.keepsIssues = false
        var textStart = body.lowerBound
        var i = body.lowerBound
        while i < body.upperBound {
            guard let marker = match(i, body.upperBound) else {
                i += 1
                continue
            }
            if textStart < i { sink.text(textStart..<i, in: source) }
            sink.slot(TemplateSlot(expression: marker.expression, variable: marker.variable,
                                   source: source.string(i..<marker.end), position: source.position(i),
                                   isInclude: marker.isInclude, provenance: marker.provenance))
            i = marker.end
            textStart = marker.end
        }
        if textStart < body.upperBound { sink.text(textStart..<body.upperBound, in: source) }
        return sink.template(source, format: format, metadata: metadata)
    }
}
