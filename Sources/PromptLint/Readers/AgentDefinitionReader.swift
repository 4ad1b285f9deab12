/// Reads a coding agent's definition file: a subagent or custom agent whose instructions the agent sends
/// verbatim as a system prompt (Claude Code subagents and GitHub Copilot custom agents: Markdown with
/// `name`/`description` front matter in an `agents` folder; OpenAI Codex agents: TOML with
/// `developer_instructions`). These agents substitute nothing in the instructions, so braces, `$NAME` and
/// `{{ }}` there are literal text (a curl example's `{id}`, a code sample's f-string): the file is one
/// static message. The front matter (Markdown) or the other keys (TOML) are metadata, not prompt text.
enum AgentDefinitionReader {
    /// A skill the model invokes on its description (one that takes arguments is a command), a subagent or
    /// custom-agent definition (`AgentFileEvidence.isAgentDefinition`), or Copilot custom instructions
    /// (`*.instructions.md`): all sent as written.
    static func claims(_ file: FileCandidate) -> Bool {
        if file.name == AgentFileEvidence.skillFileName.lowercased(), AgentCommandReader.looksLikeCommand(file.text) {
            return !AgentFileEvidence.skillTakesArguments(file.text)
        }
        return AgentFileEvidence.isAgentDefinition(path: file.path, text: file.text) || file.name.hasSuffix(".instructions.md")
    }

    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        var issues: [ParseIssue] = []
        let front = FrontMatter.read(source, allowLeadingComments: false, issues: &issues)
        var body = front.body
        let metadata = front.metadata
        if !front.found, let instructions = tomlMultilineString(source, key: "developer_instructions") {
            body = instructions
        }
        var sink = TemplateSink(defaultRole: .system)
        // A definition whose front matter does not parse is still sent verbatim: its problems are not errors.
        sink.keepsIssues = false
        if !body.isEmpty { sink.text(body, in: source) }
        return sink.template(source, format: format, metadata: metadata)
    }

    /// The byte range inside the multi-line string (`'''…'''` or `"""…"""`) assigned to `key` at the start
    /// of a line of a TOML text, or nil when there is none (a one-line value is metadata-sized).
    static func tomlMultilineString(_ source: SourceText, key: String) -> Range<Int>? {
        let bytes = source.bytes
        let name = Array(key.utf8)
        var lineStart = 0
        while lineStart < bytes.count {
            var i = lineStart
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            if bytes[i...].starts(with: name) {
                var j = i + name.count
                while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                if j < bytes.count, bytes[j] == UInt8(ascii: "=") {
                    j += 1
                    while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                    for quote in ["'''", "\"\"\""] {
                        let delimiter = Array(quote.utf8)
                        guard bytes[j...].starts(with: delimiter) else { continue }
                        let start = j + 3
                        guard let end = ByteSearch.find(delimiter, in: bytes, from: start) else { return start..<bytes.count }
                        return start..<end
                    }
                    return nil
                }
            }
            guard let newline = ByteSearch.find(UInt8(ascii: "\n"), in: bytes, from: lineStart) else { break }
            lineStart = newline + 1
        }
        return nil
    }
}
