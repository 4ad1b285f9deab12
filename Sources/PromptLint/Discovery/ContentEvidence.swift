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
    public static func of(_ text: String, extension given: String) -> ContentEvidence {
        let ext = given == "jsonc" ? "json" : given  // JSON with comments reads as JSON
        if ext == "json", let verdict = jsonShape(text, ext: ext) { return verdict }
        let scan = Self.keys(in: text, toml: ext == "toml", yaml: ext == "yaml" || ext == "yml")
        let keys = scan.all
        if keys.contains("openapi") || keys.contains("swagger") { return .notPrompt("API schema") }
        if keys.contains("$schema") && keys.contains("properties") { return .notPrompt("JSON schema") }
        if let recording = RecordSets.recordingReason(keys: keys) { return .notPrompt(recording) }
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
        if let settings = settingsReason(keys: keys, strings: scan.strings) { return .notPrompt(settings) }
        if ["role", "goal", "backstory"].allSatisfy(keys.contains) { return .prompt("agent definitions (`role`, `goal`, `backstory`)") }
        if keys.contains("description") && keys.contains("expected_output") {
            return .prompt("task definitions (`description`, `expected_output`)")
        }
        if let key = keys.sorted().first(where: { isPromptKey($0) && (isPlural($0) || scan.strings.contains($0)) }) {
            return .prompt("prompt-shaped key `\(key)`")
        }
        return .none
    }

    /// Why a file is the settings of a prompt kept elsewhere (Semantic Kernel's `config.json` beside
    /// `skprompt.txt`: sampling parameters under `completion`/`execution_settings`, an input `parameters`
    /// list), or nil when a key with a string value could still hold a prompt.
    static func settingsReason(keys: Set<String>, strings: Set<String>) -> String? {
        let sampling = ["temperature", "max_tokens", "top_p", "max_output_tokens"].contains(where: keys.contains)
        let section = ["completion", "execution_settings", "default_services"].first(where: keys.contains)
        guard sampling, let section, !keys.contains("messages"), !keys.contains("template") else { return nil }
        if strings.contains(where: { isPromptKey($0) }) { return nil }
        return "model settings (sampling parameters under `\(section)`, no prompt text)"
    }

    /// `prompts`, `*_prompts`, `*_templates`: a key that may hold a mapping or list of prompts (other
    /// prompt keys count only with a string value).
    static func isPlural(_ key: String) -> Bool {
        let k = key.lowercased()
        return k.hasSuffix("prompts") || k.hasSuffix("templates")
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

    /// The most bytes of a YAML or JSON file read whole to look for a data set.
    public static let dataSetScanBytes = 4 << 20

    /// Why a whole YAML or JSON text is not read for prompts, or nil: a data set (`RecordSets`); or, when only
    /// its content says it holds prompts (`contentOnly`: no prompts folder, no prompt-like name), a text that
    /// does not parse as its reader reads it. Its prompt keys came from a byte scan, and a data file that is
    /// not valid YAML or JSON is most likely another tool's dialect (a deployment manifest, a templated config)
    /// rather than a prompt file with a typo; a file the format or location makes certain keeps its parse error.
    public static func wholeFileSkipReason(_ text: String, extension ext: String, contentOnly: Bool) -> String? {
        var issues: [ParseIssue] = []
        let source = SourceText(text)
        let root: DocValue?
        switch ext {
        case "json", "jsonc": root = JSONScanner.parse(source, issues: &issues)
        case "yaml", "yml": root = YAMLSupport.parse(source, range: 0..<source.count, issues: &issues)
        default: return nil
        }
        if let reason = root.flatMap(RecordSets.dataSetReason) { return reason }
        guard contentOnly, !issues.isEmpty else { return nil }
        // The reader picks its parser by the text (JSON in a `.yaml` file), so it has the last word.
        var readerIssues: [ParseIssue] = []
        _ = PromptFieldsReader.parse(source, issues: &readerIssues)
        guard let issue = readerIssues.first else { return nil }
        return "does not parse (line \(issue.position.line): \(issue.message)); prompt keys found only by a text scan"
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
    /// `[table]` names, and which of them have a string value on the same line (a quote, `|`, `>` or plain
    /// text rather than `{`, `[` or nothing). A byte scan, no parsing.
    static func keys(in text: String, toml: Bool, yaml: Bool = false) -> (all: Set<String>, strings: Set<String>) {
        var keys = Set<String>()
        var strings = Set<String>()
        let bytes = Array(text.utf8)
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            scanLine(bytes[lineStart..<lineEnd], toml: toml, yamlOnly: yaml, into: &keys, strings: &strings)
            lineStart = lineEnd + 1
        }
        return (keys, strings)
    }

    private static func scanLine(
        _ line: ArraySlice<UInt8>, toml: Bool, yamlOnly: Bool, into keys: inout Set<String>, strings: inout Set<String>
    ) {
        /// True when the value after the separator at `j` starts a string (not a nested mapping or list).
        func stringValue(after j: Int) -> Bool {
            var v = j + 1
            while v < line.endIndex, line[v] == 0x20 || line[v] == 0x09 { v += 1 }
            return v < line.endIndex && line[v] != UInt8(ascii: "{") && line[v] != UInt8(ascii: "[")
                && line[v] != 0x0D && line[v] != UInt8(ascii: "#")
        }
        var i = line.startIndex
        // JSON: every "key": on the line (JSON and TOML files only: in YAML, quoted keys are mostly JSON
        // examples inside strings).
        while yamlOnly == false, let quote = line[i...].firstIndex(of: UInt8(ascii: "\"")) {
            guard let close = line[(quote + 1)...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            var j = close + 1
            while j < line.endIndex, line[j] == 0x20 || line[j] == 0x09 { j += 1 }
            if j < line.endIndex, line[j] == UInt8(ascii: ":") || (toml && line[j] == UInt8(ascii: "=")) {
                let key = String(decoding: line[(quote + 1)..<close], as: UTF8.self)
                keys.insert(key)
                if stringValue(after: j) { strings.insert(key) }
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
        guard line[j] == separator else { return }
        let key = String(decoding: line[start..<k], as: UTF8.self)
        keys.insert(key)
        if stringValue(after: j) { strings.insert(key) }
    }

    private static func isKeyByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x30 && b <= 0x39 || b == UInt8(ascii: "_")
            || b == UInt8(ascii: "-") || b == UInt8(ascii: "$")
    }
}
