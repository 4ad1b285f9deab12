/// Where a parameter of a prompt builder enters the text it returns: `buildSystemPrompt(name, role, currentDate)`
/// returning `` `…Today's date: ${currentDate}…` `` writes `currentDate` at that field. A caller in another
/// module that passes the clock for it breaks that prompt there, so its finding names that place (and the
/// runner folds it into the builder's own finding of the same break, `LintRunner.foldingSendSites`).
extension SourceAnalysis {
    /// The field of a template literal or f-string among the values `function` returns (read through the
    /// names they are assigned to) that writes `parameter`, with this file; nil when none does.
    func parameterEntry(_ parameter: String, of function: Int) -> (file: String, line: Int, column: Int, snippet: String)? {
        for value in scopes[function].returns.suffix(4) {
            if let child = field(writing: parameter, in: value, scope: function, depth: 0) {
                let at = source.position(child.range.lowerBound)
                return (path, at.line, at.column, text(of: child))
            }
        }
        for value in scopes[function].returns.suffix(4) {
            if let found = placeholder(filledWith: parameter, in: value, scope: function, depth: 0) { return found }
        }
        return nil
    }

    /// Where a template's `{key}` is written when `node` (or what its names hold) formats that template with
    /// `parameter` under `key`: `dateTpl.format({ currentDateTime })` after `dateTpl =
    /// PromptTemplate.fromTemplate('…Today is {currentDateTime}…')`, or Python's `TEMPLATE.format(now=now)`.
    private func placeholder(filledWith parameter: String, in node: SourceNode, scope: Int, depth: Int)
        -> (file: String, line: Int, column: Int, snippet: String)?
    {
        guard depth < 8 else { return nil }
        switch node.kind {
        case .call(let callee, let args):
            if case .member(let receiver, let method) = callee.kind, ["format", "formatMessages", "format_messages"].contains(method) {
                var keys: [String] = []
                for arg in args {
                    if let label = arg.label, reads(parameter, arg.value, scope: scope, depth: depth + 1) { keys.append(label) }
                    if case .dict(let entries) = arg.value.kind {
                        keys += entries.compactMap { e in
                            e.keyName.flatMap { reads(parameter, e.value, scope: scope, depth: depth + 1) ? $0 : nil }
                        }
                    }
                }
                for key in keys {
                    if let found = templateText(of: receiver, writing: "{\(key)}", scope: scope) { return found }
                }
            }
        case .name(let name):
            guard let bound = boundValue(of: name, at: node, scope: scope) else { return nil }
            return placeholder(filledWith: parameter, in: bound.node, scope: bound.scope, depth: depth + 1)
        default:
            break
        }
        for child in node.children {
            if let found = placeholder(filledWith: parameter, in: child, scope: scope, depth: depth + 1) { return found }
        }
        return nil
    }

    /// Where `placeholder` is written in the template text `receiver` names (a name bound to the template or to
    /// the call that makes it from a string); nil when that text does not hold it.
    private func templateText(of receiver: SourceNode, writing placeholder: String, scope: Int)
        -> (file: String, line: Int, column: Int, snippet: String)?
    {
        let value = throughNames(receiver, scope: scope, bindings: Bindings(), steps: 1).node
        let bytes = source.bytes
        let end = min(value.range.upperBound, bytes.count)
        guard value.range.lowerBound >= 0, value.range.lowerBound < end,
            let found = bytes[value.range.lowerBound..<end].firstRange(of: Array(placeholder.utf8))
        else { return nil }
        let at = source.position(found.lowerBound)
        return (path, at.line, at.column, placeholder)
    }

    /// For an object literal passed to a builder whose parameter list destructures it (`buildMessages({ currentDate,
    /// currentDateTime })` into `function buildMessages({ currentDate, currentDateTime })`), the key of the entry
    /// the changing value comes from (`volatileLine`, the line of its origin), when the builder names it among its
    /// parameters; nil for anything else.
    func destructuredParameter(_ object: SourceNode, volatileLine: Int, among parameters: [String], scope: Int, bindings: Bindings)
        -> String?
    {
        guard case .dict(let entries) = object.kind else { return nil }
        for entry in entries {
            guard let key = entry.keyName, parameters.contains(key),
                let v = trace(entry.value, scope: scope, bindings: bindings).volatile, v.line == volatileLine, v.file == path
            else { continue }
            return key
        }
        return nil
    }

    /// The first field of a string with substitutions in `node` (or in what its names hold) that reads `parameter`.
    private func field(writing parameter: String, in node: SourceNode, scope: Int, depth: Int) -> SourceNode? {
        guard depth < 8 else { return nil }
        switch node.kind {
        case .string(let literal) where literal.isInterpolated:
            return node.children.first { reads(parameter, $0, scope: scope, depth: depth + 1) }
        case .name(let name):
            guard let bound = boundValue(of: name, at: node, scope: scope) else { return nil }
            return field(writing: parameter, in: bound.node, scope: bound.scope, depth: depth + 1)
        default:
            for child in node.children {
                if let found = field(writing: parameter, in: child, scope: scope, depth: depth + 1) { return found }
            }
            return nil
        }
    }

    /// True when `node` reads `parameter` of the function `scope` is in, directly or through a local name.
    private func reads(_ parameter: String, _ node: SourceNode, scope: Int, depth: Int) -> Bool {
        guard depth < 8 else { return false }
        if case .name(let name) = node.kind {
            switch lookup(name, scope: scope, before: node.range.lowerBound, bindings: Bindings()) {
            case .parameter(let p): return p == parameter
            case .value(let value, let s, _) where s != 0 && value.range != node.range:
                return reads(parameter, value, scope: s, depth: depth + 1)
            default: return false
            }
        }
        return node.children.contains { reads(parameter, $0, scope: scope, depth: depth + 1) }
    }
}
