/// Reads serialized LangChain prompts (legacy hub JSON/YAML and `lc` manifests): a `template` with
/// its `template_format` (f-string by default) as one user message, or a chat prompt's `messages`
/// with their roles; `MessagesPlaceholder` entries become loop slots. `partial_variables` are samples.
enum LangChainReader {
    static func read(_ source: SourceText, format: TemplateFormat, json: Bool) -> PromptTemplate {
        var issues: [ParseIssue] = []
        let parsed = json
            ? JSONScanner.parse(source, issues: &issues) : YAMLSupport.parse(source, range: 0..<source.count, issues: &issues)
        var sink = TemplateSink(defaultRole: .user)
        sink.addIssues(issues)
        guard let parsed else { return sink.template(source, format: format) }
        let doc = body(parsed)
        var metadata: [String: String] = [:]
        var samples: [String: String] = [:]
        for pair in doc.pairs ?? [] where pair.key != "template" && pair.key != "messages" {
            pair.value.flatten(prefix: pair.key, into: &metadata)
        }
        for (key, value) in doc["partial_variables"]?.pairs ?? [] { samples[key] = value.flatText(limit: 10_000) }
        let rootSyntax = BodySyntax.named(doc["template_format"]?.string, default: .fstring)
        if case .string(let template)? = doc["template"] {
            rootSyntax.scan(template.source(in: source), into: &sink)
        } else if let messages = doc["messages"]?.elements {
            for message in messages { read(message: message, file: source, syntax: rootSyntax, into: &sink) }
        } else {
            sink.issue("no `template` or `messages` in the LangChain prompt", at: source.position(0))
        }
        return sink.template(source, format: format, metadata: metadata, sampleValues: samples)
    }

    /// The object itself, or its `kwargs` in an `lc` manifest.
    private static func body(_ value: DocValue) -> DocValue {
        value["kwargs"] ?? value
    }

    private static func read(message raw: DocValue, file: SourceText, syntax: BodySyntax, into sink: inout TemplateSink) {
        // A `[role, template]` pair.
        if let pair = raw.elements, pair.count == 2, let name = pair[0].string, case .string(let text) = pair[1] {
            sink.switchRole(role(name), at: file.position(raw.offset))
            syntax.scan(text.source(in: file), into: &sink)
            return
        }
        let message = body(raw)
        let typeName = message["role"]?.string ?? raw["_type"]?.string ?? message["type"]?.string
            ?? raw["id"]?.elements?.last?.string ?? ""
        if typeName.lowercased().contains("placeholder") || message["variable_name"] != nil {
            let variable = message["variable_name"]?.string ?? "history"
            let position = file.position(raw.offset)
            sink.switchRole(.unknown, at: position)
            sink.slot(TemplateSlot(expression: variable, variable: variable, source: "MessagesPlaceholder(\(variable))",
                position: position, isLoop: true))
            return
        }
        sink.switchRole(role(typeName), at: file.position(raw.offset))
        let prompt = message["prompt"].map(body)
        let template = prompt?["template"] ?? message["template"] ?? message["content"]
        let local = BodySyntax.named(prompt?["template_format"]?.string ?? message["template_format"]?.string, default: syntax)
        if case .string(let text)? = template {
            local.scan(text.source(in: file), into: &sink)
        }
    }

    /// The role a LangChain message type names (`system`, `human`, `SystemMessagePromptTemplate`, `ai`).
    private static func role(_ name: String) -> MessageRole {
        let lowered = name.lowercased()
        if let role = RoleNames.role(lowered) { return role }
        if lowered.contains("system") { return .system }
        if lowered.contains("human") || lowered.contains("user") { return .user }
        if lowered.hasPrefix("ai") || lowered.contains("assistant") { return .assistant }
        return .unknown
    }
}
