import Foundation

/// Reads YAML, JSON and TOML data files that hold prompts in fields (agent configs, prompt libraries, task
/// lists): each prompt-shaped field (`system_prompt`, `instruction_template`, `prompt`, a task's
/// `content`) is its own prompt, a `messages` list is one prompt of several messages, and an object with
/// role-named fields (`system:` and `user:`) is one prompt. Each prompt gets its own `promptIndex`, so
/// it is linted as a separate request, with positions in the file.
///
/// Each field's dialect is read from its content (`{{ }}`/`{% %}` Jinja, `{{#…}}` Mustache, `{{$x}}`
/// Semantic Kernel, single-brace `{x}` str.format) or from a `template_format` sibling. Scalars set in
/// the same object or an enclosing one (and in `vars:`-like sections) are constants for the prompts
/// there: a slot whose name they set gets a constant provenance that cites the line.
enum PromptFieldsReader {
    /// The deepest nesting walked.
    private static let maxDepth = 48

    /// Reads the file; `linkedKeys` are fields that code elsewhere loads and fills
    /// (`prompt_data["content"].format(…)`), prompts by that evidence whatever their name.
    static func read(_ source: SourceText, format: TemplateFormat, linkedKeys: Set<String> = []) -> PromptTemplate {
        var issues: [ParseIssue] = []
        let root = parse(source, issues: &issues)
        var walker = Walker(file: source)
        walker.linkedKeys = linkedKeys
        // A prompt library (`FormatDetection.yaml`): each multi-line top-level string is a prompt, whatever its key.
        walker.readsLibrary = root.map { PromptFieldKeys.isPromptLibrary($0) && !PromptFieldKeys.hasPromptKeys($0) } ?? false
        walker.sink.addIssues(issues)
        if let root { walker.walk(root, key: "", scope: FileConstants(), depth: 0) }
        var template = walker.sink.template(source, format: format)
        template.messages = walker.resolve(template.messages)
        return template
    }

    /// The file's document, parsed as TOML, JSON or YAML by what its text looks like; problems become issues.
    static func parse(_ source: SourceText, issues: inout [ParseIssue]) -> DocValue? {
        if TOMLDocument.looksLikeTOML(source.bytes) { return TOMLDocument.parse(source, issues: &issues) }
        if TemplatedJSON.looksLikeJSON(source.bytes, from: 0) { return JSONScanner.parse(source, issues: &issues) }
        return YAMLSupport.parse(source, range: 0..<source.count, issues: &issues)
    }

    private struct Walker {
        let file: SourceText
        var sink = TemplateSink(defaultRole: .unknown)
        /// The constants each prompt sees, by prompt index.
        var scopes: [FileConstants] = []
        /// The arguments each prompt's record declares (`PromptRecord`), by prompt index.
        var arguments: [[String: PromptRecord.Argument]] = []
        /// Fields code fills as prompts (`read`).
        var linkedKeys: Set<String> = []
        /// True when the root is a prompt library whose multi-line top-level strings are each a prompt.
        var readsLibrary = false

        /// Keys that name a message's role when an object holds one string per role.
        static let roleKeys: Set<String> = ["system", "developer", "user", "human", "assistant"]

        init(file: SourceText) { self.file = file }

        mutating func walk(_ value: DocValue, key: String, scope: FileConstants, depth: Int) {
            guard depth < maxDepth else { return }
            switch value {
            case .object(let pairs, _):
                let inner = scope.adding(pairs, file: file)
                if compositePrompt(value, scope: inner) || rolePrompt(pairs, scope: inner) { return }
                let syntax = pairs.first { ["template_format", "format", "template_engine"].contains($0.key) }?.value.string
                let isMessage = pairs.contains { $0.key == "role" }
                let declared = PromptRecord.arguments(of: value, file: file)
                for pair in pairs {
                    if case .string(let text) = pair.value,
                        PromptFieldKeys.isPromptField(pair.key) || (pair.key == "content" && depth > 0)
                            || (!declared.isEmpty && PromptRecord.bodyKeys.contains(pair.key))
                            || (depth == 0 && PromptRecord.bodyKeys.contains(pair.key) && PromptRecord.isRecord(value))
                            || PromptFieldKeys.isPromptSection(key) || linkedKeys.contains(pair.key)
                            || (depth == 0 && readsLibrary && PromptFieldKeys.isMultiLineString(pair.value)),
                        PromptFieldKeys.looksLikePrompt(text.value)
                    {
                        let role = isMessage ? RoleNames.role(value["role"]?.string ?? "") ?? .unknown
                            : PromptFieldKeys.role(forField: pair.key)
                        prompt([(role, text, value.offset)], syntax: syntax, scope: inner, arguments: declared)
                    } else if PromptFieldKeys.messageListNames.contains(pair.key), let items = pair.value.elements,
                        ChatJSONReader.isMessageArray(items)
                    {
                        messageList(items, syntax: syntax, scope: inner)
                    } else if !PromptFieldKeys.variableSections.contains(pair.key) {
                        walk(pair.value, key: pair.key, scope: inner, depth: depth + 1)
                    }
                }
            case .array(let items, _):
                if ChatJSONReader.isMessageArray(items), items.contains(where: { $0["content"]?.string != nil }) {
                    messageList(items, syntax: nil, scope: scope)
                    return
                }
                for item in items { walk(item, key: key, scope: scope, depth: depth + 1) }
            case .string(let text):
                // A list of prompts under a prompt-shaped key (`prompts: ["…", "…"]`).
                if PromptFieldKeys.isPromptField(key) || key == "prompts", PromptFieldKeys.looksLikePrompt(text.value) {
                    prompt([(PromptFieldKeys.role(forField: key), text, text.offset)], syntax: nil, scope: scope)
                }
            case .scalar, .template:
                return
            }
        }

        /// An object whose fields together make one prompt (a CrewAI agent or task), one message per field.
        private mutating func compositePrompt(_ object: DocValue, scope: FileConstants) -> Bool {
            guard let shape = PromptFieldKeys.composites.first(where: { object[$0.marker]?.string != nil }) else { return false }
            var parts: [(MessageRole, DocString, Int)] = []
            for field in shape.fields {
                if case .string(let text)? = object[field] { parts.append((shape.role, text, text.offset)) }
            }
            prompt(parts, syntax: nil, scope: scope)
            return true
        }

        /// An object whose role-named string fields (`system:`, `user:`) make one prompt of several messages.
        private mutating func rolePrompt(_ pairs: [(key: String, value: DocValue)], scope: FileConstants) -> Bool {
            var parts: [(MessageRole, DocString, Int)] = []
            for pair in pairs {
                guard case .string(let text) = pair.value, Self.roleKeys.contains(pair.key.lowercased()),
                    let role = RoleNames.role(pair.key)
                else { continue }
                parts.append((role, text, text.offset))
            }
            guard parts.count >= 2, parts.contains(where: { PromptFieldKeys.looksLikePrompt($0.1.value) }) else { return false }
            prompt(parts, syntax: nil, scope: scope)
            return true
        }

        private mutating func messageList(_ items: [DocValue], syntax: String?, scope: FileConstants) {
            var parts: [(MessageRole, DocString, Int)] = []
            for item in items {
                guard case .string(let text)? = item["content"] else { continue }
                parts.append((RoleNames.role(item["role"]?.string ?? "") ?? .unknown, text, item.offset))
            }
            if !parts.isEmpty { prompt(parts, syntax: syntax, scope: scope) }
        }

        /// Adds one prompt (one request) made of `parts`, each a message.
        private mutating func prompt(
            _ parts: [(MessageRole, DocString, Int)], syntax declared: String?, scope: FileConstants,
            arguments declaredArguments: [String: PromptRecord.Argument] = [:]
        ) {
            sink.builder.promptIndex = scopes.count
            scopes.append(scope)
            arguments.append(declaredArguments)
            for (role, text, offset) in parts {
                sink.switchRole(role, at: file.position(min(offset, text.offset)))
                var (syntax, certain) = declared.map { (BodySyntax.named($0, default: .plain), true) }
                    ?? (BodySyntax.sniff(text.value), false)
                // A record whose declared arguments are written `{{name}}` is a double-brace template: its
                // single braces are code or JSON in the text (`import { A, B }`, `f"{x}"`), not fields.
                if declared == nil, syntax == .fstring, PromptRecord.writesDoubleBraced(declaredArguments.values, in: text.value) {
                    syntax = BodySyntax.sniff(text.value, ignoringSingleBraces: true)
                }
                // A guessed dialect's complaints are not errors in a data file: the value may be plain text.
                sink.keepsIssues = certain || syntax == .jinja || syntax == .mustache
                syntax.scan(text.source(in: file), into: &sink)
                sink.keepsIssues = true
            }
            sink.builder.endMessage()
        }

        /// Gives slots set by a constant in their prompt's scope that constant's provenance.
        func resolve(_ messages: [TemplateMessage]) -> [TemplateMessage] {
            messages.map { message in
                guard message.promptIndex < scopes.count else { return message }
                let scope = scopes[message.promptIndex]
                var message = message
                message.segments = message.segments.map { segment in
                    guard case .slot(var slot) = segment, slot.provenance == nil,
                        let found = scope.provenance(of: slot) ?? declaredArgument(of: slot, in: message.promptIndex)
                    else { return segment }
                    slot.provenance = found
                    if slot.isLoop { slot.iterations = scope.constant(for: slot)?.count }
                    return .slot(slot)
                }
                return message
            }
        }

        /// The provenance of a slot that reads an argument its prompt's record declares.
        private func declaredArgument(of slot: TemplateSlot, in promptIndex: Int) -> SlotClass? {
            guard !slot.isInclude, !slot.isLoop, promptIndex < arguments.count, !arguments[promptIndex].isEmpty else { return nil }
            let head = NameTokens.head(of: slot.expression).trimmingCharacters(in: CharacterSet(charactersIn: "$ "))
            let root = head.split(separator: ".").first.map(String.init) ?? head
            for name in [slot.variable, head, root].compactMap({ $0?.lowercased() }) {
                if let argument = arguments[promptIndex][name] { return PromptRecord.provenance(argument) }
            }
            return nil
        }
    }
}

extension BodySyntax {
    /// The dialect a prompt's text is written in, from its placeholders: `{{$` Semantic Kernel,
    /// `{{#`/`{{^`/`{{/` Mustache, `{%`/`{#` or `{{ }}` Jinja, single-brace fields str.format, else plain.
    static func sniff(_ text: String, ignoringSingleBraces: Bool = false) -> BodySyntax {
        let detected = FormatDetection.sniff(text, markdown: true)
        switch ignoringSingleBraces && detected == .fstring ? .jinja : detected {
        case .semanticKernelPrompt: return .semanticKernel
        case .jinja:
            let bytes = Array(text.utf8)
            var i = 0
            while let open = ByteSearch.find(Array("{{".utf8), in: bytes, from: i) {
                if open + 2 < bytes.count, [UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "/")].contains(bytes[open + 2]) {
                    return .mustache
                }
                i = open + 2
            }
            return .jinja
        case .fstring: return .fstring
        default: return .plain
        }
    }
}
