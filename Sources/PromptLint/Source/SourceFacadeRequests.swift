/// Requests sent through a project's own model facade that the analysis cannot follow to the SDK call:
/// `llm_service.generate(messages_format)` where `messages_format = [system_message] + history + turns`
/// and the facade hands the list to a provider chosen at run time (a registry of OpenAI-compatible and
/// Anthropic providers, a fallback chain). The list the caller builds, with its role-tagged messages, is
/// the request, so it is read at the call site, like a helper's (`SourceHelperRequests`).
extension SourceAnalysis {
    /// Method names that facades give the call that sends a whole message list.
    static let facadeSendNames: Set<String> = ["generate", "agenerate", "generate_response", "chat_completion"]

    /// The messages a facade call sends, or nil when the call is not one: its name is a facade's sending
    /// name and its first positional (or `messages`) argument is a list that holds a role-tagged message
    /// (`{"role": "system", …}`, `SystemMessage(…)`), directly, through `+`, or through names bound to them.
    func facadeRequest(_ call: SourceNode, scope: Int) -> [SourceMessage]? {
        if let messages = providerBodyRequest(call, scope: scope) { return messages }
        guard case .call(let callee, _) = call.kind, let last = callee.lastName, Self.facadeSendNames.contains(last),
            let passed = call.argument("messages", position: 0), holdsRoleMessages(passed, scope: scope)
        else { return nil }
        let messages = messageList(passed, scope: scope)
        return messages.isEmpty ? nil : messages
    }

    /// Keyword names under which a Python call to a project's own facade passes the system text it sends
    /// before the messages (`api.generate_content(system_instruction=system, messages=history)`).
    static let facadeSystemLabels: Set<String> = ["system_instruction", "system_prompt"]

    /// The messages a Python facade call names by keyword, or nil when the call is not one: a call the
    /// analysis cannot follow (a method of an attribute, `self.api.send(…)`) that passes
    /// `system_instruction=` (or `system_prompt=`) and `messages=` (or `contents=`). The keywords say what the
    /// facade sends: the system text, then the conversation, as every provider orders them. A facade's own sending
    /// names (`generate`) are left to the readers of those (`conversation(inRequestWithSystem:scope:)`).
    func keywordFacadeRequest(_ call: SourceNode, scope: Int) -> [SourceMessage]? {
        guard module.language == .python, case .call(let callee, let args) = call.kind,
            !Self.facadeSendNames.contains(callee.lastName ?? ""),
            let system = args.first(where: { $0.label.map(Self.facadeSystemLabels.contains) == true })?.value,
            let messages = args.first(where: { $0.label == "messages" || $0.label == "contents" })?.value
        else { return nil }
        let systemMessages = content(.system, system, scope: scope)
        guard !systemMessages.isEmpty else { return nil }
        let listed = holdsMessageList(messages, scope: scope) ? messageList(messages, scope: scope) : []
        return systemMessages + (listed.isEmpty ? [conversation(messages, scope: scope)] : listed)
    }

    /// The messages of a helper call given one provider-shaped body (`runTurn({ system: blocks, messages,
    /// onProgress })`) that the analysis cannot follow to the SDK call (the helper builds the request from
    /// its destructured options): the system text or blocks, then the messages, as a provider sends them.
    func providerBodyRequest(_ call: SourceNode, scope: Int) -> [SourceMessage]? {
        guard case .call(_, let args) = call.kind, args.count == 1, let body = args.first, body.label == nil, !body.spread,
            let system = body.value.entry("system"), let messages = body.value.entry("messages")
        else { return nil }
        let systemMessages = content(.system, system, scope: scope)
        guard !systemMessages.isEmpty else { return nil }
        return systemMessages + messageList(messages, scope: scope)
    }

    /// True when `node` is a list (or a `+` of lists, or a name bound to one) with a role-tagged message.
    func holdsRoleMessages(_ node: SourceNode, scope: Int) -> Bool {
        holdsList(node, scope: scope) { items, scope, depth in
            items.contains { isRoleMessage($0, scope: scope, depth: depth + 1) }
        }
    }

    /// A message literal with a role, a message constructor, or a name bound to either.
    private func isRoleMessage(_ node: SourceNode, scope: Int, depth: Int) -> Bool {
        guard depth < 6 else { return false }
        if Self.buildsMessage(node) || node.entry("role") != nil { return true }
        guard case .name(let name) = node.kind, let bound = boundValue(of: name, at: node, scope: scope) else { return false }
        return isRoleMessage(bound.node, scope: bound.scope, depth: depth + 1)
    }
}
