import Foundation

/// Chooses a template format: the one the file's name or extension names, else the first format that claims
/// the file by its place and content (`FormatRegistry.claimOrder`), else the dialect of a generic file
/// (`.txt`, `.md`, YAML, JSON) read from its content.
enum FormatDetection {
    /// The format of the file at `path` (as shown) with the text `text`.
    static func detect(path: String, text: String) -> TemplateFormat {
        let file = FileCandidate(path: path, text: text)
        if let named = FormatRegistry.format(fileName: file.name, extension: file.ext), named != .plainText, named != .markdown {
            return named
        }
        if let claimed = FormatRegistry.claimed(file) { return claimed }
        switch file.ext {
        case "yaml", "yml": return yaml(text, path: path)
        case "json", "jsonc": return json(text)
        case "toml": return toml(text)
        default: return sniff(text, markdown: file.ext == "md" || file.ext == "markdown")
        }
    }

    /// LangChain hub for `_type`, `lc`, `output_parser` or an f-string/jinja2/mustache `template_format`;
    /// Semantic Kernel for a `template` with `template_format`, `input_variables` or `execution_settings`;
    /// prompt fields for prompt-shaped keys, or for a prompt library (`PromptFieldKeys.isPromptLibrary`)
    /// whose file or folder name says prompts (`system_prompts.yaml`, `prompts/agent.yaml`).
    static func yaml(_ text: String, path: String = "") -> TemplateFormat {
        let keys = topLevelYAMLKeys(text)
        if keys["_type"] != nil || keys["lc"] != nil || keys["output_parser"] != nil { return .langchainHub }
        if let format = keys["template_format"], ["f-string", "fstring", "jinja2", "mustache"].contains(format.lowercased()) {
            return .langchainHub
        }
        if keys["template"] != nil,
            keys["template_format"] != nil || keys["input_variables"] != nil || keys["execution_settings"] != nil
        {
            return .semanticKernelYAML
        }
        if keys["messages"] != nil && keys["input_variables"] != nil { return .langchainHub }
        if PromptFieldKeys.hasPromptKeys(text) { return .promptFields }
        guard PromptFieldKeys.namesPrompts(path: path) else { return .plainText }
        var issues: [ParseIssue] = []
        let source = SourceText(text)
        let root = YAMLSupport.parse(source, range: 0..<source.count, issues: &issues)
        return root.map(PromptFieldKeys.isPromptLibrary) == true ? .promptFields : .plainText
    }

    /// Prompt fields when the TOML document has prompt-shaped keys (`[task] system = """…"""`), each
    /// field then its own prompt; else the dialect of the whole text, as for a `.txt`.
    static func toml(_ text: String) -> TemplateFormat {
        let source = SourceText(text)
        var issues: [ParseIssue] = []
        if TOMLDocument.looksLikeTOML(source.bytes), let root = TOMLDocument.parse(source, issues: &issues),
            PromptFieldKeys.hasPromptKeys(root)
        {
            return .promptFields
        }
        return sniff(text, markdown: false)
    }

    /// Anthropic when `system`, `anthropic_version` or any `cache_control` appears; LangChain for
    /// `_type` or a `template`; OpenAI for `messages`; promptfoo for a top-level message array.
    static func json(_ text: String) -> TemplateFormat {
        var issues: [ParseIssue] = []
        let root = JSONScanner.parse(SourceText(text), issues: &issues)
        switch root {
        case .object?:
            guard let root else { return .plainText }
            if root["_type"] != nil || root["lc"] != nil || root["template"] != nil { return .langchainHub }
            if root["system"] != nil || root["anthropic_version"] != nil || text.contains("\"cache_control\"") {
                return .anthropicRequest
            }
            // A request body's `messages`/`contents` are lists and `input` a string or list (an object under
            // `input` is a description of inputs, as in Semantic Kernel's `config.json`).
            if ["messages", "input", "contents"].contains(where: { root[$0].map(isMessageBody) ?? false }) {
                return .openAIRequest
            }
            return PromptFieldKeys.hasPromptKeys(root) ? .promptFields : .plainText
        case .array(let items, _)?:
            if text.contains("\"cache_control\"") { return .anthropicRequest }
            if ChatJSONReader.isMessageArray(items) { return .promptfoo }
            return root.map(PromptFieldKeys.hasPromptKeys) == true ? .promptFields : .plainText
        default:
            return .plainText
        }
    }

    /// True for a list or a string: what a request's `messages`, `input` or `contents` holds.
    private static func isMessageBody(_ value: DocValue) -> Bool {
        switch value {
        case .array, .string, .template: return true
        default: return false
        }
    }

    /// `.txt`/`.md` by content: Jinja statements or comments → Jinja (promptfoo when `---` lines split
    /// several prompts in a `.txt`); `{{$` → Semantic Kernel; single-brace `{name}` fields → f-string;
    /// `{{ }}` → Jinja; else plain text or Markdown.
    ///
    /// In Markdown, `{{ }}` and `{% %}` inside a quoted string of a fenced code block
    /// (`"value_template": "{{ now().weekday() == 0 }}"`) are another system's template syntax in an example
    /// the prompt shows (Home Assistant, Ansible, Helm, GitHub Actions configuration), not this file's.
    static func sniff(_ text: String, markdown: Bool) -> TemplateFormat {
        let bytes = Array(text.utf8)
        let examples = markdown ? ForeignTemplateExamples.spans(bytes) : []
        var nextExample = 0
        var hasStatement = false
        var hasDouble = false
        var hasSK = false
        var hasSingle = false
        var hasSpacedDouble = false
        var i = 0
        while let open = ByteSearch.find(UInt8(ascii: "{"), in: bytes, from: i) {
            let next = open + 1 < bytes.count ? bytes[open + 1] : 0
            while nextExample < examples.count, examples[nextExample].upperBound <= open { nextExample += 1 }
            if nextExample < examples.count, examples[nextExample].contains(open) {
                i = examples[nextExample].upperBound
                continue
            }
            if next == UInt8(ascii: "%") || next == UInt8(ascii: "#") {
                hasStatement = true
            } else if next == UInt8(ascii: "{") {
                hasDouble = true
                if open + 2 < bytes.count, bytes[open + 2] == UInt8(ascii: "$") { hasSK = true }
                if isSpacedVariable(bytes, open) { hasSpacedDouble = true }
                i = open + 2
                continue
            } else if isSingleField(bytes, open) {
                hasSingle = true
            }
            i = open + 1
        }
        if hasSK { return .semanticKernelPrompt }
        // `{{ name }}` is Jinja's idiom (str.format would send it as the text `{ name }`): it outweighs a stray
        // single-brace word in the prompt's example text (`# {title}` in an outline).
        if hasStatement || (hasDouble && (!hasSingle || hasSpacedDouble)) {
            if !markdown && PromptfooReader.parts(SourceText(text)).count > 1 { return .promptfoo }
            return .jinja
        }
        if hasSingle { return .fstring }
        return markdown ? .markdown : .plainText
    }

    /// `{{ name }}` (spaces inside both braces, a dotted name between) at `open`, the first of the two braces.
    private static func isSpacedVariable(_ bytes: [UInt8], _ open: Int) -> Bool {
        var j = open + 2
        guard j < bytes.count, bytes[j] == UInt8(ascii: " ") else { return false }
        while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
        let start = j
        while j < bytes.count, bytes[j] == UInt8(ascii: "_") || bytes[j] == UInt8(ascii: ".") || isLetter(bytes[j])
            || (bytes[j] >= 0x30 && bytes[j] <= 0x39)
        {
            j += 1
        }
        guard j > start, j < bytes.count, bytes[j] == UInt8(ascii: " ") else { return false }
        while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
        return j + 1 < bytes.count && bytes[j] == UInt8(ascii: "}") && bytes[j + 1] == UInt8(ascii: "}")
    }

    /// `{name}`, `{obj.attr}`, `{x!r}`, `{x:>10}` not part of `{{`/`}}`.
    private static func isSingleField(_ bytes: [UInt8], _ open: Int) -> Bool {
        if open > 0, bytes[open - 1] == UInt8(ascii: "{") { return false }
        var j = open + 1
        guard j < bytes.count, bytes[j] == UInt8(ascii: "_") || isLetter(bytes[j]) else { return false }
        while j < bytes.count, bytes[j] == UInt8(ascii: "_") || bytes[j] == UInt8(ascii: ".") || isLetter(bytes[j])
            || (bytes[j] >= 0x30 && bytes[j] <= 0x39)
        {
            j += 1
        }
        if j < bytes.count, bytes[j] == UInt8(ascii: "!") || bytes[j] == UInt8(ascii: ":") {
            while j < bytes.count, j - open < 40, bytes[j] != UInt8(ascii: "}"), bytes[j] != 0x0A { j += 1 }
        }
        guard j < bytes.count, bytes[j] == UInt8(ascii: "}") else { return false }
        return !(j + 1 < bytes.count && bytes[j + 1] == UInt8(ascii: "}"))
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// Keys at column 1 of a YAML document (`key: value`) with their inline values, without parsing it.
    static func topLevelYAMLKeys(_ text: String) -> [String: String] {
        var keys: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let first = line.first, first != " ", first != "\t", first != "#", first != "-" else { continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            guard !key.isEmpty, !key.contains(" "), keys[key] == nil else { continue }
            keys[key] = line[line.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " \"'\r"))
        }
        return keys
    }
}
