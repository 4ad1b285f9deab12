/// Text a join builds from a module constant's table (`"\n".join([f"- {k}: {', '.join(v)}" for k, v in
/// CATEGORIES.items()])`, the constant written here or imported): evaluated from the literals, it is the same on
/// every request, static text of the prompt it fills as the literal text around it is.
extension SourceAnalysis {
    /// A value evaluated from literals: text, or a list (a dict's entry is the list of its key and value).
    indirect enum ConstantValue {
        case text(String)
        case list([ConstantValue])
    }

    /// Steps one evaluation may take (each node read is one): a table of a few hundred entries.
    private static let constantBudget = 4_000

    /// The text of a join (its separator and its items) whose items are a comprehension over a module constant,
    /// every part evaluated from literals; nil when any part is not (a parameter, a call, a mutated collection).
    func constantJoin(separator: SourceNode?, items: SourceNode, scope: Int) -> String? {
        guard case .comprehension = items.kind else { return nil }
        var budget = Self.constantBudget
        var sep = ","
        if let separator {
            guard case .text(let t)? = constantValue(separator, scope: scope, env: [:], budget: &budget, depth: 0) else { return nil }
            sep = t
        }
        guard case .list(let values)? = constantValue(items, scope: scope, env: [:], budget: &budget, depth: 0) else { return nil }
        return Self.joined(values, separator: sep)
    }

    /// The texts `values` joined by `separator`; nil when one of them is a list, not text.
    private static func joined(_ values: [ConstantValue], separator: String) -> String? {
        var parts: [String] = []
        for value in values {
            guard case .text(let t) = value else { return nil }
            parts.append(t)
        }
        return parts.joined(separator: separator)
    }

    /// `node` evaluated from literals, with the comprehension variables `env`; nil when it is not constant.
    private func constantValue(_ node: SourceNode, scope: Int, env: [String: ConstantValue], budget: inout Int, depth: Int)
        -> ConstantValue?
    {
        budget -= 1
        guard budget > 0, depth < 12 else { return nil }
        let next = depth + 1
        switch node.kind {
        case .string(let literal):
            let language: SourceLanguage = literal.prefix == "`" ? .script : .python
            var text = ""
            for piece in literal.pieces {
                switch piece {
                case .text(let d):
                    text += d.text
                case .field(let f):
                    guard f.spec.isEmpty || f.spec == "!s", let e = SourceParser.field(f, language: language),
                        case .text(let t)? = constantValue(e, scope: scope, env: env, budget: &budget, depth: next)
                    else { return nil }
                    text += t
                }
            }
            return .text(text)
        case .list(let items, false):
            var out: [ConstantValue] = []
            for item in items {
                guard let v = constantValue(item, scope: scope, env: env, budget: &budget, depth: next) else { return nil }
                out.append(v)
            }
            return .list(out)
        case .name(let name):
            if let bound = env[name] { return bound }
            guard let (owner, value, s) = moduleConstant(name, at: node, scope: scope) else { return nil }
            return owner.constantValue(value, scope: s, env: [:], budget: &budget, depth: next)
        case .call(let callee, let args):
            guard case .member(let receiver, "join") = callee.kind, args.count == 1, !args[0].spread else { return nil }
            let (separator, items) = module.language == .python ? (receiver, args[0].value) : (args[0].value, receiver)
            guard case .text(let sep)? = constantValue(separator, scope: scope, env: env, budget: &budget, depth: next),
                case .list(let values)? = constantValue(items, scope: scope, env: env, budget: &budget, depth: next)
            else { return nil }
            return Self.joined(values, separator: sep).map(ConstantValue.text)
        case .comprehension(let parts):
            return constantComprehension(parts, scope: scope, env: env, budget: &budget, depth: next)
        default:
            return nil
        }
    }

    /// `[element for a, b in collection]` over a constant list or dict (`.items()`, `.keys()`, `.values()`), each
    /// element evaluated with its targets bound; nil for a filtered or nested comprehension.
    private func constantComprehension(
        _ parts: [SourceNode], scope: Int, env: [String: ConstantValue], budget: inout Int, depth: Int
    ) -> ConstantValue? {
        guard parts.count >= 2 else { return nil }
        var targets: [String] = []
        var collection: SourceNode?
        for part in parts.dropFirst() {
            guard collection == nil else { return nil }
            switch part.kind {
            case .name(let name): targets.append(name)
            case .binary("in", let target, let c):
                guard case .name(let name) = target.kind else { return nil }
                targets.append(name)
                collection = c
            default: return nil
            }
        }
        // `for k in xs` whose `in` the parser read as a separator: the last part is the collection.
        if collection == nil, targets.count >= 2, let last = parts.last {
            targets.removeLast()
            collection = last
        }
        guard let collection, !targets.isEmpty, let items = constantItems(collection, scope: scope, env: env, budget: &budget, depth: depth)
        else { return nil }
        var out: [ConstantValue] = []
        for item in items {
            var bound = env
            if targets.count == 1 {
                bound[targets[0]] = item
            } else {
                guard case .list(let values) = item, values.count == targets.count else { return nil }
                for (name, value) in zip(targets, values) { bound[name] = value }
            }
            guard let v = constantValue(parts[0], scope: scope, env: bound, budget: &budget, depth: depth + 1) else { return nil }
            out.append(v)
        }
        return .list(out)
    }

    /// The items a comprehension reads from `node`: a constant list's, or a constant dict's entries
    /// (`.items()`: key and value; `.keys()` or the dict itself: keys; `.values()`: values).
    private func constantItems(_ node: SourceNode, scope: Int, env: [String: ConstantValue], budget: inout Int, depth: Int)
        -> [ConstantValue]?
    {
        var target = node
        var method = "keys"
        if case .call(let callee, let args) = node.kind, args.isEmpty, case .member(let receiver, let name) = callee.kind,
            ["items", "keys", "values"].contains(name)
        {
            (target, method) = (receiver, name)
        }
        guard case .name(let name) = target.kind, env[name] == nil,
            let (owner, value, s) = moduleConstant(name, at: target, scope: scope)
        else {
            guard case .list(let values)? = constantValue(node, scope: scope, env: env, budget: &budget, depth: depth) else { return nil }
            return values
        }
        guard case .dict(let entries) = value.kind else {
            guard case .list(let values)? = owner.constantValue(value, scope: s, env: [:], budget: &budget, depth: depth) else { return nil }
            return values
        }
        var out: [ConstantValue] = []
        for entry in entries {
            guard let key = entry.keyName else { return nil }
            if method == "keys" { out.append(.text(key)); continue }
            guard let v = owner.constantValue(entry.value, scope: s, env: [:], budget: &budget, depth: depth + 1) else { return nil }
            out.append(method == "values" ? v : .list([.text(key), v]))
        }
        return out
    }

    /// The literal value a module-level constant `name` holds (of this module, or imported from another), with its
    /// module and scope: assigned once at the top level and never appended to or set by key.
    private func moduleConstant(_ name: String, at node: SourceNode, scope: Int) -> (SourceAnalysis, SourceNode, Int)? {
        switch lookup(name, scope: scope, before: node.range.lowerBound, bindings: Bindings()) {
        case .value(let value, 0, _):
            guard isUnchangedConstant(name) else { return nil }
            return (self, value, 0)
        case .imported:
            guard case .value(let other, let value, let s)? = foreign(name), s == 0, other.isUnchangedConstant(name) else { return nil }
            return (other, value, s)
        default:
            return nil
        }
    }

    /// True when the top level assigns `name` once and nothing appends to it.
    private func isUnchangedConstant(_ name: String) -> Bool {
        scopes[0].assignments[name]?.count == 1 && scopes.allSatisfy { $0.appends[name] == nil }
    }
}
