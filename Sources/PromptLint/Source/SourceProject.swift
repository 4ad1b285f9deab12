import Foundation

/// What reading a checked folder's source files together gives, beyond reading each alone: each source
/// file's prompts with names imported from the folder's other modules resolved, and the variables of
/// template files that code loads and renders, with the provenance of the values passed at the call.
struct SourceProject: Sendable {
    /// One source file of the folder.
    struct File: Sendable {
        /// Path relative to the checked folder (`/`-separated), as reported in messages.
        var path: String
        /// Its bytes.
        var data: Data
        /// True when it is read for prompts (otherwise it only supplies definitions and template uses).
        var isPrompt: Bool
    }

    /// Source files read with the other modules in view, by relative path.
    private(set) var templates: [String: PromptTemplate] = [:]
    /// Template files' variables given provenance by code that renders them: relative path → variable → class.
    private(set) var linkedSlots: [String: [String: SlotClass]] = [:]
    /// Fields of data files that code loads and fills as prompts: relative path → keys.
    private(set) var linkedFields: [String: Set<String>] = [:]
    /// Template files that code sends as the system message before the conversation: relative path →
    /// the conversation's slot in that code.
    private(set) var linkedConversations: [String: TemplateSlot] = [:]
    /// Template files that code loads only through a rendering helper called without values, or fills only by
    /// `.replace` of named placeholders: relative path → the load. Their other placeholders are sent as written.
    private(set) var unfilledTemplates: [String: UnfilledLoad] = [:]

    /// Languages by extension; nil for files that are not Python or TypeScript/JavaScript.
    static func language(of path: String) -> SourceLanguage? {
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "ipynb" { return .python }
        guard SourceSniff.sourceExtensions.contains(ext) else { return nil }
        return ext == "py" || ext == "pyi" ? .python : .script
    }

    /// The format a source file of `path` is reported in.
    static func format(of path: String) -> TemplateFormat {
        let ext = (path as NSString).pathExtension.lowercased()
        return ext == "ipynb" ? .notebook : language(of: path) == .python ? .python : .typescript
    }

    /// Reads `files` once each, resolves imports among them, reads the prompt files, and links the
    /// template files (paths relative to the same folder) that code loads.
    init(files: [File], templateFiles: [String], templateText: (String) -> String? = { _ in nil }) {
        let modules = SourceModules()
        // Files that may fill a template file: prompt files, and others that mention a loader.
        var renderers: [String] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            guard let language = Self.language(of: file.path) else { continue }
            modules.add(file.data, language: language, path: file.path)
            if file.isPrompt || Self.loaderWords.contains(where: { file.data.range(of: Data($0.utf8)) != nil }) {
                renderers.append(file.path)
            }
        }
        var sources: [String: Data] = [:]
        // A notebook's lifetime markers are in its Python, not its JSON.
        for file in files where Self.language(of: file.path) != nil { sources[file.path] = modules.text(at: file.path) }
        modules.lifetimes = ProgramLifetimes(sources)
        let functionLinks = Self.functionLinks(modules, files: files)
        for file in files where file.isPrompt {
            guard let analysis = modules.analysis(at: file.path) else { continue }
            var template = SourceReader.read(
                analysis, format: Self.format(of: file.path),
                linkedFunctions: functionLinks[file.path] ?? [:])
            template.path = file.path
            templates[file.path] = template
        }
        for (path, template) in Self.helperCallers(modules, files: files) { templates[path] = template }
        if !templateFiles.isEmpty {
            let rendered: [String: [Int: String]]
            (linkedSlots, linkedFields, linkedConversations, unfilledTemplates, rendered) = Self.links(
                modules, renderers: renderers, templateFiles: templateFiles, templateText: templateText)
            for (path, calls) in rendered { templates[path] = templates[path].map { Self.handingOver($0, calls) } }
        }
    }

    /// `template` with the slots at the lines of `calls` (line → template file) made constant: each is a
    /// rendered template file whose volatile values, and the conversation sent after it, are reported at
    /// the template's own slots (naming this call), so the call is not reported again.
    private static func handingOver(_ template: PromptTemplate, _ calls: [Int: String]) -> PromptTemplate {
        var out = template
        for m in out.messages.indices {
            for k in out.messages[m].segments.indices {
                guard case .slot(var s) = out.messages[m].segments[k], let file = calls[s.position.line] else { continue }
                s.provenance = SlotClass(volatility: .constant, kind: .value, reason: "renders \(file), whose values are reported there")
                out.messages[m].segments[k] = .slot(s)
            }
        }
        return out
    }

    /// Source files not read for prompts that send a request through a helper of a prompt file
    /// (`SourceHelperRequests`: `generateResponse([...memory, ...history])`), read as prompt files. Only
    /// files whose text names such a helper are parsed.
    private static func helperCallers(_ modules: SourceModules, files: [File]) -> [String: PromptTemplate] {
        var helpers: Set<String> = []
        for file in files where file.isPrompt {
            guard let analysis = modules.analysis(at: file.path) else { continue }
            for (name, function) in analysis.module.functions
            where analysis.messagesParameter(of: function) != nil || analysis.messagesField(of: function) != nil
                || analysis.bodyParameter(of: function) != nil
            {
                helpers.insert(name)
            }
        }
        guard !helpers.isEmpty else { return [:] }
        let needles = helpers.sorted().map { Data(($0 + "(").utf8) }
        var out: [String: PromptTemplate] = [:]
        for file in files where !file.isPrompt && needles.contains(where: { file.data.range(of: $0) != nil }) {
            guard let analysis = modules.analysis(at: file.path), !analysis.helperRequests().isEmpty else { continue }
            var template = SourceReader.read(analysis, format: Self.format(of: file.path))
            template.path = file.path
            out[file.path] = template
        }
        return out
    }

    /// Functions of prompt files whose output a request of another prompt file sends before the
    /// conversation (`SourceCrossFileCalls`, `SourceDynamicPrompts`): path → function scope → that conversation (the first found,
    /// files in path order).
    private static func functionLinks(_ modules: SourceModules, files: [File]) -> [String: [Int: TemplateSlot]] {
        var out: [String: [Int: TemplateSlot]] = [:]
        let prompts = Set(files.filter(\.isPrompt).map(\.path))
        for path in prompts.sorted() {
            guard let analysis = modules.analysis(at: path) else { continue }
            for (m, function, conversation) in analysis.foreignPromptFunctionsBeforeConversation() + analysis.dynamicPromptFunctions()
                + analysis.foreignMessagesBeforeReceivedConversation()
            where prompts.contains(m.path) && out[m.path]?[function] == nil {
                out[m.path, default: [:]][function] = conversation
            }
        }
        // A linked function whose text opens with another prompt module's function (`return
        // get_base_prompt() + SCHEMA`) sends that one's output before the same conversation.
        var pending = out.flatMap { path, functions in functions.map { (path, $0.key, $0.value) } }
        while let (path, function, conversation) = pending.popLast() {
            guard let analysis = modules.analysis(at: path), let (m, opening) = analysis.openingForeignFunction(of: function),
                prompts.contains(m.path), out[m.path]?[opening] == nil
            else { continue }
            out[m.path, default: [:]][opening] = conversation
            pending.append((m.path, opening, conversation))
        }
        return out
    }

    /// Words one of which a source file not read for prompts must contain to be parsed for template uses
    /// (`SourceTemplateLinks.loadedFile`); prompt files are parsed anyway. Kept specific: most files call
    /// `open(`, so it alone would parse nearly every file of a repository.
    static let loaderWords = [
        "get_template", "read_text", ".read().", "readFileSync", "Template(", "read_yaml", "load_yaml", "_prompt(", "Prompt(",
        "addFunction(",
    ]

    /// True for a prompt-folder template whose prompt manager also calls the template functions code
    /// registers by name (`SourceTemplateFunctions`): Semantic Kernel's layout, `prompts/<name>/skprompt.txt`.
    static func callsTemplateFunctions(_ path: String) -> Bool {
        FormatRegistry.descriptor(.semanticKernelPrompt).fileNames.contains((path as NSString).lastPathComponent.lowercased())
    }

    /// For every template use in code, the template files its pattern matches and the most volatile
    /// value passed for each variable (constants are not linked: a value this pass cannot trace is not
    /// evidence that a template's variable is constant).
    private static func links(_ modules: SourceModules, renderers: [String], templateFiles: [String], templateText: (String) -> String?)
        -> ([String: [String: SlotClass]], [String: Set<String>], [String: TemplateSlot], [String: UnfilledLoad], [String: [Int: String]])
    {
        // Top-level keys of the YAML template files, read when a use names its file only by the keys it reads.
        var yamlKeys: [String: Set<String>]?
        func files(withKeys keys: Set<String>) -> [String] {
            if yamlKeys == nil {
                var found: [String: Set<String>] = [:]
                for file in templateFiles where ["yaml", "yml"].contains((file as NSString).pathExtension.lowercased()) {
                    if let text = templateText(file) { found[file] = SourceAnalysis.topLevelYAMLKeys(text) }
                }
                yamlKeys = found
            }
            return templateFiles.filter { yamlKeys?[$0].map(keys.isSubset) ?? false }
        }
        // Files loaded without values (path → the load), and files some use fills.
        var unfilled: [String: UnfilledLoad] = [:]
        var filled: Set<String> = []
        // Files some use fills only by `.replace` of named placeholders, and files some other fill may fill anywhere.
        var replacedOnly: [String: UnfilledLoad] = [:]
        var filledAnywhere: Set<String> = []
        var out: [String: [String: SlotClass]] = [:]
        // Calls whose template file gets a volatile value and the conversation after it: path → line → file.
        var rendered: [String: [Int: String]] = [:]
        var fields: [String: Set<String>] = [:]
        var conversations: [String: TemplateSlot] = [:]
        // Template files' texts, read once each when a use matches several files.
        var texts: [String: String] = [:]
        /// True when the template file at `file` has `name` in its text (a placeholder of that name).
        func mentions(_ file: String, _ name: String) -> Bool {
            if texts[file] == nil { texts[file] = templateText(file) ?? "" }
            return texts[file]?.contains(name) == true
        }
        // Template functions are called by name from any prompt-folder template of the project.
        let folders = templateFiles.filter(callsTemplateFunctions)
        /// Links `slot`'s traced provenance, said to come from `how` in `path`, to `name` in each of `files`,
        /// keeping the more volatile value where another use already linked one.
        func link(_ slot: TemplateSlot, as name: String, how: String, path: String, to files: [String]) {
            guard var provenance = slot.provenance else { return }
            provenance.reason = how + ": " + provenance.reason.replacingOccurrences(of: " at line ", with: " at \(path) line ")
            provenance.origin = RelatedLocation(slot.position, snippet: slot.source, path: path)
            for file in files where (out[file]?[name]?.volatility).map({ $0 < provenance.volatility }) ?? true {
                out[file, default: [:]][name] = provenance
            }
        }
        for path in renderers {
            guard let analysis = modules.analysis(at: path) else { continue }
            for use in analysis.templateUses() {
                let matched = use.keys.isEmpty
                    ? TemplatePattern(use.pattern, from: SourceModules.directory(of: path)).map { p in templateFiles.filter(p.matches) } ?? []
                    : files(withKeys: use.keys)
                guard !matched.isEmpty else { continue }
                if use.unfilled {
                    if matched.count == 1, unfilled[matched[0]] == nil { unfilled[matched[0]] = UnfilledLoad(load: "\(path) line \(use.line)") }
                    continue
                }
                filled.formUnion(matched)
                if let name = use.replaced {
                    for file in matched { replacedOnly[file, default: UnfilledLoad(load: "\(path) line \(use.line)")].filled.insert(name) }
                } else {
                    filledAnywhere.formUnion(matched)
                }
                if let field = use.field { for file in matched { fields[file, default: []].insert(field) } }
                if var conversation = use.conversation {
                    conversation.provenance?.reason = "the conversation \(path) line \(use.line) sends after this prompt"
                    for file in matched where conversations[file] == nil { conversations[file] = conversation }
                }
                for (name, slot) in use.values {
                    guard let provenance = slot.provenance, provenance.evidence == .evidence,
                        provenance.volatility != .constant, provenance.volatility != .unknown
                    else { continue }
                    link(slot, as: name, how: "`\(name)` is passed by \(path) line \(use.line)", path: path, to: matched)
                    // Files matched by the keys read all have the rendered field; a loader's computed name
                    // (`prompts/{self.name}.md`) renders every matched file that has the variable, each reported
                    // at its own slot.
                    if use.conversation != nil, matched.count == 1 || !use.keys.isEmpty || matched.allSatisfy({ mentions($0, name) }) {
                        rendered[path, default: [:]][use.line] = matched.joined(separator: ", ")
                    }
                }
            }
            for (name, slot, line) in folders.isEmpty ? [] : analysis.templateFunctions() {
                link(slot, as: name, how: "`\(name)` is a template function registered by \(path) line \(line)", path: path, to: folders)
            }
        }
        // `prompt.replace("{PHONE}", phone)` as the only fill: the file's other brace groups are literal text.
        let partlyFilled = replacedOnly.filter { !filledAnywhere.contains($0.key) }
        return (out, fields, conversations, unfilled.filter { !filled.contains($0.key) }.merging(partlyFilled) { a, _ in a }, rendered)
    }
}

/// A loaded file's name as code writes it, matched against template files' paths: literal parts kept,
/// computed parts match one path component's characters. A pattern with no folder that is not an exact
/// name (`*.md`) matches only below the loading module's folder.
struct TemplatePattern {
    private let regex: NSRegularExpression
    private let folder: String?

    init?(_ pattern: String, from directory: String) {
        var parts = pattern.split(separator: "/").map(String.init).filter { $0 != "." && !$0.isEmpty }
        // Leading computed folders (`Path(__file__).parent`, a base directory) say nothing.
        while let first = parts.first, first.allSatisfy({ $0 == "*" }) || first == ".." { parts.removeFirst() }
        guard let last = parts.last, last.contains(where: { $0 != "*" && $0 != "." }) else { return nil }
        let body = parts.map { part in
            part.split(separator: "*", omittingEmptySubsequences: false)
                .map { NSRegularExpression.escapedPattern(for: String($0)) }.joined(separator: "[^/]*")
        }.joined(separator: "/")
        guard let regex = try? NSRegularExpression(pattern: "(^|/)" + body + "$") else { return nil }
        self.regex = regex
        folder = parts.count == 1 && last.contains("*") ? directory : nil
    }

    /// True when the template file at `path` (relative) is one the pattern names.
    func matches(_ path: String) -> Bool {
        if let folder, !folder.isEmpty, !path.hasPrefix(folder + "/") { return false }
        return regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
    }
}
