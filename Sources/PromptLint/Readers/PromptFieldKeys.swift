import Foundation

/// Which keys of a YAML or JSON data file hold prompts, and which sections hold the values that fill
/// them. Used by `FormatDetection` (is this a file of prompts?) and `PromptFieldsReader`.
enum PromptFieldKeys {
    /// Whole key names that hold one prompt.
    private static let promptNames: Set<String> = [
        "prompt", "system", "template", "instructions", "instruction", "preamble", "persona",
    ]
    /// Last words of key names that hold one prompt (`instruction_template`, `systemPrompt`, `user_message`).
    private static let promptLastWords: Set<String> = ["template", "prompt", "instructions", "instruction"]
    /// Sections whose string fields are each a prompt, whatever the fields are called
    /// (`"Prompts": {"SystemDescription": "…", "SystemResponse": "…"}` in an `appsettings.json`).
    static let promptSections: Set<String> = ["prompts", "templates", "prompt_templates", "prompttemplates"]

    /// True when `key` names a section of prompts.
    static func isPromptSection(_ key: String) -> Bool { promptSections.contains(key.lowercased()) }

    /// Keys whose value is a message list (`[{role, content}]`).
    static let messageListNames: Set<String> = ["messages", "chat", "conversation_template"]
    /// Sections whose entries are variables set for the prompts (`vars:`, `defaults:`).
    static let variableSections: Set<String> = [
        "vars", "variables", "defaults", "default_vars", "constants", "params", "parameters", "settings", "config",
        "context", "inputs", "partial_variables",
    ]

    /// Objects whose fields together make one prompt, found by a marker key: a CrewAI agent (`role`,
    /// `goal`, `backstory`, sent as one system prompt) and task (`description`, `expected_output`).
    static let composites: [(marker: String, fields: [String], role: MessageRole)] = [
        ("backstory", ["role", "goal", "backstory"], .system),
        ("expected_output", ["description", "expected_output"], .user),
    ]

    /// True when a key names a field that holds one prompt.
    static func isPromptField(_ key: String) -> Bool {
        let tokens = NameTokens.split(key)
        guard let last = tokens.last else { return false }
        if tokens.count == 1 { return promptNames.contains(last) }
        if promptLastWords.contains(last) { return true }
        // `system_message`, `user_message`, `prompt_text`, `system_content`.
        if tokens.first == "prompt" && tokens.count == 2 { return true }
        return ["system", "user", "developer", "human"].contains(tokens[0]) && ["message", "content", "text"].contains(last)
    }

    /// The role a prompt field's name implies.
    static func role(forField key: String) -> MessageRole {
        let tokens = NameTokens.split(key)
        if tokens.contains("system") || tokens.contains("instructions") || tokens.contains("instruction")
            || tokens.contains("preamble") || tokens.contains("persona")
        {
            return .system
        }
        if tokens.contains("user") || tokens.contains("human") { return .user }
        if tokens.contains("developer") { return .developer }
        return .unknown
    }

    /// True when a value is worth reading as a prompt: a few words, or a line break, or a placeholder.
    static func looksLikePrompt(_ value: String) -> Bool {
        if value.contains("\n") || value.contains("{") { return !value.allSatisfy(\.isWhitespace) }
        return value.split(whereSeparator: { $0 == " " || $0 == "\t" }).count >= 4
    }

    /// True when some key of a YAML or JSON text, at any depth, names a prompt field or a message list
    /// (a cheap line scan, before parsing).
    static func hasPromptKeys(_ text: String) -> Bool {
        var roles = false
        var contents = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).prefix(20_000) {
            guard let key = key(of: line) else { continue }
            // `prompts:` (a list of prompts, as promptfoo configs hold) counts as the reader reads it.
            if isPromptField(key) || key == "prompts" || messageListNames.contains(key)
                || composites.contains(where: { $0.marker == key })
            {
                return true
            }
            if key == "role" { roles = true }
            if key == "content" { contents = true }
            if roles && contents { return true }
        }
        return false
    }

    /// True when some key of a parsed document (to a bounded depth and size) names a prompt field or a
    /// message list, or an object has both `role` and `content`.
    static func hasPromptKeys(_ root: DocValue) -> Bool {
        var stack: [(DocValue, Int)] = [(root, 0)]
        var visited = 0
        while let (value, depth) = stack.popLast(), visited < 20_000 {
            visited += 1
            guard depth < 16 else { continue }
            if let pairs = value.pairs {
                if value["role"] != nil && value["content"] != nil { return true }
                if PromptRecord.isRecord(value) { return true }
                for pair in pairs {
                    if isPromptField(pair.key) || pair.key == "prompts" || messageListNames.contains(pair.key)
                        || composites.contains(where: { $0.marker == pair.key })
                        || (isPromptSection(pair.key) && pair.value.pairs?.contains { $0.value.string != nil } == true)
                    {
                        return true
                    }
                    stack.append((pair.value, depth + 1))
                }
            } else if let items = value.elements {
                stack += items.map { ($0, depth + 1) }
            }
        }
        return false
    }

    /// True for a prompt library: a top-level mapping with at least two string values of several lines
    /// (`default_chat: |` … `summarize: |` …), each its own prompt that code picks by name and fills.
    /// Short scalar settings and nested values do not count.
    static func isPromptLibrary(_ root: DocValue) -> Bool {
        guard let pairs = root.pairs else { return false }
        // Counted in a loop: a closure over the pairs here made the non-whole-module compiler report a circular
        // reference through `DocValue` (debug and fuzz builds).
        var multiLine = 0
        for pair in pairs where isMultiLineString(pair.value) { multiLine += 1 }
        return multiLine >= 2
    }

    /// True for a string value with a line break inside its text (not only a block scalar's final one).
    static func isMultiLineString(_ value: DocValue) -> Bool {
        guard case .string(let text) = value else { return false }
        return text.value.trimmingCharacters(in: .whitespacesAndNewlines).contains("\n")
    }

    /// True when a data file's name or one of its folders says it holds prompts (`system_prompts.yaml`,
    /// `prompt_formats.yaml`, `prompts/agent.yaml`).
    static func namesPrompts(path: String) -> Bool {
        let parts = path.lowercased().split(separator: "/")
        guard let name = parts.last else { return false }
        let stem = name.split(separator: ".").first.map(String.init) ?? String(name)
        if NameTokens.split(stem).contains(where: { $0 == "prompt" || $0 == "prompts" }) { return true }
        return parts.dropLast().contains { DiscoveryRules.isPromptFolderName(String($0)) }
    }

    /// The key of a `key: value` (YAML, optionally after `- `) or `"key": value` (JSON) line.
    private static func key(of line: Substring) -> String? {
        var rest = line.drop(while: { $0 == " " || $0 == "\t" })
        if rest.hasPrefix("- ") { rest = rest.dropFirst(2).drop(while: { $0 == " " }) }
        if rest.first == "#" { return nil }
        var quoted = false
        if let q = rest.first, q == "\"" || q == "'" {
            quoted = true
            rest = rest.dropFirst()
        }
        let name = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        guard !name.isEmpty else { return nil }
        var after = rest.dropFirst(name.count)
        if quoted {
            guard let q = after.first, q == "\"" || q == "'" else { return nil }
            after = after.dropFirst()
        }
        after = after.drop(while: { $0 == " " })
        return after.first == ":" ? String(name) : nil
    }
}
