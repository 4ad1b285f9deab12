/// Templates defined in one place and filled in another, read from the side that fills them: a
/// `.format(...)` whose receiver this pass cannot turn into text (a template read off a configuration
/// object, a constant of an unchecked package) still puts the values it passes into the prompt, at the
/// line of the call; and a name bound to a prompt-named attribute (`system_prompt = runtime.context.system_prompt`)
/// reads the attribute's definition in another module of the folder.
extension SourceAnalysis {
    /// `rendered` (the receiver of a `.format(...)`) with the values the call passes appended as slots
    /// when the receiver stayed one opaque slot: the template's text is unknown here, but every value
    /// passed to it enters the prompt at the call. Constants and values the file cannot trace are left
    /// out (they are not evidence of anything); the order of the values in the template is unknown, so
    /// they follow the template's own slot.
    func withFormatValues(_ rendered: [TemplateSegment], receiver: SourceNode, values: FieldValues, bindings: Bindings)
        -> [TemplateSegment]
    {
        guard rendered.count == 1, case .slot(let opaque) = rendered[0], opaque.position == at(receiver.range.lowerBound) else {
            return rendered
        }
        var out = rendered
        // The template itself, read off an object and named for a prompt (`runtime.context.system_prompt`): text
        // written once and formatted here, not a value of the request, whatever the words before its name say.
        if let attribute = receiver.lastName, attribute != receiver.dottedPath, SourceReader.isPromptName(attribute),
            opaque.provenance.map({ $0.evidence != .evidence }) ?? true
        {
            var template = opaque
            template.provenance = SlotClass(
                volatility: .constant, kind: .value, reason: "`\(attribute)` is the template this call formats (its text is not in sight here)",
                evidence: .name)
            out = [.slot(template)]
        }
        let passed = values.named.sorted { $0.value.range.lowerBound < $1.value.range.lowerBound }.map(\.value) + values.positional
        for value in passed.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            guard case .slot(let s) = slot(value, scope: values.scope, bindings: bindings),
                let provenance = s.provenance, provenance.volatility != .constant, provenance.volatility != .unknown
            else { continue }
            out.append(.slot(s))
        }
        return out
    }

    /// The text a name bound to an attribute read renders to, when the attribute is prompt-named and
    /// defined in another module (`system_prompt = runtime.context.system_prompt`, then
    /// `system_prompt.format(...)`); nil when it is not, or renders to no text.
    func renderedPromptAttribute(_ value: SourceNode, scope: Int, bindings: Bindings, fields: FieldValues?, depth: Int)
        -> [TemplateSegment]?
    {
        guard case .member(_, let attribute) = value.kind, SourceReader.isPromptName(attribute), !isTextual(value) else { return nil }
        let rendered = render(value, scope: scope, bindings: bindings, fields: fields, depth: depth)
        return rendered.holdsText ? rendered : nil
    }
}

extension SourceAnalysis {
    /// A chat template that holds the conversation is filled again on every turn: LangChain's
    /// `ChatPromptTemplate.from_messages([("system", T), MessagesPlaceholder("history"), …])` takes its
    /// variables from each `invoke`, and a LlamaIndex chat engine fills its `context_prompt` with the nodes
    /// it retrieves for each message. A variable left open in a system message before the conversation
    /// whose name says it holds retrieved content (`{context}`, `{context_str}`) is then shown to change
    /// every turn: its slot gets that provenance (`filler` says who fills it). Variables with values
    /// traced here, and other names, are left as they are.
    func filledPerTurn(_ messages: [SourceMessage], filler: String) -> [SourceMessage] {
        let classifier = SlotClassifier()
        func nameClass(_ s: TemplateSlot) -> SlotClass? {
            let name = s.variable ?? s.expression
            return classifier.nameClass(of: name)
        }
        guard let conversation = messages.firstIndex(where: { m in
            m.segments.contains { segment in
                guard case .slot(let s) = segment else { return false }
                return (s.provenance ?? nameClass(s))?.kind == .history
            }
        }) else { return messages }
        return messages.indices.map { i in
            guard i < conversation, messages[i].role == .system else { return messages[i] }
            return messages[i].reclassifyingSlots { s in
                guard s.provenance == nil, let named = nameClass(s), named.kind == .documents, named.volatility == .perRequest
                else { return nil }
                return SlotClass(
                    volatility: .perRequest, kind: .documents,
                    reason: "`\(s.variable ?? s.expression)` is filled with \(filler) on every turn, before the conversation")
            }
        }
    }

    /// A LlamaIndex chat engine built with a `context_prompt` (`index.as_chat_engine(chat_mode="context" |
    /// "condense_plus_context", context_prompt=T, memory=…)`, `ContextChatEngine.from_defaults(…)`,
    /// `CondensePlusContextChatEngine.from_defaults(…)`): the prompt, with the retrieved nodes in
    /// `{context_str}`, is the system message, and the engine's memory (the conversation) follows it.
    ///
    /// Without a `context_prompt` (or given only `text_qa_template`, which these engines ignore), the
    /// engine's default context prompt still puts the retrieved nodes in the system message before the
    /// memory: a `{context_str}` slot at the call stands for it. The same holds in LlamaIndex.TS
    /// (`new ContextChatEngine({ retriever, contextSystemPrompt })`).
    func chatEngineRequest(_ call: SourceNode, scope: Int) -> [SourceMessage]? {
        guard case .call(let callee, let args) = call.kind else { return nil }
        let path = callee.dottedPath ?? ""
        let options = args.first.flatMap { $0.label == nil ? $0.value : nil }
        var prompt = call.argument("context_prompt") ?? options?.entry("contextSystemPrompt")
        // `contextSystemPrompt: ({ context }) => `…``: the arrow function's text is what the engine sends.
        if let p = prompt, case .other(let body) = p.kind, body.count == 1, text(of: p).contains("=>") { prompt = body[0] }
        let position = source.position(call.range.lowerBound)
        let memory = call.argument("memory") ?? options?.entry("chatHistory") ?? options?.entry("memory")
        let history = TemplateSlot(
            expression: "memory", variable: nil, source: memory == nil ? "the chat history" : "memory", position: position,
            provenance: SlotClass(volatility: .perRequest, kind: .history, reason: "the chat engine's memory: the conversation so far"))
        let system: [SourceMessage]
        // `contextSystemPrompt: customQaPrompt`, a function of this file: the text it returns, its parameters unbound.
        if case .name(let name)? = prompt?.kind, let function = functionScope(named: name),
            let returned = scopes[function].returns.last(where: isTextual)
        {
            consumed.insert(name)
            system = content(.system, returned, scope: function, template: true)
        } else if let prompt {
            system = content(.system, prompt, scope: scope, template: true)
        } else if Self.usesDefaultContextPrompt(path: path, mode: call.argument("chat_mode")?.plainString) {
            let nodes = TemplateSlot(
                expression: "context_str", variable: "context_str", source: text(of: callee), position: position,
                provenance: SlotClass(
                    volatility: .perRequest, kind: .documents,
                    reason: "the chat engine's default context prompt puts the nodes it retrieves for each message in the system message"))
            system = [SourceMessage(role: .system, segments: [.slot(nodes)], position: position)]
        } else {
            return nil
        }
        let messages = system + [SourceMessage(role: .unknown, segments: [.slot(history)], position: position)]
        return filledPerTurn(messages, filler: "the nodes the chat engine retrieves for each message")
    }

    /// True for a LlamaIndex engine whose default prompt holds the retrieved context: a context or
    /// condense-plus-context chat engine built directly, or `as_chat_engine(chat_mode=…)` in one of those modes.
    static func usesDefaultContextPrompt(path: String, mode: String?) -> Bool {
        if path.hasSuffix("as_chat_engine") { return mode == "context" || mode == "condense_plus_context" }
        return path.contains("ContextChatEngine")
    }
}
