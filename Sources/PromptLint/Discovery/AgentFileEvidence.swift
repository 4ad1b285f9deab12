import Foundation

/// Content that makes a Markdown file a coding agent's prompt outside a known prompts folder: a command
/// file in a `commands` folder, a subagent definition in an `agents` folder (plugins registered by a
/// marketplace list rather than their own `.claude-plugin/` folder), or an agent skill (`SKILL.md`).
enum AgentFileEvidence {
    /// The file name of an agent skill (the Agent Skills layout of Claude Code, Codex and Copilot): the
    /// skill's instructions, in a folder whose other files are resources the agent reads on demand.
    static let skillFileName = "SKILL.md"

    /// The evidence that `head` (the start of a file named `SKILL.md`) is an agent skill: front matter
    /// with `name` and `description`, or nil.
    static func skillEvidence(head: String) -> String? {
        let front = frontMatterKeys(head)
        guard front.contains("name") || front.contains("description") else { return nil }
        return "agent skill (SKILL.md with skill front matter)"
    }

    /// True when a skill's front matter says it takes arguments (`argument-hint`, `arguments`) or is invoked
    /// by the user only (`disable-model-invocation`): then `$ARGUMENTS` in it is what the user typed.
    static func skillTakesArguments(_ text: String) -> Bool {
        let front = frontMatterKeys(text)
        return front.contains("argument-hint") || front.contains("arguments") || front.contains("disable-model-invocation")
    }

    /// True when the file at `path` with the text `text` is a coding agent's subagent or custom-agent
    /// definition, sent verbatim: Markdown with `name` and `description` front matter directly in an
    /// `agents` folder (or a Copilot `.agent.md`/`.chatmode.md` file), or TOML with
    /// `developer_instructions` (an OpenAI Codex agent).
    static func isAgentDefinition(path: String, text: String) -> Bool {
        let lower = path.lowercased()
        if lower.hasSuffix(".toml") {
            return AgentDefinitionReader.tomlMultilineString(SourceText(String(text.prefix(65_536))),
                                                             key: "developer_instructions") != nil
        }
        guard lower.hasSuffix(".md") else { return false }
        let front = frontMatterKeys(text)
        if lower.hasSuffix(".agent.md") || lower.hasSuffix(".chatmode.md") { return !front.isEmpty }
        let folders = lower.split(separator: "/").dropLast()
        return folders.last == "agents" && front.contains("name") && front.contains("description")
    }

    /// True when the file at `path` (as shown) lies where agent files live: below a `commands` folder or
    /// directly in an `agents` folder (only those files are worth opening for `evidence`).
    static func mayHold(path: String) -> Bool {
        let folders = path.lowercased().split(separator: "/").dropLast()
        return folders.contains("commands") || folders.last == "agents"
    }

    /// The evidence for the Markdown file at `path` (as shown) with the text `head`, or nil.
    static func evidence(path: String, head: String) -> String? {
        let folders = path.lowercased().split(separator: "/").dropLast()
        let front = frontMatterKeys(head)
        if folders.contains("commands"),
            head.contains("$ARGUMENTS") || front.contains("allowed-tools") || front.contains("argument-hint")
        {
            return "agent command file (`$ARGUMENTS` or command front matter in a commands folder)"
        }
        if folders.last == "agents", front.contains("name"), front.contains("description") {
            return "subagent definition (front matter with name and description in an agents folder)"
        }
        return nil
    }

    /// The top-level keys of the YAML front matter that opens `text` (empty without one).
    static func frontMatterKeys(_ text: String) -> Set<String> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespacesAndNewlines) == "---" else { return [] }
        var keys: Set<String> = []
        for line in lines.dropFirst() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed == "---" || trimmed == "..." { return keys }
            guard let first = line.first, first != " ", first != "\t", first != "#", let colon = line.firstIndex(of: ":")
            else { continue }
            keys.insert(String(line[..<colon]).lowercased())
        }
        return []
    }
}
