/// How code names a loaded template's placeholder when it fills it, and the message lists it writes at the
/// request itself (`SourceTemplateLinks`).
extension SourceAnalysis {
    /// Characters around a placeholder's name in a template file (`{{ name }}`, `${name}`, `%name%`).
    private static let placeholderDelimiters = Set("{}$% \t")

    /// The placeholder a `replace` call's first argument names: a string (`"{{goals}}"`), or a script regex
    /// literal that matches only that name, with optional spaces (`/\{\{\s*goals\s*\}\}/g`). Nil for any
    /// other pattern (`/{(\w+)}/g` fills every placeholder at once).
    func replacedPlaceholder(_ node: SourceNode) -> String? {
        var key: String
        if let plain = node.plainString {
            key = plain
        } else if case .literal = node.kind, let literal = Self.regexLiteralText(text(of: node)) {
            key = literal
        } else {
            return nil
        }
        key = String(key.drop { Self.placeholderDelimiters.contains($0) })
        while let last = key.last, Self.placeholderDelimiters.contains(last) { key.removeLast() }
        return key.isEmpty ? nil : key
    }

    /// The text a script regex literal (`/\{\{\s*x\s*\}\}/g`) matches when it matches one text only,
    /// optional spaces aside (`{{x}}`, also from `[\s]?`); nil for a pattern with any other operator, class or group.
    static func regexLiteralText(_ source: String) -> String? {
        guard source.hasPrefix("/"), let close = source.lastIndex(of: "/"), close > source.startIndex else { return nil }
        var body = Substring(source[source.index(after: source.startIndex)..<close])
        var out = ""
        while let c = body.popFirst() {
            if c == "\\" {
                guard let escaped = body.popFirst() else { return nil }
                if escaped == "s" {
                    // `\s*`, `\s+`, `\s?`: spaces the file may or may not have around the name.
                    if let q = body.first, "*+?".contains(q) { body.removeFirst() }
                    continue
                }
                guard !escaped.isLetter, !escaped.isNumber else { return nil }
                out.append(escaped)
            } else if c == " ", let q = body.first, "*+?".contains(q) {
                body.removeFirst()
            } else if c == "[", body.hasPrefix("\\s]") || body.hasPrefix(" ]") {
                // `[\s]?`: a class of spaces alone, read as `\s?`.
                body.removeFirst(body.hasPrefix(" ]") ? 2 : 3)
                if let q = body.first, "*+?".contains(q) { body.removeFirst() }
            } else if "()[]|.+*?^$".contains(c) {
                return nil
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// Message lists written at a request of this scope rather than bound to a name: the `messages` argument
    /// (`create(model=m, messages=[…])`), the `messages` of a body object given to the call, or of one it
    /// posts serialized (`fetch(url, { body: JSON.stringify({ model, messages: […] }) })`).
    func requestMessageLists(in scope: Int) -> [SourceNode] {
        let calls = module.calls.filter { $0.scope == scope }.map(\.node) + module.parsedOtherCalls(named: ["fetch", "post"], in: scope)
        var out: [SourceNode] = []
        for call in calls {
            guard case .call(_, let args) = call.kind else { continue }
            if let list = call.argument("messages") {
                out.append(list)
                continue
            }
            for arg in args where !arg.spread && arg.label == nil {
                var body = Self.serializedBody(arg.value) ?? arg.value
                if let posted = body.entry("body") { body = Self.serializedBody(posted) ?? posted }
                if let list = body.entry("messages") { out.append(list) }
            }
        }
        return out
    }
}

extension SourceAnalysis {
    /// The text a `.replace` call's first argument replaces, as written in the template: a string
    /// (`"{{name}}"`), or a script regex literal that matches one placeholder only (`/{{name}}/g`,
    /// `/\{\{\s*name\s*\}\}/g`, read as `{{name}}`). A regex literal whose text carries no placeholder
    /// delimiter (`/,/g`, `/-/g`) is nil: it replaces punctuation, not a slot of the prompt.
    func replacedText(_ node: SourceNode) -> String? {
        if let plain = node.plainString { return plain }
        guard case .literal = node.kind, let text = Self.regexLiteralText(text(of: node)),
            text.contains(where: { "{}[]%<>$".contains($0) }), text.contains(where: \.isLetter)
        else { return nil }
        return text
    }
}
