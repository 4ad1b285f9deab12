/// A prompt-library record in a JSON or YAML data file: an object whose `content` string is a template
/// and which declares the arguments that fill it (`variables`, `arguments`, `input_variables`: a list of
/// names or of objects with a `name`) or flags itself as a template (`isTemplate: true`). MCP prompt
/// servers and prompt libraries store prompts this way and fill the declared arguments with the caller's
/// values each time the prompt is used, so a slot named by one is a per-invocation input.
enum PromptRecord {
    /// Keys of a record whose string is the template.
    static let bodyKeys: Set<String> = ["content"]
    /// Keys of a record that list the arguments the template takes.
    static let argumentKeys: Set<String> = ["variables", "arguments", "input_variables", "inputs", "parameters"]
    /// Keys of a record that say whether its content is a template.
    private static let flagKeys: Set<String> = ["istemplate", "is_template"]

    /// One declared argument: its name and the 1-based line where the record declares it.
    struct Argument {
        /// The name as declared.
        var name: String
        /// Where it is declared.
        var line: Int
        /// The key of the list that declares it (`variables`).
        var list: String
    }

    /// True when `object` is a prompt record: a prompt-like `content` string with declared arguments or a
    /// true template flag.
    static func isRecord(_ object: DocValue) -> Bool {
        guard let pairs = object.pairs,
            pairs.contains(where: { bodyKeys.contains($0.key) && $0.value.string.map(PromptFieldKeys.looksLikePrompt) == true })
        else { return false }
        let flagged = pairs.contains { flagKeys.contains($0.key.lowercased()) && $0.value.string?.lowercased() == "true" }
        return flagged || !declaredNames(pairs).isEmpty
    }

    /// The arguments `object` declares, by lower-cased name; empty when it is not a prompt record.
    static func arguments(of object: DocValue, file: SourceText) -> [String: Argument] {
        guard isRecord(object), let pairs = object.pairs else { return [:] }
        var found: [String: Argument] = [:]
        for (list, name, offset) in declaredNames(pairs) where found[name.lowercased()] == nil {
            found[name.lowercased()] = Argument(name: name, line: file.position(offset).line, list: list)
        }
        return found
    }

    /// The names in the record's argument lists, with the list's key and each name's offset.
    private static func declaredNames(_ pairs: [(key: String, value: DocValue)]) -> [(String, String, Int)] {
        var names: [(String, String, Int)] = []
        for pair in pairs where argumentKeys.contains(pair.key.lowercased()) {
            for item in pair.value.elements ?? [] {
                if let name = item.string ?? item["name"]?.string, isIdentifier(name) {
                    names.append((pair.key, name, item.offset))
                }
            }
        }
        return names
    }

    /// True for a variable name (`project_name`, `sampleRate`), not a sentence.
    private static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_", text.count <= 64 else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
    }

    /// True when some of `arguments` is written double-braced in `text` (`{{name}}`, `{{ name }}`).
    static func writesDoubleBraced(_ arguments: some Sequence<Argument>, in text: String) -> Bool {
        arguments.contains { text.contains("{{" + $0.name) || text.contains("{{ " + $0.name) }
    }

    /// The provenance of a slot that reads the declared argument `argument`.
    static func provenance(_ argument: Argument) -> SlotClass {
        SlotClass(
            volatility: .perRequest, kind: .input,
            reason: "`\(argument.name)` is an argument the prompt record declares (`\(argument.list)`, line \(argument.line)), filled by the caller each time the prompt is used")
    }
}
