/// Prompts built by a function of one module and sent by a request in another, before the
/// conversation: `messages: [...getSystemMessage(), ...messages]`, `streamText({ system:
/// buildAgentPrompt({ userName }), messages })`. The function's module is where a volatile value
/// enters the prompt, so the finding is reported there; the request's module supplies the conversation
/// that follows it (the other file is named in the conversation's reason).
extension SourceAnalysis {
    /// True for a call given a request's `system=` and `messages=` by name (`self._send(model=…, system=…,
    /// messages=…)`).
    private static func passesSystemAndMessages(_ call: SourceNode) -> Bool {
        call.argument("system") != nil && call.argument("messages") != nil
    }

    /// For each function of another module of the folder whose output a request here sends before the
    /// conversation: that module, the function's scope, and the conversation (a slot of this file).
    func foreignPromptFunctionsBeforeConversation() -> [(module: SourceAnalysis, function: Int, conversation: TemplateSlot)] {
        guard modules != nil else { return [] }
        var out: [(SourceAnalysis, Int, TemplateSlot)] = []
        // The file's own request wrappers (`self._send(model=…, system=…, messages=…)`) are calls of its functions.
        var wrapped: [(node: SourceNode, scope: Int)] = []
        for name in module.otherCalls.keys.sorted() where module.functions[name] != nil {
            for site in module.otherCalls[name] ?? [] {
                if let call = module.parsedCall(at: site.token), Self.passesSystemAndMessages(call) {
                    wrapped.append((call, site.scope))
                }
            }
        }
        var pending: [(node: SourceNode, conversation: SourceNode, scope: Int)] = []
        for (call, scope) in module.calls + wrapped {
            // A request call, or a call of the file's own wrapper given a request's `system=` and `messages=`
            // (`self._call_with_retry(model=…, system=…, messages=…)`, which passes them on as `**kwargs`).
            guard case .call(let callee, let args) = call.kind else { continue }
            let options = args.first.flatMap { $0.label == nil ? $0.value : nil }
            // google-genai's `generate_content(contents=messages, config=GenerateContentConfig(system_instruction=build(…)))`:
            // the config's instruction comes before the contents.
            if RequestMethods.gemini.contains(callee.lastName ?? ""),
                let contents = call.argument("contents") ?? options?.entry("contents"),
                let config = call.argument("config") ?? options?.entry("config"),
                let (system, systemScope) = configSystem(config, scope: scope), systemScope == scope
            {
                pending.append((system, contents, scope))
                continue
            }
            guard RequestMethods.systemBeforeMessages.contains(callee.lastName ?? "") || Self.passesSystemAndMessages(call) else { continue }
            guard let messages = call.argument("messages") ?? options?.entry("messages") else { continue }
            var items: [SourceNode] = []
            if case .list(let list, _) = messages.kind { items = list }
            // `system: buildPrompt(…)` comes before every message.
            var candidates: [(SourceNode, conversation: SourceNode)] = []
            if let system = call.argument("system") ?? options?.entry("system") ?? options?.entry("instructions"), !items.isEmpty || Self.referenceName(messages) != nil
                || messages.dottedPath.map({ $0.hasSuffix("messages") || $0.hasSuffix("Messages") }) == true
                || Self.convertsMessages(messages) || Self.readsStoredTurns(messages) {
                candidates.append((system, items.last ?? messages))
            }
            for (k, item) in items.enumerated() where k + 1 < items.count { candidates.append((item, items[items.count - 1])) }
            pending += candidates.map { ($0.0, $0.conversation, scope) }
        }
        // A message list built here and handed to code the readers do not know (`const messagesForLlm = [{ role:
        // "system", content: buildSystemPrompt(…) }, ...this.window(history)]; this.llm.createCompletion(messagesForLlm)`):
        // each system message that opens it (`[{ role: "system", content: BASE }, { role: "system", content:
        // buildMemoryPrompt(user) }, ...recent]`) comes before the conversation that ends it.
        for (index, s) in scopes.enumerated() where module.language == .script {
            for (name, values) in s.assignments.sorted(by: { $0.key < $1.key }) where !name.contains(".") {
                guard let value = values.last, case .list(let items, false) = value.kind, items.count >= 2 else { continue }
                for item in items.dropLast() {
                    guard let role = item.entry("role")?.plainString, RoleNames.role(role) == .system else { break }
                    pending.append((item, items[items.count - 1], index))
                }
            }
        }
        for (node, last, scope) in pending {
            // The conversation is messages built elsewhere (`...messages`, `state.messages`), not a message written here.
            switch last.kind {
            case .name, .member, .other, .call: break
            default: continue
            }
            guard !isForeignFunctionOutput(last, scope: scope) || isForeignHistory(last, scope: scope) else { continue }
            // `if new: prompt = builder.build(…) else: prompt = legacy_prompt(…)`: each branch's function.
            var producers: [(SourceAnalysis, Int)] = []
            var values = [node]
            if case .name(let name) = node.kind {
                values += (scopes[scope].assignments[name] ?? []).filter { $0.range.upperBound <= node.range.lowerBound }
            }
            for value in values {
                if let found = foreignFunction(producing: value, scope: scope),
                    !producers.contains(where: { $0.0 === found.0 && $0.1 == found.1 })
                {
                    producers.append(found)
                }
            }
            guard !producers.isEmpty, case .slot(var history) = conversation(last, scope: scope).segments.first,
                history.provenance?.kind == .history
            else { continue }
            history.provenance?.reason = "the conversation \(path) line \(source.position(last.range.lowerBound).line) sends after this prompt"
            for (m, function) in producers { out.append((m, function, history)) }
        }
        return out
    }

    /// For each function of another module whose message a function here puts in front of a conversation it
    /// was given (`history = messages.copy(); history.insert(0, Builder.system_message())`, then the list goes
    /// on to whatever sends it): that module, the function's scope, and the conversation (a slot of this file).
    func foreignMessagesBeforeReceivedConversation() -> [(module: SourceAnalysis, function: Int, conversation: TemplateSlot)] {
        guard modules != nil else { return [] }
        var out: [(SourceAnalysis, Int, TemplateSlot)] = []
        for (index, scope) in scopes.enumerated() {
            for (name, items) in scope.prepends.sorted(by: { $0.key < $1.key }) where !name.contains(".") {
                guard let front = items.last, SourceReader.receivedList(name, in: scope, before: front.range.lowerBound),
                    let (m, function) = foreignFunction(producing: front, scope: index)
                else { continue }
                let received = scope.assignments[name]?.last(where: { $0.range.upperBound <= front.range.lowerBound })
                    ?? SourceNode(kind: .name(name), range: front.range.lowerBound..<front.range.lowerBound)
                guard case .slot(var history) = conversation(received, scope: index).segments.first, history.provenance?.kind == .history
                else { continue }
                history.provenance?.reason = "the conversation `\(name)` that \(path) line \(source.position(front.range.lowerBound).line) puts this message in front of"
                out.append((m, function, history))
            }
        }
        return out
    }

    /// The function of another module whose result `node` is: `f(…)`, `await f(…)`, `...f(…)`, or a name
    /// bound to one of these (each branch of `cond ? [...x, extra] : x` counts).
    func foreignFunction(producing node: SourceNode, scope: Int, depth: Int = 0) -> (SourceAnalysis, Int)? {
        guard depth < 6 else { return nil }
        switch node.kind {
        case .call(let callee, _):
            if let dotted = callee.dottedPath, case .function(let m, let function)? = foreign(dotted) { return (m, function) }
            return importedClassMethod(callee)
        case .name(let name):
            guard let bound = boundValue(of: name, at: node, scope: scope) else { return nil }
            return foreignFunction(producing: bound.node, scope: bound.scope, depth: depth + 1)
        case .other(let inner) where inner.count == 1:
            return foreignFunction(producing: inner[0], scope: scope, depth: depth + 1)
        case .conditional(let options):
            for option in options { if let found = foreignFunction(producing: option, scope: scope, depth: depth + 1) { return found } }
            return nil
        case .dict:
            // `{ role: 'system', content: getSystemPrompt(options) }`: a message whose text the function returns.
            guard node.entry("role") != nil, let content = node.entry("content") else { return nil }
            return foreignFunction(producing: content, scope: scope, depth: depth + 1)
        case .list(let items, false):
            // `[...systemMessages, { role: "system", content: research }]`: the list opens with the function's messages.
            return items.first.flatMap { foreignFunction(producing: $0, scope: scope, depth: depth + 1) }
        case .string, .binary:
            // `` `${getSystemPrompt()}. Summary: ${summary}` ``, `"" + getPrompt()`, `override ?? getPrompt()` (`SourceOpeningParts`).
            for part in Self.openingParts(of: node) {
                if let found = foreignFunction(producing: part, scope: scope, depth: depth + 1) { return found }
            }
            return nil
        default:
            return nil
        }
    }

    /// `self.builder.build_prompt(…)` where `self.builder = PromptBuilder()` and `PromptBuilder` is imported
    /// from another module of the folder: that module's method of the name.
    func importedClassMethod(_ callee: SourceNode) -> (SourceAnalysis, Int)? {
        guard let modules, case .member(let owner, let method) = callee.kind, case .member(let root, let attribute) = owner.kind,
            case .name(let base) = root.kind, ["self", "this"].contains(base),
            let (_, value) = attributes[attribute], case .call(let make, _) = value.kind, case .name(let cls) = make.kind,
            let imported = imports[cls], let m = modules.module(imported.module, from: self),
            let function = m.module.functions[method]
        else { return nil }
        return (m, function)
    }

    private func isForeignFunctionOutput(_ node: SourceNode, scope: Int) -> Bool {
        foreignFunction(producing: node, scope: scope) != nil
    }

    /// True when `node` is the output of another module's function named for the conversation
    /// (`build_messages_with_history(…)`, `loadChatHistory()`): the stored turns, not a prompt of its own.
    private func isForeignHistory(_ node: SourceNode, scope: Int) -> Bool {
        guard let (m, function) = foreignFunction(producing: node, scope: scope), let name = m.scopes[function].name else { return false }
        return SlotClassifier().nameClass(of: name)?.kind == .history
    }

    /// The other module's prompt function whose output the text `function` returns opens with
    /// (`return get_base_prompt() + SCHEMA`, `` return `${basePrompt()}…` ``): a request sending this
    /// function's text sends that one's first, so the same conversation follows it.
    func openingForeignFunction(of function: Int) -> (SourceAnalysis, Int)? {
        guard var value = scopes[function].returns.last else { return nil }
        while case .binary("+", let left, _) = value.kind { value = left }
        guard case .call = value.kind else { return nil }
        return foreignFunction(producing: value, scope: function)
    }

    /// The request a linked function sends when its output goes before `conversation` in another file:
    /// its returned messages (a list) or its returned text as the system message, then the conversation.
    func linkedFunctionRequest(_ function: Int, conversation: TemplateSlot) -> [SourceMessage]? {
        guard let value = principalReturn(of: function) else { return nil }
        if let name = scopes[function].name { consumed.insert(name) }
        let bindings = Bindings()
        var messages: [SourceMessage]
        var formatsTemplate = false
        if case .list = value.kind {
            messages = messageList(value, scope: function)
        } else if case .name = value.kind, !isTextual(value), !namesText(value, in: function) {
            messages = messageList(value, scope: function)
        } else if case .call = value.kind, let text = Self.contentText(value) {
            // `return Content(role="user", parts=[Part(text=text)])`, sent as a Gemini system instruction: its text,
            // which may be a template formatted here whose text is kept elsewhere (`SYSTEM_TEXT.format(now=…)`).
            formatsTemplate = formatsKeywords(text, scope: function)
            messages = [SourceMessage(
                role: .system, segments: render(text, scope: function, bindings: bindings), position: source.position(value.range.lowerBound))]
        } else if Self.isOneMessage(value) {
            // `return Message(role="system", content=text)`, `return {"role": "system", "content": text}`: that message.
            messages = messageList(SourceNode(kind: .list([value], isSet: false), range: value.range), scope: function)
        } else if isTextual(value) || namesText(value, in: function) || Self.formatsLoadedText(value) {
            messages = [SourceMessage(
                role: .system, segments: render(value, scope: function, bindings: bindings), position: source.position(value.range.lowerBound))]
        } else {
            return nil
        }
        // Text written here, or a template file's text (`f.read().format(…)`).
        guard Self.formatsLoadedText(value) || formatsTemplate || messages.contains(where: \.segments.holdsText)
        else { return nil }
        messages.append(SourceMessage(role: .unknown, segments: [.slot(conversation)], position: conversation.position))
        return messages
    }

    /// True for one message written in place: a dict with a role, a LangChain message, or a typed message
    /// given its role and content as keywords (`Message(role="system", content=…)`).
    static func isOneMessage(_ value: SourceNode) -> Bool {
        if value.entry("role") != nil || buildsMessage(value) { return true }
        guard case .call(_, let args) = value.kind else { return false }
        return args.contains { $0.label == "role" } && args.contains { $0.label == "content" }
    }

    /// True when `node` (or the value the name `node` is bound to in `scope`) fills a template by keywords
    /// (`SYSTEM_TEXT.format(current_time=now)`): text kept elsewhere (a setting, the environment), a prompt's template.
    private func formatsKeywords(_ node: SourceNode, scope: Int) -> Bool {
        let value = throughNames(node, scope: scope, bindings: Bindings(), steps: 1).node
        guard case .call(let callee, let args) = value.kind, case .member(_, "format") = callee.kind else { return false }
        return !args.isEmpty && args.allSatisfy { $0.label != nil }
    }

    /// True for `.format(…)` called on text read from a file (`f.read().format(…)`, `path.read_text().format(…)`).
    private static func formatsLoadedText(_ value: SourceNode) -> Bool {
        guard case .call(let callee, _) = value.kind, case .member(let receiver, "format") = callee.kind,
            case .call(let read, _) = receiver.kind
        else { return false }
        return ["read", "read_text"].contains(read.lastName ?? "")
    }
}
