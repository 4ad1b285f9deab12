import Foundation

/// Puts the content of included partials (`{% include "x" %}`, `{{> x}}`, a line `@sections/x.md`) in place of the include, so
/// that what a provider receives is counted: the partial's static text adds to the static content, its
/// dynamic values break the prefix at the include. Partials are read in the including template's format,
/// expanded in turn up to `maxDepth` levels; an include that would re-enter a file being expanded adds
/// nothing (a cycle), and one that cannot be found (or lies deeper than `maxDepth`) is a value of
/// unknown volatility. Hand-written: no installed package resolves template includes.
struct PartialExpansion {
    /// Where partials come from.
    let source: any PartialSource
    /// Slot classification, so each partial's values keep what its own file says about them.
    let classifier: SlotClassifier
    /// Token estimates, for counting one branch of a partial's conditionals.
    let tokenCounter: any TokenCounter
    /// Deepest nesting of includes followed.
    var maxDepth = 8
    /// Provenance for variables from code that renders the including template (`SourceProject`): an
    /// included partial renders with the same values (Jinja's `include`, Handlebars partials share the
    /// context), so its variables get it too.
    var linked: [String: SlotClass] = [:]

    /// Formats whose includes are resolved.
    static let formats = Set<TemplateFormat>([.jinja, .prompty, .handlebars, .mustache, .dotprompt, .geminiCommand])
        .union(LineIncludes.formats)

    /// `template` with its includes (and line imports, `LineIncludes`) expanded.
    func expand(_ template: PromptTemplate) -> PromptTemplate {
        guard Self.formats.contains(template.format) else { return template }
        let marked = LineIncludes.mark(template, source: source)
        guard marked.slots.contains(where: \.isInclude) else { return template }
        return expand(marked, chain: [template.path], depth: 0)
    }

    private func expand(_ template: PromptTemplate, chain: [String], depth: Int) -> PromptTemplate {
        var copy = template
        copy.messages = template.messages.map { message in
            var m = message
            m.segments = message.segments.flatMap { segment -> [TemplateSegment] in
                guard case .slot(let slot) = segment, slot.isInclude else { return [segment] }
                return inline(slot, in: template, chain: chain, depth: depth)
            }
            return m
        }
        return copy
    }

    /// The segments that stand for one include.
    private func inline(_ include: TemplateSlot, in template: PromptTemplate, chain: [String], depth: Int) -> [TemplateSegment] {
        guard let name = IncludeTarget.name(of: include, format: template.format) else { return [.slot(include)] }
        // Script and style sheets included into a page (`{% include 'js/viewer.js' %}`) are code, not prompt text.
        if IncludeTarget.isCode(name) { return [] }
        let found = IncludeTarget.candidates(name, format: template.format, includer: template.path).lazy
            .compactMap { source.load($0, includedBy: template.path) }.first
        guard let found, depth < maxDepth else {
            let why = depth < maxDepth ? "was not found" : "is nested more than \(maxDepth) includes deep"
            return [.slot(unknown(include, "the partial `\(name)` \(why), so its content is unknown"))]
        }
        if chain.contains(found.path) { return [] }
        // A line import joins files before one engine renders them; each file's own dialect is the best
        // guess at it (the including file's content alone may not show it). Template includes share the
        // including template's engine.
        let isLineImport = include.expression.hasPrefix("@")
        var partial = TemplateReading.read(path: found.path, data: found.data, format: isLineImport ? nil : template.format)
        if !linked.isEmpty { partial = PromptLinter.linking(partial, linked) }
        partial = expand(LineIncludes.mark(partial, source: source), chain: chain + [found.path], depth: depth + 1)
        let layout = CacheLayout(template: partial, classifier: classifier, tokenCounter: tokenCounter)
        return layout.items.compactMap { item -> TemplateSegment? in
            switch item.content {
            case .text(let text):
                // Text of a shorter branch or of a dynamic loop's body adds nothing to what is counted.
                return item.staticTokens > 0 ? .text(text, include.position) : nil
            case .slot(let slot, let cls):
                guard cls.isDynamic(unknownIsDynamic: true), !item.inDynamicLoop || slot.isLoop else { return nil }
                return .slot(value(slot, cls, at: include.position, from: name, file: source.shown(found.path)))
            }
        }
    }

    /// A partial's value as a plain slot at the include, keeping the class its own file gave it, and naming where
    /// it is written (`partialSite`: the line in the partial's `file`, the innermost of nested partials), so a
    /// finding at the include lists the value's own line.
    private func value(
        _ slot: TemplateSlot, _ cls: SlotClass, at position: SourcePosition, from partial: String, file: String
    ) -> TemplateSlot {
        let subject = classifier.subject(of: slot, expression: slot.expression)
        var c = cls
        // Nested partials: the innermost one, where the value is written, is named.
        if !c.reason.contains("(in the included partial") { c.reason += " (in the included partial `\(partial)`)" }
        var inlined = TemplateSlot(
            expression: subject, variable: subject, source: slot.source, position: position, provenance: c)
        inlined.partialSite = slot.partialSite ?? RelatedLocation(slot.position, snippet: slot.source, path: file)
        return inlined
    }

    private func unknown(_ include: TemplateSlot, _ reason: String) -> TemplateSlot {
        var slot = include
        slot.isInclude = false
        // A reader that knows what an unreadable file is (Gemini CLI's `@{path}` of a file written for the
        // run) has said so already.
        if include.provenance != nil { return slot }
        slot.expression = "included_partial"
        slot.variable = "included_partial"
        slot.provenance = SlotClass(volatility: .unknown, kind: .value, reason: reason, evidence: .none)
        return slot
    }
}

/// The file an include statement names, and the names it may be stored under.
enum IncludeTarget {
    /// The literal name an include reads (`"partials/x.prompt"` of `{% include "partials/x.prompt" %}`,
    /// `x` of `{{> x }}`); nil for a computed name.
    static func name(of include: TemplateSlot, format: TemplateFormat) -> String? {
        let expression = include.expression.trimmingCharacters(in: .whitespacesAndNewlines)
        if expression.hasPrefix("@") { return LineIncludes.importedName(expression) }
        if expression.hasPrefix(">") {
            let rest = expression.dropFirst().trimmingCharacters(in: .whitespaces)
            let word = rest.prefix { !$0.isWhitespace && $0 != "}" && $0 != "~" }
            let bare = word.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return bare.isEmpty || bare.hasPrefix("(") || bare.hasPrefix("@") ? nil : bare
        }
        for quote in ["\"", "'"] {
            let parts = expression.components(separatedBy: quote)
            if parts.count >= 3, !parts[1].isEmpty, !parts[1].contains("{") { return parts[1] }
        }
        return nil
    }

    /// Extensions of script and style files, whose inclusion never adds prompt text or values.
    static let codeExtensions: Set<String> = ["js", "mjs", "cjs", "ts", "css", "scss", "sass", "less"]

    /// True when an included name is a script or a style sheet (by its extension).
    static func isCode(_ name: String) -> Bool {
        codeExtensions.contains((name as NSString).pathExtension.lowercased())
    }

    /// Names to try, in order: Jinja names are paths as written; partials (`{{> x}}`) may also carry the
    /// including file's extension, a Handlebars/Mustache extension, or Dotprompt's leading underscore.
    static func candidates(_ name: String, format: TemplateFormat, includer: String) -> [String] {
        guard format == .handlebars || format == .mustache || format == .dotprompt else { return [name] }
        let ext = (includer as NSString).pathExtension
        let folder = (name as NSString).deletingLastPathComponent
        let base = (name as NSString).lastPathComponent
        let underscored = folder.isEmpty ? "_" + base : folder + "/_" + base
        var names = [name]
        for e in [ext, "hbs", "handlebars", "mustache", "prompt"] where !e.isEmpty {
            names += [name + "." + e, underscored + "." + e]
        }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
