import Foundation

/// Content that makes a Markdown file a coding agent's prompt outside a known prompts folder: a command
/// file in a `commands` folder, or a subagent definition in an `agents` folder (plugins registered by a
/// marketplace list rather than their own `.claude-plugin/` folder).
enum AgentFileEvidence {
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
