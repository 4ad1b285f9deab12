/// Simon Willison's `llm` library: `conversation = model.conversation(…)`, then
/// `conversation.prompt(text, system=…)`. Each prompt of a conversation sends the system prompt, then the
/// conversation's earlier prompts and responses (tool calls and results included), then the new text;
/// so a value that changes per call in the system prompt sits before the whole conversation.
extension SourceAnalysis {
    /// The messages a conversation's `prompt` call sends, or nil when the call is not one.
    func conversationPromptRequest(_ call: SourceNode, scope: Int) -> [SourceMessage]? {
        guard case .call(let callee, let args) = call.kind, case .member(let receiver, _) = callee.kind,
            let system = call.argument("system"), isConversationObject(receiver, scope: scope)
        else { return nil }
        let position = source.position(call.range.lowerBound)
        var out = content(.system, system, scope: scope)
        let history = TemplateSlot(
            expression: "conversation", variable: nil, source: text(of: receiver), position: position,
            provenance: SlotClass(
                volatility: .perRequest, kind: .history,
                reason: "`\(text(of: receiver))` is a conversation: each prompt resends its earlier prompts and responses after the system prompt"))
        out.append(SourceMessage(role: .unknown, segments: [.slot(history)], position: position))
        if let input = args.first(where: { $0.label == nil && !$0.spread })?.value {
            out.append(SourceMessage(role: .user, segments: render(input, scope: scope, bindings: Bindings()), position: source.position(input.range.lowerBound)))
        }
        return out
    }

    /// True when `node` is a conversation object: `model.conversation(…)` itself, or a name or attribute
    /// (`self.conversation`) assigned one.
    private func isConversationObject(_ node: SourceNode, scope: Int, depth: Int = 0) -> Bool {
        guard depth < 4 else { return false }
        switch node.kind {
        case .call(let callee, _):
            guard case .member = callee.kind else { return false }
            return callee.lastName == "conversation"
        case .name, .member:
            guard let name = Self.referenceName(node), let bound = boundValue(of: name, at: node, scope: scope) else { return false }
            return isConversationObject(bound.node, scope: bound.scope, depth: depth + 1)
        default:
            return false
        }
    }
}
