import Foundation

/// Joins in code that renders prompts: the parts a join reads (a list literal, or a list the code appends or pushes
/// to), the class of what they hold, and a conversation mapped to lines of text.
extension SourceAnalysis {
    /// The elements a join reads, each with the scope it is written in: a list literal, or a name bound to one
    /// plus what the code appends or pushes to it (`sections.push(...)`) in order, in a callback over a
    /// collection too (`memories.forEach((m) => lines.push(`- ${m}`))`).
    func joinedElements(_ items: SourceNode, scope: Int, bindings: Bindings) -> [(node: SourceNode, scope: Int)]? {
        if case .list(let elements, false) = items.kind { return elements.map { ($0, scope) } }
        // `[core, request, tools].filter(Boolean).join("\n\n")`: the parts themselves, the empty ones left out.
        if case .call(let callee, let args) = items.kind, case .member(let list, "filter") = callee.kind, args.count == 1,
            Self.keepsTruthy(text(of: args[0].value))
        {
            return joinedElements(list, scope: scope, bindings: bindings)
        }
        // `[s for s in sections if s]`: the parts themselves, the empty ones left out (each rendered as written).
        if case .comprehension(let parts) = items.kind, parts.count >= 2, case .name(let element) = parts[0].kind {
            var iterable: SourceNode?
            // `s in sections if s` reads as a conditional whose first part is the `in`.
            var loop = parts[1]
            if case .conditional(let options) = loop.kind, let first = options.first { loop = first }
            if case .binary("in", let target, let collection) = loop.kind, case .name(element) = target.kind {
                iterable = collection
            } else if parts.count >= 3, case .name(element) = parts[1].kind {
                iterable = parts[2]
            }
            if let iterable, case .name = iterable.kind { return joinedElements(iterable, scope: scope, bindings: bindings) }
        }
        guard case .name(let name) = items.kind,
            case let (value, s, _)? = boundValue(of: name, at: items, scope: scope, bindings: bindings),
            case .list(let elements, false) = value.kind
        else { return nil }
        let appended = ((scopes[s].appends[name] ?? []).map { ($0, s) } + callbackAppends(to: name, of: s))
            .filter { $0.0.range.lowerBound < items.range.lowerBound }
            .sorted { $0.0.range.lowerBound < $1.0.range.lowerBound }
        return elements.map { ($0, s) } + appended.map { (node: $0.0, scope: $0.1) }
    }

    /// What callbacks over a collection inside scope `owner` push to its list `name` (`items.forEach((m) =>
    /// name.push(…))`), each with the callback's scope; a callback with a `name` of its own is left out.
    func callbackAppends(to name: String, of owner: Int) -> [(SourceNode, Int)] {
        var out: [(SourceNode, Int)] = []
        for c in scopes.indices where c != owner && scopes[c].iterated != nil {
            guard let pushed = scopes[c].appends[name], !pushed.isEmpty else { continue }
            var s: Int? = c
            var reaches = false
            while let current = s, current != owner {
                let sc = scopes[current]
                if sc.assignments[name] != nil || sc.parameters.contains(name) || sc.iterated == nil { break }
                s = sc.parent
                if s == owner { reaches = true }
            }
            if reaches { out += pushed.map { ($0, c) } }
        }
        return out
    }

    /// For `lines.join("\n")` (or `"\n".join(lines)`): the most volatile class among the parts the join reads,
    /// rendered where each is written (`- ${m}` pushed in `memories.forEach((m) => …)`); nil for any other
    /// expression, or when every part is constant.
    func joinedPartsClass(_ expression: SourceNode, scope: Int, bindings: Bindings) -> SlotClass? {
        guard case .call(let callee, let args) = expression.kind, case .member(let receiver, "join") = callee.kind, args.count == 1,
            renderBudget > 0, joinedPartsDepth < 2
        else { return nil }
        joinedPartsDepth += 1
        defer { joinedPartsDepth -= 1 }
        let items = module.language == .python ? args[0].value : receiver
        if let rendered = mappedConversationClass(items, scope: scope, bindings: bindings) { return rendered }
        guard case .name = items.kind, let parts = joinedElements(items, scope: scope, bindings: bindings) else { return nil }
        var best: SlotClass?
        for part in parts where !part.node.range.overlaps(expression.range) {
            for case .slot(let s) in render(part.node, scope: part.scope, bindings: bindings, depth: 8) {
                guard let c = s.provenance, c.volatility != .constant, c.volatility != .unknown else { continue }
                if best == nil || c.volatility > best!.volatility { best = c }
            }
        }
        guard var best else { return nil }
        best.reason = "`\(text(of: items))` joins parts pushed to it: \(best.reason)"
        return best
    }

    /// For `lines.join("\n")` where `lines = messages.map((m) => `${m.role}: ${m.text}`)` (or the map written in
    /// place): the conversation rendered as text, one line per stored message, when the mapped collection is
    /// named for the conversation (`messages`, `history`); nil otherwise. The lines are the turns however each
    /// is written (a clock formatted from a message's own time is part of it, not the request's clock).
    func mappedConversationClass(_ items: SourceNode, scope: Int, bindings: Bindings) -> SlotClass? {
        var mapped = items
        if case .name(let name) = items.kind, let bound = boundValue(of: name, at: items, scope: scope, bindings: bindings) {
            mapped = bound.node
        }
        guard module.language == .script, case .call(let callee, let args) = mapped.kind, args.count == 1,
            case .member(let collection, "map") = callee.kind, let path = collection.dottedPath,
            var named = SlotClassifier().nameClass(of: path), named.kind == .history
        else { return nil }
        named.reason = "`\(text(of: items))` renders each item of `\(path)` as a line: \(named.reason)"
        return named
    }

    /// True for a filter callback that keeps the items as they are and drops only the empty (or blank) ones:
    /// `Boolean`, `x => x`, `(s) => !!s`, `(l) => l !== ""`, `(s) => s.trim()`, `(p) => p.trim().length > 0`.
    /// The parts it keeps are rendered as written; the empty ones add nothing to the text anyway.
    static func keepsTruthy(_ callback: String) -> Bool {
        let flat = callback.filter { !$0.isWhitespace }.replacingOccurrences(of: "?.", with: ".")
        if flat == "Boolean" { return true }
        let sides = flat.components(separatedBy: "=>")
        guard sides.count == 2 else { return false }
        let parameter = sides[0].trimmingCharacters(in: CharacterSet(charactersIn: "()"))
            .split(separator: ":").first.map(String.init) ?? ""
        guard !parameter.isEmpty, parameter.allSatisfy(\.isNameCharacter) else { return false }
        var body = sides[1]
        if body.hasPrefix("("), body.hasSuffix(")") { body = String(body.dropFirst().dropLast()) }
        // The item itself or its trimmed text (`s.trim()`): blank parts are dropped as empty ones are.
        for subject in [parameter, parameter + ".trim()"] {
            let tests = [
                subject, "!!" + subject, "Boolean(\(subject))",
                subject + "!==\"\"", subject + "!=\"\"", subject + "!==''", subject + "!=''", subject + "!==``",
                "\"\"!==" + subject, "''!==" + subject,
                subject + ".length", subject + ".length>0", subject + ".length!==0", subject + ".length!=0", subject + ".length>=1",
            ]
            if tests.contains(body) { return true }
        }
        return false
    }
}

extension SourceAnalysis {
    /// What the parts a function appends to a list it then joins (`parts.append(f"…{examples}")` before
    /// `"\n\n".join(parts)`) trace to, merged: the join writes them into its text. Read when the join is traced
    /// rather than rendered (the return of a helper of another module); nothing for a list literal or any other
    /// expression, whose elements the join's own trace reads.
    func traceJoinedAppends(_ items: SourceNode, scope: Int, bindings: Bindings, depth: Int) -> ValueTrace {
        var result = ValueTrace()
        guard depth < 12, case .name = items.kind, let parts = joinedElements(items, scope: scope, bindings: bindings) else { return result }
        for part in parts.prefix(8) {
            result.merge(trace(part.node, scope: part.scope, bindings: bindings, depth: depth + 1))
        }
        return result
    }
}
