/// Claude Agent SDK sessions: `query({ prompt, options: { systemPrompt, resume } })` (TypeScript) and
/// `query(prompt=…, options=ClaudeAgentOptions(system_prompt=…, resume=…))` (Python). The SDK sends the system
/// prompt before the session's conversation on every model call; a resumed session carries the earlier turns.
extension SourceAnalysis {
    /// The system prompt and conversation of an agent session query, or nil when the call is not one.
    func agentSessionRequest(_ call: SourceNode, scope: Int) -> [SourceMessage]? {
        guard case .call(let callee, let args) = call.kind, case .name = callee.kind else { return nil }
        let options = call.argument("options") ?? args.first.flatMap { $0.label == nil ? $0.value.entry("options") : nil }
        guard var options else { return nil }
        var scope = scope
        if case .name(let name) = options.kind,
            case .value(let value, let s, _) = lookup(name, scope: scope, before: options.range.lowerBound, bindings: Bindings())
        {
            options = value
            scope = s
        }
        var system = options.entry("systemPrompt") ?? options.argument("system_prompt")
        // `systemPrompt: { type: "preset", preset: "claude_code", append: … }`: the preset's fixed text, then the addition.
        if let s = system, s.entry("preset") != nil { system = s.entry("append") }
        guard let system else { return nil }
        let position = source.position(call.range.lowerBound)
        var out = content(.system, system, scope: scope)
        let resumed = Self.setsKey(in: options, ["resume", "continue", "continue_conversation", "continueConversation"])
        let history = TemplateSlot(
            expression: "session", variable: nil, source: "the agent session", position: position,
            provenance: SlotClass(
                volatility: .perRequest, kind: .history,
                reason: resumed ? "the resumed session's conversation so far" : "the session's turns and tool results so far"))
        out.append(SourceMessage(role: .unknown, segments: [.slot(history)], position: position))
        return out
    }

    /// True when an options object (or a keyword call, or a conditional spread inside it) sets one of `keys`.
    private static func setsKey(in node: SourceNode, _ keys: Set<String>, depth: Int = 0) -> Bool {
        guard depth < 6 else { return false }
        if case .dict(let entries) = node.kind, entries.contains(where: { $0.keyName.map(keys.contains) == true }) { return true }
        if case .call(_, let args) = node.kind, args.contains(where: { $0.label.map(keys.contains) == true }) { return true }
        return node.children.contains { setsKey(in: $0, keys, depth: depth + 1) }
    }
}
