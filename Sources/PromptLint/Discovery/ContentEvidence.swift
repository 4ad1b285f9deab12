import Foundation

/// What the start of a YAML, JSON or TOML file says about whether it holds prompts.
public enum ContentEvidence: Sendable, Equatable {
    /// It holds prompts; the text says why (`prompt-shaped key system_prompt`, `request body`).
    case prompt(String)
    /// It is something else that merely mentions prompt words; the text says what (`data set`).
    case notPrompt(String)
    /// Nothing either way.
    case none

    /// The bytes of a file's start that are inspected.
    public static let sniffBytes = 64 * 1024

    /// Classifies a YAML, JSON or TOML file from its text (`ext` is the lower-cased extension).
    public static func of(_ text: String, extension ext: String) -> ContentEvidence {
        if ext == "json", let verdict = jsonShape(text, ext: ext) { return verdict }
        let keys = Self.keys(in: text, toml: ext == "toml", yaml: ext == "yaml" || ext == "yml")
        if keys.contains("openapi") || keys.contains("swagger") { return .notPrompt("API schema") }
        if keys.contains("$schema") && keys.contains("properties") { return .notPrompt("JSON schema") }
        if keys.contains("model"),
            let body = ["messages", "system", "contents", ext == "json" ? "input" : "messages"].first(where: keys.contains)
        {
            return .prompt("request body (`model` and `\(body)`)")
        }
        if keys.contains("messages") && keys.contains("role") && keys.contains("content") {
            return .prompt("chat messages (`messages` with `role` and `content`)")
        }
        if keys.contains("template"),
            let with = ["template_format", "input_variables", "execution_settings"].first(where: keys.contains)
        {
            return .prompt("prompt template (`template` with `\(with)`)")
        }
        if let key = keys.sorted().first(where: isPromptKey) { return .prompt("prompt-shaped key `\(key)`") }
        return .none
    }

    /// `system_prompt`, `prompt`, `prompts`, `userPrompt`, `prompt_template`, `instruction_template`,
    /// `instructions`, `system_message`.
    static func isPromptKey(_ key: String) -> Bool {
        let k = key.lowercased()
        if k.hasSuffix("prompt") || k.hasSuffix("prompts") || k.hasPrefix("prompt_") || k.hasPrefix("prompt-") {
            return true
        }
        if k.hasSuffix("_template") || k.hasSuffix("-template") { return true }
        return ["instructions", "system_message", "systemmessage", "system_instruction", "system_instructions",
                "persona"].contains(k)
    }

    /// A large top-level JSON array is a data set; a small message array is a prompt.
    private static func jsonShape(_ text: String, ext: String) -> ContentEvidence? {
        guard let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
            first == UInt8(ascii: "[")
        else { return nil }
        if text.utf8.count >= sniffBytes { return .notPrompt("data set (a large JSON array)") }
        var issues: [ParseIssue] = []
        guard case .array(let items, _)? = JSONScanner.parse(SourceText(text), issues: &issues) else { return nil }
        if ChatJSONReader.isMessageArray(items) { return .prompt("chat message array") }
        if items.count > 20 { return .notPrompt("data set (a JSON array of \(items.count) items)") }
        return nil
    }

    /// Mapping keys anywhere in the text: YAML `key:` (also `- key:`), JSON `"key":` (not in YAML), TOML `key =` and
    /// `[table]` names. A byte scan, no parsing; values are not looked at.
    static func keys(in text: String, toml: Bool, yaml: Bool = false) -> Set<String> {
        var keys = Set<String>()
        let bytes = Array(text.utf8)
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            scanLine(bytes[lineStart..<lineEnd], toml: toml, yamlOnly: yaml, into: &keys)
            lineStart = lineEnd + 1
        }
        return keys
    }

    private static func scanLine(_ line: ArraySlice<UInt8>, toml: Bool, yamlOnly: Bool, into keys: inout Set<String>) {
        var i = line.startIndex
        // JSON: every "key": on the line (JSON and TOML files only: in YAML, quoted keys are mostly JSON
        // examples inside strings).
        while yamlOnly == false, let quote = line[i...].firstIndex(of: UInt8(ascii: "\"")) {
            guard let close = line[(quote + 1)...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            var j = close + 1
            while j < line.endIndex, line[j] == 0x20 || line[j] == 0x09 { j += 1 }
            if j < line.endIndex, line[j] == UInt8(ascii: ":") || (toml && line[j] == UInt8(ascii: "=")) {
                keys.insert(String(decoding: line[(quote + 1)..<close], as: UTF8.self))
            }
            i = close + 1
        }
        // YAML `key:` / `- key:` and TOML `key =` / `[table.name]` at the start of the line.
        var k = line.startIndex
        while k < line.endIndex, line[k] == 0x20 || line[k] == 0x09 || line[k] == UInt8(ascii: "-") { k += 1 }
        if toml, k < line.endIndex, line[k] == UInt8(ascii: "[") {
            let name = line[(k + 1)...].prefix { $0 != UInt8(ascii: "]") }
            for part in name.split(separator: UInt8(ascii: ".")) { keys.insert(String(decoding: part, as: UTF8.self)) }
            return
        }
        let start = k
        while k < line.endIndex, isKeyByte(line[k]) { k += 1 }
        guard k > start else { return }
        var j = k
        while j < line.endIndex, line[j] == 0x20 { j += 1 }
        guard j < line.endIndex else { return }
        let separator = toml ? UInt8(ascii: "=") : UInt8(ascii: ":")
        if line[j] == separator { keys.insert(String(decoding: line[start..<k], as: UTF8.self)) }
    }

    private static func isKeyByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x30 && b <= 0x39 || b == UInt8(ascii: "_")
            || b == UInt8(ascii: "-") || b == UInt8(ascii: "$")
    }
}
