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
        // LiveKit Agents: a voice agent's `Agent(instructions=…)`, or a subclass passing them to `super().__init__`.
        "livekit.agents",
    ]
    /// Name fragments (lower-cased) that mark a prompt constant or parameter.
    public static let promptNames = ["system_prompt", "systemprompt", "prompt_template", "prompttemplate", "_prompt =",
                                     "_prompt:", "prompt = ", "instructions = ", "system_message", "systemmessage",
                                     "system_msg", "_prompt(", "prompt():",
                                     // Gemini's name for the system prompt (`systemInstruction:`, `system_instruction=`),
                                     // and functions that build one (`buildSystemInstruction(`).
                                     "systeminstruction", "system_instruction"]

    /// Case-sensitive fragments of camelCase prompt constants (a word ending in `Prompt`); calls are `namesPromptFunction`.
    static let camelPromptNames = ["Prompt = ", "Prompt: "]

    /// True for a module whose file name says it holds prompts (`prompts.ts`, `prompt.py`, `chat_prompts.py`,
    /// `agentPrompts.ts`), whatever its first bytes import: such a module often only loads or assembles the
    /// prompts other modules send. Components (`.tsx`, `.jsx`: a page listing saved prompts) are not.
    public static func isNamedForPrompts(_ fileName: String) -> Bool {
        guard let dot = fileName.lastIndex(of: "."), !fileName.contains("/") else { return false }
        let ext = fileName[fileName.index(after: dot)...].lowercased()
        guard sourceExtensions.contains(ext), ext != "tsx", ext != "jsx" else { return false }
        let stem = String(fileName[..<dot])
        let lower = stem.lowercased()
        if lower == "prompt" || lower == "prompts" { return true }
        return ["_prompt", "_prompts", "-prompt", "-prompts", ".prompt", ".prompts"].contains { lower.hasSuffix($0) }
            || stem.hasSuffix("Prompt") || stem.hasSuffix("Prompts")
    }

    /// True for a front-end UI component: a `.tsx` or `.jsx` file under a `components` folder that is not a
    /// prompt's parts (`prompts/components/`, `components/prompts/`: no folder named for prompts right above
    /// it or below it). Its text is mostly what the page shows, so a prompt name or a `systemInstruction`
    /// field is weak evidence there: only an LLM SDK it imports (`importsSDK`) shows that it sends a request.
    public static func isUIComponent(path: String) -> Bool {
        let parts = path.lowercased().split(separator: "/")
        guard let file = parts.last, file.hasSuffix(".tsx") || file.hasSuffix(".jsx"),
            let at = parts.dropLast().lastIndex(of: "components")
        else { return false }
        let around = parts[(at > 0 ? at - 1 : at)..<(parts.count - 1)]
        return !around.contains { $0.contains("prompt") }
    }

    /// True when `text` (the start of a source file) imports an LLM SDK or names a prompt.
    public static func buildsPrompts(_ text: String) -> Bool {
        if importsSDK(text) { return true }
        let lower = Array(text.lowercased().utf8)
        // camelCase prompt builders and constants: `buildDCOSPrompt(`, `agentPrompt = `.
        let original = Array(text.utf8)
        return promptNameBytes.contains { ByteSearch.find($0, in: lower, from: 0) != nil }
            || camelPromptNameBytes.contains { ByteSearch.find($0, in: original, from: 0) != nil }
            || namesPromptFunction(lower) || writesSystemMessage(lower)
    }

    /// True when `text` (the start of a source file) imports an LLM SDK or framework (`sdkModules`).
    public static func importsSDK(_ text: String) -> Bool {
        let lower = Array(text.lowercased().utf8)
        var lineStart = 0
        while lineStart < lower.count {
            let lineEnd = ByteSearch.find(UInt8(ascii: "\n"), in: lower, from: lineStart) ?? lower.count
            var a = lineStart
            while a < lineEnd, lower[a] == UInt8(ascii: " ") || lower[a] == UInt8(ascii: "\t") { a += 1 }
            func has(_ needle: [UInt8]) -> Bool { ByteSearch.find(needle, in: lower, from: a, to: lineEnd) != nil }
            let trimmed = lower[a..<lineEnd]
            // The last line of an import written over several lines (`import {\n  streamText,\n} from "ai";`).
            let isImport = trimmed.starts(with: importWord) || trimmed.starts(with: fromWord) || has(requireCall)
                || (trimmed.starts(with: exportWord) || trimmed.starts(with: closingBrace)) && has(fromClause)
            if isImport, sdkModuleBytes.contains(where: has) { return true }
            lineStart = lineEnd + 1
        }
        return false
    }

    // Byte needles: Foundation's `String.contains` and the standard library's generic `firstRange(of:)` each made
    // this sniff a fifth of a whole-repository run; `ByteSearch` (memchr) does not.
    private static let importWord = Array("import ".utf8), fromWord = Array("from ".utf8)
    private static let requireCall = Array("require(".utf8), exportWord = Array("export ".utf8)
    private static let fromClause = Array(" from ".utf8), closingBrace = Array("}".utf8)
    private static let sdkModuleBytes = sdkModules.map { Array($0.utf8) }
    private static let promptNameBytes = promptNames.map { Array($0.utf8) }
    private static let camelPromptNameBytes = camelPromptNames.map { Array($0.utf8) }

    /// True when the file writes a chat message with the system role (`{"role": "system", "content": …}`,
    /// `{ role: 'system', … }`), as code that talks to an LLM through its own client does.
    static func writesSystemMessage(_ lower: [UInt8]) -> Bool {
        guard ByteSearch.find(Array("role".utf8), in: lower, from: 0) != nil else { return false }
        let squeezed = lower.filter { !" \t\"'".utf8.contains($0) }
        return ByteSearch.find(Array("role:system".utf8), in: squeezed, from: 0) != nil
    }

    /// True when a function whose name ends in `prompt` is called or defined (`buildDCOSPrompt(`,
    /// `getSystemPrompt(`); a method of another object (`readline.prompt(`, `window.prompt(`) is not one.
    static func namesPromptFunction(_ lower: [UInt8]) -> Bool {
        let needle = Array("prompt(".utf8)
        var from = 0
        while let hit = ByteSearch.find(needle, in: lower, from: from) {
            if hit > 0 {
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
