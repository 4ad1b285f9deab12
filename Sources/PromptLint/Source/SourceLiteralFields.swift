/// One field of object literals, read where the code picks an element of a list it built:
/// `const history = [...messages, { id: crypto.randomUUID(), role: "user", content: text }]`, then
/// `history.find((m) => m.role === "system").content`. The field holds what the literals wrote under its key,
/// not their other fields (an id or a timestamp stamped on each message object).
extension SourceAnalysis {
    /// The values `base.key` can hold when `base` is an object literal, or an element picked from a list
    /// (`find`, `findLast`, `at`) whose items are object literals, each with its scope; a part this file cannot
    /// see into (a list received from elsewhere, spread in) is given whole, to be traced as before. Nil when
    /// `base` is neither.
    func literalFields(_ key: String, of base: SourceNode, scope: Int, bindings: Bindings) -> [(SourceNode, Int)]? {
        guard module.language == .script else { return nil }
        // A field set after the literal was written (`message.content = prompt`) is not what the literal holds.
        if let reference = Self.referenceName(base), scopes.contains(where: { $0.assignments[reference + "." + key] != nil }) { return nil }
        return fields(key, of: base, scope: scope, bindings: bindings, depth: 0)
    }

    private func fields(_ key: String, of node: SourceNode, scope: Int, bindings: Bindings, depth: Int) -> [(SourceNode, Int)]? {
        guard depth < 8 else { return nil }
        switch node.kind {
        case .dict(let entries):
            if let value = node.entry(key) { return [(value, scope)] }
            // `{ ...other, role: "user" }` without the key: the field comes from the spread object.
            return entries.contains { $0.keyName == nil && $0.key == nil } ? [(node, scope)] : []
        case .name(let name):
            guard let bound = boundValue(of: name, at: node, scope: scope, bindings: bindings) else { return nil }
            return fields(key, of: bound.node, scope: bound.scope, bindings: bindings, depth: depth + 1)
        case .call(let callee, _):
            guard case .member(let list, let method) = callee.kind, ["find", "findLast", "at"].contains(method) else {
                return returnedFields(key, of: node, depth: depth + 1)
            }
            return elementFields(key, of: list, scope: scope, bindings: bindings, depth: depth + 1)
        default:
            if node.unwrapped.range != node.range, case .call = node.unwrapped.kind {
                return fields(key, of: node.unwrapped, scope: scope, bindings: bindings, depth: depth + 1)
            }
            return nil
        }
    }

    /// `key` of what a function of this file returns when some of its returns are object literals (`getSession(id)`
    /// returning the stored session or a fresh `{ history: [], lastActivity: Date.now() }`): each literal's own
    /// entry, any other return whole; nil when no return is written as an object literal here.
    private func returnedFields(_ key: String, of call: SourceNode, depth: Int) -> [(SourceNode, Int)]? {
        guard case .call(let callee, _) = call.kind, let function = functionScope(named: callee.dottedPath ?? "") else { return nil }
        var out: [(SourceNode, Int)] = []
        var written = false
        for value in scopes[function].returns.suffix(4) {
            if let found = fields(key, of: value, scope: function, bindings: Bindings(), depth: depth + 1) {
                written = true
                out += found
            } else {
                out.append((value, function))
            }
        }
        return written ? out : nil
    }

    /// `key` of each item of a list literal (through names bound to one); nil when the list is not written here.
    private func elementFields(_ key: String, of node: SourceNode, scope: Int, bindings: Bindings, depth: Int) -> [(SourceNode, Int)]? {
        guard depth < 8 else { return nil }
        switch node.kind {
        case .name(let name):
            guard let bound = boundValue(of: name, at: node, scope: scope, bindings: bindings) else { return nil }
            return elementFields(key, of: bound.node, scope: bound.scope, bindings: bindings, depth: depth + 1)
        case .list(let items, false):
            var out: [(SourceNode, Int)] = []
            for item in items {
                if case .other(let inner) = item.kind, inner.count == 1, text(of: item).hasPrefix("...") {
                    // A list spread in: its items' fields when it is written here, else the list whole.
                    out += elementFields(key, of: inner[0], scope: scope, bindings: bindings, depth: depth + 1) ?? [(inner[0], scope)]
                } else {
                    out += fields(key, of: item, scope: scope, bindings: bindings, depth: depth + 1) ?? [(item, scope)]
                }
            }
            return out
        default:
            return nil
        }
    }
}
