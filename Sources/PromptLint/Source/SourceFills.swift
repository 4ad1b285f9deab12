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
            guard text.contains(where: { if case .text = $0 { true } else { false } }) else { continue }
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

    /// Text segments with each `{{name}}` the table holds replaced by a slot for the table's value.
    private func placeholders(_ segments: [TemplateSegment], table: [String: SourceNode], scope: Int, bindings: Bindings) -> [TemplateSegment] {
        guard let regex = try? NSRegularExpression(pattern: #"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}"#) else { return segments }
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
