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
    }

    /// Reads `source`; `match(i, limit)` returns the marker starting at byte `i` of the body (ending at or
    /// before `limit`), or nil.
    static func read(_ source: SourceText, format: TemplateFormat, match: (Int, Int) -> Marker?) -> PromptTemplate {
        var issues: [ParseIssue] = []
        let front = FrontMatter.read(source, allowLeadingComments: false, issues: &issues)
        var sink = TemplateSink(defaultRole: .user)
        sink.keepsIssues = false
        let body = front.body
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
                                   provenance: marker.provenance))
            i = marker.end
            textStart = marker.end
        }
        if textStart < body.upperBound { sink.text(textStart..<body.upperBound, in: source) }
        return sink.template(source, format: format, metadata: front.metadata)
    }
}
