/// Reads Prompty (`.prompty`): YAML front matter into metadata, `sample:` values and `inputs`
/// defaults into sample values; a Jinja2 body (Mustache when `template` says so) split into messages
/// at role lines (`system:`, `# user:`, `assistant[k=v]:`). Text before the first marker is system.
enum PromptyReader {
    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        var issues: [ParseIssue] = []
        let front = FrontMatter.read(source, allowLeadingComments: false, issues: &issues)
        let body = front.body, metadata = front.metadata
        var samples: [String: String] = [:]
        var syntax = BodySyntax.jinja
        if let doc = front.document {
            samples = sampleValues(doc)
            let template = doc["template"]
            let name = template?.string ?? template?["format"]?.string ?? template?["format"]?["kind"]?.string
                ?? template?["type"]?.string
            syntax = BodySyntax.named(name, default: .jinja)
        }
        var sink = TemplateSink(defaultRole: .system)
        sink.roleLines = true
        sink.addIssues(issues)
        syntax.scan(source, range: body, into: &sink)
        return sink.template(source, format: format, metadata: metadata, sampleValues: samples)
    }

    /// `sample:` values (when inline), then `inputs` defaults and samples (v1 mapping or v2 list).
    static func sampleValues(_ doc: DocValue) -> [String: String] {
        var samples: [String: String] = [:]
        for (key, value) in doc["sample"]?.pairs ?? [] { samples[key] = value.flatText(limit: 10_000) }
        var inputs: [(String, DocValue)] = []
        if let pairs = doc["inputs"]?.pairs { inputs = pairs.map { ($0.key, $0.value) } }
        for item in doc["inputs"]?.elements ?? [] {
            if let name = item["name"]?.string { inputs.append((name, item)) }
        }
        for (name, spec) in inputs where samples[name] == nil {
            if spec.pairs == nil, let text = spec.string {
                samples[name] = text
            } else if let value = spec["default"] ?? spec["sample"] {
                samples[name] = value.flatText(limit: 10_000)
            }
        }
        return samples
    }
}
