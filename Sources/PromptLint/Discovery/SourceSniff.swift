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
        let lower = text.lowercased()
        for line in lower.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            let isImport = trimmed.hasPrefix("import ") || trimmed.hasPrefix("from ") || trimmed.contains("require(")
                || trimmed.hasPrefix("export ") && trimmed.contains(" from ")
            if isImport, sdkModules.contains(where: { trimmed.contains($0) }) { return true }
        }
        // camelCase prompt builders and constants: `buildDCOSPrompt(`, `agentPrompt = `.
        return promptNames.contains { lower.contains($0) } || camelPromptNames.contains { text.contains($0) }
            || namesPromptFunction(lower) || writesSystemMessage(lower)
    }

    /// True when the file writes a chat message with the system role (`{"role": "system", "content": …}`,
    /// `{ role: 'system', … }`), as code that talks to an LLM through its own client does.
    static func writesSystemMessage(_ lower: String) -> Bool {
        lower.contains("role") && lower.filter { !" \t\"'".contains($0) }.contains("role:system")
    }

    /// True when a function whose name ends in `prompt` is called or defined (`buildDCOSPrompt(`,
    /// `getSystemPrompt(`); a method of another object (`readline.prompt(`, `window.prompt(`) is not one.
    static func namesPromptFunction(_ lower: String) -> Bool {
        var rest = lower[...]
        while let r = rest.range(of: "prompt(") {
            if r.lowerBound > lower.startIndex, let before = lower[..<r.lowerBound].last, before.isLetter || before.isNumber {
                return true
            }
            rest = lower[r.upperBound...]
        }
        return false
    }
}
