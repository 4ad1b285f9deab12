import Foundation

/// Project helpers that fill a template's `{{name}}` placeholders from a table of values they build:
/// `fillTemplateWith(input, config)` starts from `config.template ?? DEFAULT_TEMPLATE`, builds
/// `const vars = { time: new Date().toString(), model: config.model }`, and replaces each placeholder in
/// a loop (`output = output.replace(new RegExp(`{{${name}}}`, "g"), value)`). A call of such a helper
/// renders the template it starts from, with the call's arguments bound, and each placeholder the table
/// names becomes a slot traced from the table's value.
extension SourceAnalysis {
    /// The text a call of `function` renders when the function is a fill helper; nil when it is not one.
    func renderFill(_ function: Int, args: [SourceArgument], callerScope: Int, bindings: Bindings, depth: Int) -> [TemplateSegment]? {
        guard let returned = scopes[function].returns.last, case .name(let output) = returned.kind,
            let initial = scopes[function].assignments[output]?.first, fillsByReplacing(output, in: function)
        else { return nil }
        var table: [String: SourceNode] = [:]
        for name in scopes[function].assignments.keys.sorted() where name != output {
            guard case .dict(let entries)? = scopes[function].assignments[name]?.last?.kind else { continue }
            for e in entries { if let key = e.keyName, table[key] == nil { table[key] = e.value } }
        }
        guard !table.isEmpty else { return nil }
        let b = bind(function, args: args, callerScope: callerScope, bindings: bindings)
        // `config.template ?? DEFAULT_TEMPLATE`: the first side that is text.
        var options = [initial]
        if case .binary(let op, let left, let right) = initial.kind, ["??", "||", "or"].contains(op) { options = [left, right] }
        for option in options {
            let text = render(boundEntry(option, scope: function, bindings: b) ?? (option, function, b), depth: depth)
            guard text.holdsText else { continue }
            return placeholders(text, table: table, scope: function, bindings: b)
        }
        return nil
    }

    private func render(_ value: (SourceNode, Int, Bindings), depth: Int) -> [TemplateSegment] {
        render(value.0, scope: value.1, bindings: value.2, depth: depth + 1)
    }

    /// True when `output` is reassigned, in the function or a callback inside it, to a `.replace` of itself.
    private func fillsByReplacing(_ output: String, in function: Int) -> Bool {
        scopes.indices.contains { s in
            guard s == function || scopes[s].parent == function else { return false }
            return (scopes[s].assignments[output] ?? []).contains { value in
                guard case .call(let callee, _) = value.kind, case .member(let receiver, let method) = callee.kind else { return false }
                return ["replace", "replaceAll"].contains(method) && receiver.dottedPath == output
            }
        }
    }

    /// `config.template` where `config` is bound to an object literal: its `template` entry.
    private func boundEntry(_ node: SourceNode, scope: Int, bindings: Bindings) -> (SourceNode, Int, Bindings)? {
        guard case .member(let base, let key) = node.kind, case .name(let name) = base.kind,
            case .value(let object, let s, let b) = lookup(name, scope: scope, before: node.range.lowerBound, bindings: bindings),
            let entry = object.entry(key)
        else { return nil }
        return (entry, s, b)
    }

    /// A `{{name}}` placeholder (group 1 the name); compiled once.
    private static let mustachePlaceholder = try? NSRegularExpression(pattern: #"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}"#)

    /// Text segments with each `{{name}}` the table holds replaced by a slot for the table's value.
    private func placeholders(_ segments: [TemplateSegment], table: [String: SourceNode], scope: Int, bindings: Bindings) -> [TemplateSegment] {
        guard let regex = Self.mustachePlaceholder else { return segments }
        var out: [TemplateSegment] = []
        for segment in segments {
            guard case .text(let text, let position) = segment else {
                out.append(segment)
                continue
            }
            var last = text.startIndex
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let r = Range(match.range, in: text), let n = Range(match.range(at: 1), in: text),
                    let value = table[String(text[n])]
                else { continue }
                if last < r.lowerBound { out.append(.text(String(text[last..<r.lowerBound]), position.advanced(over: text[..<last]))) }
                out.append(slot(value, scope: scope, bindings: bindings))
                last = r.upperBound
            }
            if last < text.endIndex { out.append(.text(String(text[last...]), position.advanced(over: text[..<last]))) }
        }
        return out
    }
}

/// Python helpers that fill a template passed in with a dict passed in, after setting entries of their own:
/// `def build_prompt(template, context): context["current_date"] = datetime.now()…; return
/// template.format(**context)`. A call renders the template it passes, with the dict it passes and the
/// entries the helper sets (traced in the helper's module, which may be another one of the folder).
extension SourceAnalysis {
    /// The entries set by key on `name` (`name["key"] = value`) in `scope` before `offset`, in source order.
    func keyedEntries(_ name: String, scope: Int, before offset: Int) -> [(String, SourceNode)] {
        (scopes[scope].keyedAssignments[name] ?? []).filter { $0.value.range.lowerBound < offset }.map { ($0.key, $0.value) }
    }

    /// For a function whose last return is `template.format(**values)` (both its parameters) and which
    /// sets entries of `values` by key: the two parameters and the entries it sets; nil otherwise.
    func formatHelper(_ function: Int) -> (template: String, values: String, entries: [(String, SourceNode)])? {
        guard module.language == .python, let returned = scopes[function].returns.last,
            case .call(let callee, let args) = returned.kind, case .member(let receiver, "format") = callee.kind,
            case .name(let template) = receiver.kind, args.count == 1, args[0].spread, case .name(let values) = args[0].value.kind,
            template != values
        else { return nil }
        let params = scopes[function].parameters
        guard params.contains(template), params.contains(values), scopes[function].assignments[template] == nil else { return nil }
        let entries = keyedEntries(values, scope: function, before: returned.range.lowerBound)
        guard !entries.isEmpty else { return nil }
        return (template, values, entries)
    }

    /// True when `callee` names a format helper of another module (`formatHelper`).
    func isForeignFormatHelper(_ callee: SourceNode) -> Bool {
        guard module.language == .python, let path = callee.dottedPath, case .function(let other, let function)? = foreign(path) else {
            return false
        }
        return other.formatHelper(function) != nil
    }

    /// The text a call of another module's format helper renders (`build_prompt(PROMPTS["chat"], {"lang":
    /// lang})` with `build_prompt` imported): the template argument rendered here with the dict argument's
    /// entries and the entries the helper sets; nil when the callee is no such helper or the template
    /// renders no text.
    func renderForeignFormatHelper(_ node: SourceNode, callee: SourceNode, args: [SourceArgument], scope: Int, bindings: Bindings, depth: Int)
        -> [TemplateSegment]?
    {
        guard module.language == .python, let path = callee.dottedPath, case .function(let other, let function)? = foreign(path),
            let helper = other.formatHelper(function)
        else { return nil }
        let params = other.scopes[function].parameters
        let bound = args.byParameter(params)
        guard let template = bound[helper.template] else { return nil }
        var f = FieldValues(scope: scope)
        if let values = bound[helper.values] {
            for (k, v) in dictEntries(values, scope: scope, bindings: bindings) where f.named[k] == nil { f.named[k] = v }
        }
        let site = at(node.range.lowerBound)
        for (k, v) in helper.entries {
            f.named[k] = nil
            f.setBy[k] = (other, v, function, site, other.scopes[function].name ?? "the helper")
        }
        let rendered = render(template, scope: scope, bindings: bindings, fields: f, depth: depth)
        return rendered.holdsText ? rendered : nil
    }
}
