/// Naming conventions that mark a slot as fixed per deployment even though one of its words sounds
/// per-request: object attributes set at construction (`self.role`), ALL-CAPS settings (`WINDOW`),
/// examples (`sample_conversation`), documentation (`tool_docs`) and instructions (`general_instructions`).
/// Like every name rule, these are guesses (`SlotEvidence.name`).
extension SlotClassifier {
    /// The class a convention gives `name`, or nil when none applies.
    func conventionClass(tokens: [String], name: String) -> SlotClass? {
        let set = Set(tokens)
        let quoted = "`\(name)`"
        let volatileWords = VolatilityKeywords.instant.union(VolatilityKeywords.calendar).union(VolatilityKeywords.random)
        guard set.isDisjoint(with: volatileWords) else { return nil }
        let root = name.split(separator: ".").first.map { String($0) } ?? name
        if ["self", "this", "cls"].contains(root), tokens.count >= 2 {
            return constant("\(quoted) is an attribute of the object, set when it is constructed")
        }
        let perRequestWords = VolatilityKeywords.input.union(VolatilityKeywords.history).union(VolatilityKeywords.documents)
            .union(VolatilityKeywords.user)
        let letters = name.filter(\.isLetter)
        if letters.count >= 2, letters.allSatisfy(\.isUppercase) {
            // `CHARACTER_NAME`, `GUILD_NAME`: the name of a thing, not of the user (`namesAnotherThing`).
            let thingName = Self.namesAnotherThing(tokens: tokens) && set.intersection(perRequestWords) == ["name"]
            if set.isDisjoint(with: perRequestWords) || thingName {
                return constant("\(quoted) is written in capitals, as settings are")
            }
            // `WEB_APP_DIR`, `DOCS_PATH`, `SEARCH_URL`: a place the deployment sets (a folder, a path, an
            // address), not the content of what is there, whatever the words before it name.
            if tokens.count >= 2, let last = tokens.last, Self.placeNouns.contains(last) {
                return constant("\(quoted) is written in capitals and names a place (a folder, a path or an address), as settings do")
            }
        }
        let exampleWords: Set<String> = ["sample", "samples", "example", "examples", "demo", "demonstration", "fewshot"]
        if !set.isDisjoint(with: exampleWords), tokens.count >= 2 {
            return constant("\(quoted) names an example written for the prompt")
        }
        if let first = tokens.first, tokens.count >= 2, ["num", "number", "count"].contains(first),
            set.isDisjoint(with: VolatilityKeywords.user)
        {
            return constant("\(quoted) names a count, which configuration sets")
        }
        let markup: Set<String> = ["tag", "tags", "delimiter", "delimiters", "fence", "separator"]
        if let last = tokens.last, markup.contains(last),
            !set.isDisjoint(with: ["opening", "closing", "open", "close", "start", "end", "begin", "block", "code"])
        {
            return constant("\(quoted) names markup the application writes around content")
        }
        // `system_prompt`, `systemMessage`, `sys_prompt_text`: the system prompt, the application's own
        // instructions (what providers cache first), not the request's input its `prompt` word suggests.
        if let first = tokens.first, ["system", "sys"].contains(first), tokens.count >= 2, tokens.count <= 3,
            !set.isDisjoint(with: ["prompt", "prompts", "message", "msg"]),
            set.isDisjoint(with: perRequestWords.subtracting(["prompt", "prompts", "message", "text", "content"]))
        {
            return constant("\(quoted) names the system prompt, the application's own instructions")
        }
        // `system_prompt_context`, `system_prompt_config`: the settings the application builds its system prompt
        // from (an object of prefix, suffix and runtime fields), not content retrieved for the request.
        if tokens.count == 3, ["system", "sys"].contains(tokens[0]), ["prompt", "message"].contains(tokens[1]),
            ["context", "config", "settings", "options"].contains(tokens[2])
        {
            return constant("\(quoted) names the settings of the system prompt, the application's own")
        }
        if let last = tokens.last, tokens.count >= 2, set.isDisjoint(with: Self.documentQualifiers),
            ["docs", "doc", "documentation", "manual", "reference"].contains(last)
        {
            return constant("\(quoted) names documentation that ships with the application")
        }
        if Self.namesInstructions(tokens: tokens) {
            return constant("\(quoted) names instructions written for the application")
        }
        return nil
    }

    /// Words that make a name's documents or instructions retrieved or the user's, not the application's own.
    private static let documentQualifiers = VolatilityKeywords.retrievalQualifiers.union(["context", "rag", "user", "uploaded"])

    /// True when the words of a name call it instructions written for the application (`style_instruction`,
    /// `safety_guidelines`; not `user_instructions`). Only a guess from the last word: a value the code shows
    /// computed from the request's input (`SourceRequestInputs`) is judged by that instead.
    static func namesInstructions(tokens: [String]) -> Bool {
        guard let last = tokens.last, tokens.count >= 2 else { return false }
        let set = Set(tokens)
        return set.isDisjoint(with: documentQualifiers) && ["instructions", "instruction", "guidelines", "rules"].contains(last)
            && set.isDisjoint(with: VolatilityKeywords.user)
    }

    /// Last words of a name that make it a location: a folder, a file path or an address.
    static let placeNouns: Set<String> = [
        "dir", "dirs", "directory", "folder", "path", "paths", "root", "url", "uri", "host", "endpoint", "bucket",
    ]

    private func constant(_ reason: String) -> SlotClass {
        SlotClass(volatility: .constant, kind: .value, reason: reason, evidence: .name)
    }
}
