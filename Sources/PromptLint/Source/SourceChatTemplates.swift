/// LangChain chat templates given their messages (`ChatPromptTemplate.from_messages([…])`, or the
/// constructor `ChatPromptTemplate([…])`), filled where they are invoked, and the conversation a chain adds
/// after them with `+` (`rag_chain = prompt + state.messages | llm`): LangChain appends a list's messages to
/// the template's, so the conversation comes after the system message and whatever fills it per request.
extension SourceAnalysis {
    /// The messages of the chat template `call` builds from `messages`, with the values each invocation
    /// passes, then the conversation added after it; slots filled per turn before a conversation are per request.
    func chatTemplateRequest(_ call: SourceNode, messages: SourceNode, scope: Int) -> [SourceMessage] {
        templateValues = invocationValues(of: call)
        defer { templateValues = nil }
        let out = messageList(messages, scope: scope, template: true) + conversationAdded(after: call)
        return filledPerTurn(unfilledInRephrasePrompt(out, template: call), filler: "the values each invocation passes")
    }

    /// The conversation added after the template `call` is assigned to, by an assignment of this file
    /// (`prompt + messages`, also at the head of a chain `prompt + messages | llm`); a text added there is a
    /// human message (not a conversation) and a list literal is left to the template's own reading. Empty
    /// when nothing is added.
    private func conversationAdded(after call: SourceNode) -> [SourceMessage] {
        guard let (name, _) = assignedName(containing: call) else { return [] }
        for (index, scope) in scopes.enumerated() {
            for key in scope.assignments.keys.sorted() where key != name {
                for value in scope.assignments[key] ?? [] {
                    guard let added = Self.added(after: name, in: value) else { continue }
                    switch added.kind {
                    case .name, .member, .index, .call:
                        if !isTextual(added) { return [conversation(added, scope: index)] }
                    default: continue
                    }
                }
            }
        }
        return []
    }

    /// What `node` (`name + x`, or a chain `name + x | llm`) adds after `name`, or nil.
    private static func added(after name: String, in node: SourceNode) -> SourceNode? {
        switch node.kind {
        case .binary("|", let left, _): return added(after: name, in: left)
        case .binary("+", let left, let right):
            guard case .name(let n) = left.kind, n == name else { return nil }
            return right
        default: return nil
        }
    }

    /// Whether `node` is a list literal (`[…]`).
    static func isListLiteral(_ node: SourceNode?) -> Bool {
        guard let node, case .list = node.kind else { return false }
        return true
    }
}
