/// A cheap test of whether a source file builds LLM prompts, for `DiscoveryRole.sourceCode`: it
/// imports an LLM SDK or framework, or names a prompt (`SYSTEM_PROMPT`, `prompt_template`).
/// Hand-written: a byte search over the file's first bytes, no parsing.
public enum SourceSniff {
    /// Extensions of source files: a format claiming them is read only when `buildsPrompts` says so,
    /// unless its descriptor sets another `DiscoveryRole`.
    public static let sourceExtensions: Set<String> = ["py", "pyi", "ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts"]

    /// Module names whose import marks a file that talks to an LLM.
    public static let sdkModules = [
        "openai", "anthropic", "langchain", "litellm", "llama_index", "llama-index", "@ai-sdk", "\"ai\"", "'ai'",
        "google.generativeai", "google.genai", "@google/genai", "@google/generative-ai", "mistralai", "cohere",
        "groq", "ollama", "dspy", "instructor", "semantic_kernel", "guidance", "transformers", "vertexai",
        "@anthropic-ai", "@langchain", "genkit", "autogen", "crewai", "haystack", "pydantic_ai", "@openai/agents",
    ]
    /// Name fragments (lower-cased) that mark a prompt constant or parameter.
    public static let promptNames = ["system_prompt", "systemprompt", "prompt_template", "prompttemplate", "_prompt =",
                                     "_prompt:", "prompt = ", "instructions = ", "system_message", "systemmessage",
                                     "system_msg", "_prompt(", "prompt():"]

    /// Case-sensitive fragments of camelCase prompt constants (a word ending in `Prompt`); calls are `namesPromptFunction`.
    static let camelPromptNames = ["Prompt = ", "Prompt: "]

    /// True when `text` (the start of a source file) imports an LLM SDK or names a prompt.
    public static func buildsPrompts(_ text: String) -> Bool {
        let lower = Array(text.lowercased().utf8)
        var lineStart = 0
        while lineStart < lower.count {
            let lineEnd = lower[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? lower.count
            var a = lineStart
            while a < lineEnd, lower[a] == UInt8(ascii: " ") || lower[a] == UInt8(ascii: "\t") { a += 1 }
            let trimmed = lower[a..<lineEnd]
            let isImport = trimmed.starts(with: importWord) || trimmed.starts(with: fromWord)
                || has(trimmed, requireCall) || trimmed.starts(with: exportWord) && has(trimmed, fromClause)
            if isImport, sdkModuleBytes.contains(where: { has(trimmed, $0) }) { return true }
            lineStart = lineEnd + 1
        }
        // camelCase prompt builders and constants: `buildDCOSPrompt(`, `agentPrompt = `.
        let original = Array(text.utf8)
        return promptNameBytes.contains { has(lower[...], $0) } || camelPromptNameBytes.contains { has(original[...], $0) }
            || namesPromptFunction(lower) || writesSystemMessage(lower)
    }

    private static let importWord = Array("import ".utf8), fromWord = Array("from ".utf8)
    private static let requireCall = Array("require(".utf8), exportWord = Array("export ".utf8)
    private static let fromClause = Array(" from ".utf8)
    private static let sdkModuleBytes = sdkModules.map { Array($0.utf8) }
    private static let promptNameBytes = promptNames.map { Array($0.utf8) }
    private static let camelPromptNameBytes = camelPromptNames.map { Array($0.utf8) }

    /// Whether `needle` occurs in `bytes`. Hand-written: Foundation's `String.contains` and the standard library's
    /// generic `firstRange(of:)` each made this sniff a fifth of a whole-repository run.
    static func has(_ bytes: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= bytes.count else { return needle.isEmpty }
        var i = bytes.startIndex
        let last = bytes.endIndex - needle.count
        while i <= last {
            guard let hit = bytes[i...last].firstIndex(of: first) else { return false }
            var k = 1
            while k < needle.count, bytes[hit + k] == needle[k] { k += 1 }
            if k == needle.count { return true }
            i = hit + 1
        }
        return false
    }

    /// True when the file writes a chat message with the system role (`{"role": "system", "content": …}`,
    /// `{ role: 'system', … }`), as code that talks to an LLM through its own client does.
    static func writesSystemMessage(_ lower: [UInt8]) -> Bool {
        guard has(lower[...], Array("role".utf8)) else { return false }
        let squeezed = lower.filter { !" \t\"'".utf8.contains($0) }
        return has(squeezed[...], Array("role:system".utf8))
    }

    /// True when a function whose name ends in `prompt` is called or defined (`buildDCOSPrompt(`,
    /// `getSystemPrompt(`); a method of another object (`readline.prompt(`, `window.prompt(`) is not one.
    static func namesPromptFunction(_ lower: [UInt8]) -> Bool {
        let needle = Array("prompt(".utf8)
        var from = 0
        while from + needle.count <= lower.count, let hit = lower[from...].firstIndex(of: needle[0]) {
            if hit + needle.count <= lower.count, lower[hit..<hit + needle.count].elementsEqual(needle), hit > 0 {
                let before = lower[hit - 1]
                if before >= UInt8(ascii: "a") && before <= UInt8(ascii: "z") || before >= UInt8(ascii: "0") && before <= UInt8(ascii: "9") || before >= 0x80 {
                    return true
                }
            }
            from = hit + 1
        }
        return false
    }
}
