/// Helpers of this file that build one message (`return { role: "system", content: … }`), read where a request's
/// list takes what they return (`messages.push(await this.buildFacts(config, text))`, or a name bound to the call).
extension SourceAnalysis {
    /// The message a call of a helper of this file returns, when the helper's only non-empty return is one message
    /// literal with its role written (a guard's `return null` adds nothing to the list); nil for any other call,
    /// and for a helper that also returns something else (a message kept from an earlier request, `this.cached`).
    ///
    /// A helper given the request's new message (an argument traced to the user's input) builds its message for
    /// this request: what it writes there that data flow cannot follow (products or passages matched against the
    /// question) is per request, not unknown. A helper given only other values keeps the classes traced in it.
    func returnedMessage(_ node: SourceNode, scope: Int, template: Bool, depth: Int) -> [SourceMessage]? {
        guard case .call(let callee, let args) = node.unwrapped.kind, let path = callee.dottedPath,
            let function = functionScope(named: path), function != scope
        else { return nil }
        let returns = scopes[function].returns
        let built = returns.filter { $0.entry("role")?.plainString != nil }
        guard built.count == 1, returns.allSatisfy({ $0.entry("role")?.plainString != nil || Self.addsNoMessage($0) }) else {
            return nil
        }
        var messages = message(built[0], scope: function, template: template, depth: depth + 1)
        guard !messages.isEmpty else { return nil }
        if let name = scopes[function].name { consumed.insert(name) }
        guard let input = args.first(where: { givesNewMessage($0.value, scope: scope) }) else { return messages }
        let helper = callee.lastName ?? path
        let reason = "`\(helper)` is given the new message (`\(text(of: input.value))`): what it writes is made for this request"
        for i in messages.indices {
            messages[i].segments = messages[i].segments.map { segment in
                guard case .slot(var s) = segment, Self.untraced(s.provenance) else { return segment }
                s.provenance = SlotClass(volatility: .perRequest, kind: .documents, reason: reason)
                return .slot(s)
            }
        }
        return messages
    }

    /// True for a class data flow did not trace (none, judged from the name alone, or unknown): what a helper given
    /// the new message writes there is read as made for the request; a class traced to its source is kept.
    static func untraced(_ c: SlotClass?) -> Bool {
        guard let c else { return true }
        return c.volatility == .unknown || c.evidence != .evidence && c.volatility != .perRequest
    }

    /// True for the request's new message: a value traced to the user's input, or the content the calling function
    /// writes as a user turn into a list (`messages.push({ role: "user", content: message.text })` for `message.text`).
    func givesNewMessage(_ node: SourceNode, scope: Int) -> Bool {
        if case .slot(let s) = slot(node, scope: scope, bindings: Bindings()), let c = s.provenance,
            c.kind == .input, c.volatility == .perRequest
        {
            return true
        }
        guard let path = node.unwrapped.dottedPath else { return false }
        let written = scopes[scope].appends.values.joined() + scopes[scope].assignments.values.joined().flatMap { value in
            if case .list(let items, _) = value.kind { return items }
            return [value]
        }
        return written.contains { item in
            item.entry("role")?.plainString == "user" && item.entry("content")?.unwrapped.dottedPath == path
        }
    }

    /// True for a return that adds no message: `null`, `None`, `undefined` (the parser reads them as `.literal`),
    /// or an empty list.
    static func addsNoMessage(_ node: SourceNode) -> Bool {
        switch node.unwrapped.kind {
        case .literal: return true
        case .list(let items, _): return items.isEmpty
        default: return false
        }
    }
}
