extension [TemplateSegment] {
    /// True when some segment is text (what a prompt writes), not slots alone.
    var holdsText: Bool { contains { if case .text = $0 { true } else { false } } }
}

/// One message a request in source code sends.
struct SourceMessage {
    var role: MessageRole
    var segments: [TemplateSegment]
    var position: SourcePosition
    var cacheBreakpoint = false

    /// This message with the provenance of each slot `reclassify` gives one for replaced by it; the slots it
    /// returns nil for, and the text, are kept as they are.
    func reclassifyingSlots(_ reclassify: (TemplateSlot) -> SlotClass?) -> SourceMessage {
        var out = self
        out.segments = segments.map { segment in
            guard case .slot(var slot) = segment, let provenance = reclassify(slot) else { return segment }
            slot.provenance = provenance
            return .slot(slot)
        }
        return out
    }
}

extension SourceAnalysis {
    /// The messages a prompt-carrying call sends (tools, system, then messages), or nil when the call is
    /// not one the readers know.
    func request(_ call: SourceNode, scope: Int) -> [SourceMessage]? {
        guard case .call(let callee, let args) = call.kind else { return nil }
        let path = callee.dottedPath ?? ""
        let last = callee.lastName ?? ""
        let b = Bindings()
        var out: [SourceMessage] = []
        func add(_ role: MessageRole, _ node: SourceNode?, template: Bool = false) {
            guard let node else { return }
            out += content(role, node, scope: scope, template: template)
        }
        // `await asyncio.to_thread(client.messages.create, model=…, system=…, messages=…)`: the function,
        // called in a worker thread with the arguments that follow it.
        if last == "to_thread", let function = args.first, function.label == nil, !function.spread {
            return request(SourceNode(kind: .call(function.value, Array(args.dropFirst())), range: call.range), scope: scope)
        }
        switch last {
        case let method where RequestMethods.chatBodies.contains(method):
            // `chat(env, { system, messages })`: a project's own wrapper given its context first, then the body.
            if let body = Self.laterProviderBody(args) { return request(objectCall(call, body), scope: scope) }
            // `createChatCompletion({ model, messages })`: the OpenAI Node SDK before v4.
            // `runtime.stream({ model, system, messages })`: a project's own runtime or client wrapper given a
            // provider-shaped body (the conversation with the model or the system text beside it).
            let providerBody = args.first.map { first in
                first.label == nil && first.value.entry("messages") != nil
                    && (first.value.entry("system") != nil || first.value.entry("model") != nil)
            } ?? false
            let isRequest = path.contains("messages") || path.contains("completions") || path.contains("responses")
                || RequestMethods.namedCompletions.contains(last) || call.argument("messages") != nil
                || providerBody
            guard isRequest else { return nil }
            // instructor: `create(messages=…, context={"doc": doc})` renders each message's text as a Jinja
            // template with those values, so its `{{ doc }}` is a slot, not text.
            let jinja = instructorContext(call, scope: scope)
            templateValues = jinja
            defer { templateValues = nil }
            if let tools = call.argument("tools") { out.append(toolsMessage(tools, scope: scope)) }
            add(.system, call.argument("system"), template: jinja != nil)
            add(.system, call.argument("instructions"))
            // `llm.chat(messages)` gives the list first; `ollama.chat({ model, messages })` gives one body object,
            // read below as the request's options.
            let listFirst = (last.hasPrefix("a") || last == "chat") && !Self.isObjectLiteral(args.first(where: { $0.label == nil && !$0.spread })?.value)
            if let messages = call.argument("messages", position: listFirst ? 0 : nil) {
                out += messageList(messages, scope: scope, template: jinja != nil)
            }
            if let input = call.argument("input") {
                if case .list = input.kind { out += messageList(input, scope: scope) } else { add(.user, input) }
            }
            // The body object, alone or with request options after it (`create({ … }, { responseType: "stream" })`).
            if let body = args.first, body.label == nil, case .dict = body.value.kind, out.isEmpty { return request(objectCall(call, body.value), scope: scope) }
            // `const params: ChatCompletionCreateParams = { model, messages }; create(params)`: the body bound to a
            // name first (typed with the SDK's request type).
            if out.isEmpty, let body = args.first, body.label == nil, !body.spread, case .name(let name) = body.value.kind,
                let bound = boundValue(of: name, at: body.value, scope: scope), case .dict = bound.node.kind
            {
                return request(objectCall(call, bound.node), scope: bound.scope)
            }
            // `params = {"model": m, "messages": [...]}; create(**params)`: the body unpacked as keyword arguments.
            if out.isEmpty, let (body, bodyScope) = splattedBody(args, scope: scope) {
                return request(objectCall(call, body), scope: bodyScope)
            }
        case let method where RequestMethods.converse.contains(method):
            // Bedrock Runtime (boto3): `converse(modelId=…, system=[{"text": …}, {"cachePoint": …}],
            // messages=[{"role": "user", "content": [{"text": …}]}], toolConfig={"tools": […]})`.
            guard call.argument("messages") != nil || call.argument("system") != nil else { return nil }
            if let tools = call.argument("toolConfig")?.entry("tools") { out.append(toolsMessage(tools, scope: scope)) }
            add(.system, call.argument("system"))
            if let messages = call.argument("messages") { out += messageList(messages, scope: scope) }
        case let method where RequestMethods.aiSDK.contains(method):
            guard var options = args.first?.value else { return nil }
            var optionScope = scope
            // `const config: any = { model, system, messages }; streamText(config)`: the options object bound to a
            // name first (typed `any` so the code can add entries to it later).
            if case .name(let name) = options.kind, let bound = boundValue(of: name, at: options, scope: optionScope),
                case .dict = bound.node.kind
            {
                (options, optionScope) = (bound.node, bound.scope)
            }
            if let (tools, s) = optionEntry(options, "tools", scope: optionScope) { out.append(toolsMessage(tools, scope: s)) }
            // `instructions` is the name newer AI SDK releases give the system text (`system` before).
            if let (system, s) = optionEntry(options, "system", scope: optionScope) ?? optionEntry(options, "instructions", scope: optionScope) {
                out += content(.system, system, scope: s)
            }
            if let (messages, s) = optionEntry(options, "messages", scope: optionScope) { out += messageList(messages, scope: s) }
            if let (prompt, s) = optionEntry(options, "prompt", scope: optionScope) { out += content(.user, prompt, scope: s) }
        case "complete", "acomplete":
            // A project's own provider layer (`provider.complete([{ role: "system", … }, { role: "user", … }], tools)`,
            // the provider chosen at run time): the role-tagged list it is given first is the request, as a facade's
            // (`SourceFacadeRequests`). A completion prompt given as text (LlamaIndex's `llm.complete(prompt)`) is not.
            guard let first = args.first, first.label == nil, !first.spread, holdsRoleMessages(first.value, scope: scope)
            else { return nil }
            out += messageList(first.value, scope: scope)
        case "from_messages", "fromMessages":
            guard let list = call.argument("messages", position: 0) else { return nil }
            out = chatTemplateRequest(call, messages: list, scope: scope)
        case "ChatPromptTemplate" where Self.isListLiteral(call.argument("messages", position: 0)):
            // `ChatPromptTemplate([("system", …), …])`: the constructor given the messages, as `from_messages`.
            guard let list = call.argument("messages", position: 0) else { return nil }
            out = chatTemplateRequest(call, messages: list, scope: scope)
        case let method where Self.formattingMethods.contains(method):
            return foreignTemplateMessages(call, scope: scope)
        case "query":
            return agentSessionRequest(call, scope: scope)
        case "prompt":
            return conversationPromptRequest(call, scope: scope)
        case "as_chat_engine", "from_defaults", "ContextChatEngine", "CondensePlusContextChatEngine", "new ContextChatEngine",
            "new CondensePlusContextChatEngine":
            return chatEngineRequest(call, scope: scope)
        case "from_template", "fromTemplate", "PromptTemplate", "ChatPromptTemplate":
            guard let template = call.argument("template", position: 0) else { return nil }
            let role: MessageRole = path.contains("System") ? .system : path.contains("Chat") || path.contains("Human") ? .user : .unknown
            templateValues = invocationValues(of: call)
            defer { templateValues = nil }
            add(role, template, template: true)
        case "SystemMessage", "HumanMessage", "AIMessage", "ChatMessage", "SystemMessagePromptTemplate":
            out += messageList(SourceNode(kind: .list([call], isSet: false), range: call.range), scope: scope)
        case "invoke", "ainvoke", "generate_content", "generate_content_stream", "send_message", "call", "predict":
            // The system instruction first: Gemini sends it before the contents.
            add(.system, call.argument("system_instruction"))
            // google-genai: `generate_content(model=…, contents=…, config=types.GenerateContentConfig(system_instruction=…))`,
            // the config written there or bound to a name before the call (`SourceSeparateSystem`).
            if let config = call.argument("config"), let (system, s) = configSystem(config, scope: scope) {
                out += content(.system, system, scope: s)
            }
            // `llm.invoke([SystemMessage(…), *history])`, or a name bound to such a list (`[a, b] + history`).
            if let first = args.first, first.label == nil, holdsMessageList(first.value, scope: scope) {
                out += messageList(first.value, scope: scope)
            } else if last.hasPrefix("generate_content"), !out.isEmpty, let contents = call.argument("contents"), holdsMessageList(contents, scope: scope) {
                // `generate_content(model=…, contents=history + [turn], config=…)`: the conversation after the instruction
                // (without one, a list of `contents` may be the parts of one turn: left as before).
                out += messageList(contents, scope: scope)
            } else if last.hasPrefix("generate_content"), !out.isEmpty, let contents = call.argument("contents"), namesConversation(contents, scope: scope) {
                // `generate_content_stream(contents=messages, config=…)`: turns this file does not build, named for the
                // conversation, after the instruction (as `generateContent` reads them).
                out.append(conversation(contents, scope: scope))
            } else if let first = args.first, first.label == nil, !first.spread, isTextual(first.value) || namesText(first.value, in: scope),
                case .member(let receiver, _) = callee.kind, buildsLanguageModel(receiver, scope: scope)
            {
                // `new Replicate({ … }).call(`…`)`, `llm.invoke(prompt)`: one completion prompt, as written.
                add(.unknown, first.value)
            }
        case "GenerativeModel", "getGenerativeModel", "generateContent", "generateContentStream":
            // Gemini: the model's system instruction (google-generativeai, @google/generative-ai) or the
            // request's (`ai.models.generateContent({ model, contents, config: { systemInstruction } })`).
            let options = args.first?.value
            // The config written in the options or bound to a name first (`const config = { systemInstruction }`,
            // then `generateContent({ model, contents, config })`).
            let configured = options?.entry("config").flatMap { configSystem($0, scope: scope) }
            let written = call.argument("system_instruction") ?? options?.entry("systemInstruction")
            if let (system, systemScope) = written.map({ ($0, scope) }) ?? configured {
                out += content(.system, system, scope: systemScope)
                if let history = chatSessionHistory() {
                    out.append(conversation(history.node, scope: history.scope))
                } else if let contents = call.argument("contents") ?? options?.entry("contents"), holdsConversation(contents, scope: scope) {
                    // `generateContent({ config: { systemInstruction }, contents })`: the turns sent after the instruction.
                    out += messageList(contents, scope: scope)
                } else if let contents = call.argument("contents") ?? options?.entry("contents"), namesConversation(contents, scope: scope) {
                    // `contents: conversationHistory`, a value named for the conversation that this file does not build.
                    out.append(conversation(contents, scope: scope))
                }
            } else if let contents = call.argument("contents") ?? options?.entry("contents"), holdsMessageList(contents, scope: scope) {
                // No system instruction: the prompt is written as the first turn of `contents`, before the conversation.
                out += messageList(contents, scope: scope)
            } else if let contents = call.argument("contents") ?? options?.entry("contents"), isTextual(contents) {
                // `generateContent({ model, contents: `…${history}` })`: the whole prompt as one text, written here.
                add(.user, contents)
            } else {
                return nil
            }
        case "render", "format":
            guard case .member(let receiver, _) = callee.kind, let loader = receiver.dottedPath,
                loader.contains("get_template") || loader.contains("read_text") || loader.contains("readFileSync")
                    || loader.contains("read()")
            else { return nil }
            var segments: [TemplateSegment] = [.slot(TemplateSlot(
                expression: "include \(text(of: receiver))", source: text(of: call), position: source.position(call.range.lowerBound),
                isInclude: true))]
            for arg in args {
                if case .slot(var s) = slot(arg.value, scope: scope, bindings: b), let p = s.provenance, p.volatility != .constant {
                    s.expression = (arg.label.map { "\($0)=" } ?? "") + s.expression
                    segments.append(.slot(s))
                }
            }
            out.append(SourceMessage(role: .unknown, segments: segments, position: source.position(call.range.lowerBound)))
        default:
            return agentRequest(call, scope: scope)
        }
        return out.isEmpty ? nil : out
    }

    /// The entry `key` of a request's options object with the scope its names resolve in: written in the
    /// object, or brought by an object spread into it from a function of this file that returns an object
    /// literal (`generateText({ ...(await agentOptions()), messages })`, where `agentOptions()` returns
    /// `{ model, system, tools }`). Entries written after a spread override it, as in JavaScript.
    func optionEntry(_ options: SourceNode, _ key: String, scope: Int) -> (SourceNode, Int)? {
        guard case .dict(let entries) = options.kind else { return nil }
        for entry in entries.reversed() {
            if entry.keyName == key { return (entry.value, scope) }
            guard entry.keyName == nil, entry.key == nil else { continue }
            var spread = entry.value
            while case .other(let inner) = spread.kind, inner.count == 1 { spread = inner[0] }
            // `...(system ? { system } : {})`, `...(system && { system })`: an entry set only when it has a value.
            if let value = Self.conditionalEntry(spread, key) { return (value, scope) }
            guard case .call(let callee, _) = spread.kind, let function = functionScope(named: callee.dottedPath ?? ""),
                let value = returnedObjectEntry(of: function, key)
            else { continue }
            return (value, function)
        }
        return nil
    }

    /// The entry `key` of an object spread only on a condition: a branch of `c ? { key: v } : {}` or the right side
    /// of `c && { key: v }`, parentheses around either allowed.
    static func conditionalEntry(_ node: SourceNode, _ key: String) -> SourceNode? {
        var branches: [SourceNode]
        switch node.kind {
        case .conditional(let values): branches = values
        case .binary("&&", _, let right): branches = [right]
        default: return nil
        }
        for var branch in branches {
            while case .other(let inner) = branch.kind, inner.count == 1 { branch = inner[0] }
            if let value = branch.entry(key) { return value }
        }
        return nil
    }

    /// LangChain model classes whose `call`/`invoke`/`predict` take the prompt as one text.
    static let languageModelClasses: Set<String> = [
        "OpenAI", "ChatOpenAI", "AzureOpenAI", "AzureChatOpenAI", "ChatAnthropic", "Replicate", "Ollama", "ChatOllama",
        "ChatGroq", "ChatMistralAI", "ChatGoogleGenerativeAI", "ChatVertexAI", "HuggingFaceInference", "Cohere", "ChatCohere",
        "ChatBedrockConverse", "ChatFireworks", "ChatTogetherAI", "LlamaCpp", "ChatDeepSeek", "ChatXAI",
    ]

    /// True when `receiver` is a LangChain model built in this file (`new ChatOpenAI({ … })`, `ChatOpenAI(model=…)`),
    /// directly or through the name it is assigned to; the OpenAI SDK's own client has no `call`/`invoke`.
    private func buildsLanguageModel(_ receiver: SourceNode, scope: Int) -> Bool {
        var node = receiver
        if let name = Self.referenceName(receiver),
            case .value(let value, _, _) = lookup(name, scope: scope, before: receiver.range.lowerBound, bindings: Bindings())
        {
            node = value
        }
        guard case .call(let callee, let args) = node.kind, let name = callee.lastName.map(Self.withoutNew) else { return false }
        // `new OpenAI({ apiKey })` is the SDK client unless it names a completion model.
        if name == "OpenAI" || name == "AzureOpenAI" {
            return args.first?.value.entry("model") != nil || args.first?.value.entry("modelName") != nil || args.contains { $0.label == "model" }
        }
        return Self.languageModelClasses.contains(name)
    }

    /// The one provider-shaped body (an object literal with `messages` and a `system` or `model`) among a
    /// call's positional arguments when the first is something else: `chat(env, { system, messages })`, a
    /// project's wrapper given its context or settings before the body. Nil when the first argument is an object
    /// or a list (read as the body or the messages), or when more than one argument looks like a body.
    static func laterProviderBody(_ args: [SourceArgument]) -> SourceNode? {
        let positional = args.filter { $0.label == nil && !$0.spread }.map(\.value)
        guard let first = positional.first, !isObjectLiteral(first) else { return nil }
        if case .list = first.kind { return nil }
        let bodies = positional.dropFirst().filter {
            $0.entry("messages") != nil && ($0.entry("system") != nil || $0.entry("model") != nil)
        }
        return bodies.count == 1 ? bodies.first : nil
    }

    /// Whether `node` is a dict or object literal (`{ model, messages }`): `client.chat.completions.create({ ... })`
    /// in scripts, whose options object's entries are read as arguments.
    static func isObjectLiteral(_ node: SourceNode?) -> Bool {
        guard let node, case .dict = node.kind else { return false }
        return true
    }

    private func objectCall(_ call: SourceNode, _ options: SourceNode) -> SourceNode {
        guard case .call(let callee, _) = call.kind, case .dict(let entries) = options.kind else { return call }
        let args = entries.compactMap { e in e.keyName.map { SourceArgument(label: $0, value: e.value) } }
        return SourceNode(kind: .call(callee, args), range: call.range)
    }

    /// `segment` named by the argument a call passes for it when it is a parameter of the helper `function` that
    /// only its name judges (`text` of `cached_block(text)` called as `cached_block(system_prompt)`): the helper
    /// writes whatever it is given, so the caller's name says what the block holds. Other segments are unchanged.
    private func argumentNamed(_ segment: TemplateSegment, function: Int, passed: Bindings) -> TemplateSegment {
        guard case .slot(var s) = segment, let parameter = s.variable, s.provenance == nil || s.provenance?.evidence == .name,
            let argument = passed.values[function]?[parameter], let name = argument.node.unwrapped.dottedPath
        else { return segment }
        s.variable = name
        s.provenance = nil
        return .slot(s)
    }

    private func toolsMessage(_ tools: SourceNode, scope: Int) -> SourceMessage {
        var segment = slot(tools, scope: scope, bindings: Bindings())
        // Tool definitions are code: a table of them (`{ ...discordTools, ...memoryTools }`) is fixed per
        // deployment unless data flow finds a clock, random or request value in it; their names say nothing.
        if case .slot(var s) = segment, trace(tools, scope: scope, bindings: Bindings()).volatile == nil {
            s.provenance = SlotClass(volatility: .constant, kind: .value, reason: "tool definitions not traced to a per-request value")
            segment = .slot(s)
        }
        return SourceMessage(role: .tools, segments: [segment], position: source.position(tools.range.lowerBound))
    }

    /// A message's content: a string-like value, or a list of content blocks (with `cache_control`). `bindings`
    /// hold the arguments of the helper call whose returned blocks are read (empty elsewhere).
    func content(
        _ role: MessageRole, _ node: SourceNode, scope: Int, template: Bool = false, bindings: Bindings = Bindings()
    ) -> [SourceMessage] {
        let position = source.position(node.range.lowerBound)
        // `const system = [{ type: "text", text: …, cache_control: … }, …]; create({ system })`: the blocks the name holds.
        if case .name(let name) = node.kind,
            case let (value, s, _)? = boundValue(of: name, at: node, scope: scope),
            case .list(let blocks, _) = value.kind, Self.holdsContentBlocks(blocks)
        {
            consumed.insert(name)
            // `system.push({ type: "text", text: state })` before the send: the blocks pushed after the list's own.
            let pushed = (scopes[s].appends[name] ?? []).filter { s != scope || $0.range.lowerBound < node.range.lowerBound }
            guard !pushed.isEmpty else { return content(role, value, scope: s, template: template) }
            return content(role, SourceNode(kind: .list(blocks + pushed, isSet: false), range: value.range), scope: s, template: template)
        }
        // `system=_system_blocks(knowledge)`: the content blocks a helper of this file returns, read in its scope
        // with its parameters bound to this call's arguments (`cached_block(SYSTEM_PROMPT)` caches that prompt, not a
        // value judged by the parameter's name).
        if case .call(let callee, let args) = node.kind, let function = functionScope(named: callee.dottedPath ?? ""),
            let value = scopes[function].returns.last, case .list(let blocks, _) = value.kind, Self.holdsContentBlocks(blocks)
        {
            let passed = bind(function, args: args, callerScope: scope, bindings: bindings)
            return content(role, value, scope: function, template: template, bindings: passed).map { message in
                var named = message
                named.segments = message.segments.map { argumentNamed($0, function: function, passed: passed) }
                return named
            }
        }
        let fields: FieldValues? = template ? (templateValues ?? FieldValues(scope: scope, template: true)) : nil
        if case .list(let blocks, _) = node.kind, Self.holdsContentBlocks(blocks) {
            var segments: [TemplateSegment] = []
            var breakpoint = false
            var out: [SourceMessage] = []
            let lastMarked = blocks.lastIndex(where: SourceCacheMarkers.marks)
            for (k, block) in blocks.enumerated() {
                if let text = block.entry("text") {
                    segments += render(text, scope: scope, bindings: bindings, fields: fields)
                } else if case .other(let inner) = block.kind, inner.count == 1, isSpread(block), let m = lastMarked, k < m {
                    // `...(dynamic ? [{ type: "text", text: dynamic }] : [])` before a breakpoint: blocks in the
                    // prefix the code asks to cache (after the last one, nothing is asked to be cached).
                    segments.append(slot(inner[0], scope: scope, bindings: bindings))
                }
                if SourceCacheMarkers.marks(block) { breakpoint = true }
                // A breakpoint ends the cached part of any message: the blocks after it are not cached.
                if breakpoint {
                    out.append(SourceMessage(role: role, segments: segments, position: position, cacheBreakpoint: true))
                    segments = []
                    breakpoint = false
                }
            }
            if !segments.isEmpty || out.isEmpty {
                out.append(SourceMessage(role: role, segments: segments, position: position, cacheBreakpoint: breakpoint))
            }
            return out
        }
        // Gemini's `{"role": "user", "parts": [intro]}`: the message's texts, each rendered where it is built
        // (a value that enters `intro` is reported at its own line, not at the list).
        if case .list(let parts, _) = node.kind, !parts.isEmpty, !parts.contains(where: { if case .dict = $0.kind { true } else { false } }) {
            let segments = parts.flatMap { render($0, scope: scope, bindings: Bindings(), fields: fields) }
            return [SourceMessage(role: role, segments: segments, position: position)]
        }
        return [SourceMessage(role: role, segments: render(node, scope: scope, bindings: Bindings(), fields: fields), position: position)]
    }
}
