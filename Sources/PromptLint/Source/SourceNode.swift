/// An expression of Python or TypeScript/JavaScript source, as far as prompt reading needs to know it.
struct SourceNode: Sendable {
    /// The expression forms told apart.
    indirect enum Kind: Sendable {
        /// A string, f-string or template literal (implicitly concatenated Python strings are `+`).
        case string(StringLiteral)
        /// An identifier (`self.x` is `member`).
        case name(String)
        /// A number or other literal constant (`True`, `null`).
        case literal
        /// `object.name` (also `?.`).
        case member(SourceNode, String)
        /// A call; `new Date()` is a call of `new Date`.
        case call(SourceNode, [SourceArgument])
        /// `value[index]`.
        case index(SourceNode, [SourceNode])
        /// A list, tuple or array literal; `isSet` for Python `{a, b}`.
        case list([SourceNode], isSet: Bool)
        /// A dict or object literal.
        case dict([SourceEntry])
        /// `a + b`, `a % b`, `a or b`…
        case binary(String, SourceNode, SourceNode)
        /// `a if c else b`, `c ? a : b`: the possible values.
        case conditional([SourceNode])
        /// A comprehension or generator (`[f(x) for x in xs]`): its element, targets and iterables.
        case comprehension([SourceNode])
        /// Something opaque (a lambda, arrow function, prefix operator): the expressions found inside it.
        case other([SourceNode])
    }

    /// What it is.
    var kind: Kind
    /// Its bytes in the file.
    var range: Range<Int>

    /// The dotted path of a name or member chain (`client.chat.completions.create`), calls in between dropped.
    var dottedPath: String? {
        switch kind {
        case .name(let n): return n
        case .member(let base, let name): return (base.dottedPath ?? "…") + "." + name
        case .call(let callee, _): return callee.dottedPath.map { $0 + "()" }
        case .index(let base, _): return base.dottedPath
        default: return nil
        }
    }

    /// The last name of a path (`create` for `client.messages.create`).
    var lastName: String? {
        switch kind {
        case .name(let n): return n
        case .member(_, let n): return n
        default: return nil
        }
    }

    /// The string literal, when the node is one.
    var literal: StringLiteral? {
        if case .string(let s) = kind { return s }
        return nil
    }

    /// The node's sub-expressions, in source order.
    var children: [SourceNode] {
        switch kind {
        case .string(let s):
            let language: SourceLanguage = s.prefix == "`" ? .script : .python
            return s.pieces.compactMap { if case .field(let f) = $0 { return SourceParser.field(f, language: language) } else { return nil } }
        case .name, .literal: return []
        case .member(let b, _): return [b]
        case .call(let c, let args): return [c] + args.map(\.value)
        case .index(let b, let i): return [b] + i
        case .list(let items, _): return items
        case .dict(let entries): return entries.flatMap { ($0.key.map { [$0] } ?? []) + [$0.value] }
        case .binary(_, let a, let b): return [a, b]
        case .conditional(let v), .comprehension(let v), .other(let v): return v
        }
    }
}

/// A call argument: `value`, `label=value` (Python keywords), `*value`/`**value`/`...value`.
struct SourceArgument: Sendable {
    /// The keyword, if any.
    var label: String?
    /// The value.
    var value: SourceNode
    /// True for spread arguments.
    var spread: Bool = false
}

extension Array where Element == SourceArgument {
    /// The values passed for `parameters`: a keyword argument by its label, the others in order (spreads skipped,
    /// positional arguments past the last parameter ignored).
    func byParameter(_ parameters: [String]) -> [String: SourceNode] {
        var passed: [String: SourceNode] = [:]
        var positional = 0
        for arg in self where !arg.spread {
            if let label = arg.label {
                passed[label] = arg.value
            } else if positional < parameters.count {
                passed[parameters[positional]] = arg.value
                positional += 1
            }
        }
        return passed
    }
}

extension Array where Element == SourceArgument {
    /// The parameter argument `index` is passed for (by its label, or by its place among the positional
    /// arguments); nil for a spread or an argument past the last parameter.
    func parameterName(at index: Int, among parameters: [String]) -> String? {
        guard indices.contains(index), !self[index].spread else { return nil }
        if let label = self[index].label { return parameters.contains(label) ? label : nil }
        let position = self[..<index].filter { $0.label == nil && !$0.spread }.count
        return position < parameters.count ? parameters[position] : nil
    }
}

/// A dict or object entry. `keyName` is set for string and identifier keys; spreads have no key.
struct SourceEntry: Sendable {
    /// The key's text when known (`role`, `"content"`).
    var keyName: String?
    /// A computed key.
    var key: SourceNode?
    /// The value (for a spread, the spread expression).
    var value: SourceNode
}

extension SourceNode {
    /// The one expression inside an opaque node holding only it (the operand of `await f(…)` or of another
    /// prefix operator); any other node itself.
    var unwrapped: SourceNode {
        if case .other(let inner) = kind, inner.count == 1 { return inner[0] }
        return self
    }

    /// The argument labelled `label`, or the positional argument `index`.
    func argument(_ label: String, position index: Int? = nil) -> SourceNode? {
        guard case .call(_, let args) = kind else { return nil }
        if let a = args.first(where: { $0.label == label }) { return a.value }
        guard let index else { return nil }
        let positional = args.filter { $0.label == nil && !$0.spread }
        return index < positional.count ? positional[index].value : nil
    }

    /// The value of key `name` in a dict or object literal.
    func entry(_ name: String) -> SourceNode? {
        guard case .dict(let entries) = kind else { return nil }
        return entries.last { $0.keyName == name }?.value
    }

    /// The text of a plain (non-interpolated) string literal.
    var plainString: String? {
        guard let s = literal, !s.isInterpolated || !s.pieces.contains(where: { if case .field = $0 { true } else { false } })
        else { return nil }
        return s.plainText
    }
}
