/// One message a request in source code sends.
struct SourceMessage {
    var role: MessageRole
    var segments: [TemplateSegment]
    var position: SourcePosition
    var cacheBreakpoint = false
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
        case "from_messages", "fromMessages":
            guard let list = call.argument("messages", position: 0) else { return nil }
            templateValues = invocationValues(of: call)
            defer { templateValues = nil }
            out += messageList(list, scope: scope, template: true)
            out = filledPerTurn(out, filler: "the values each invocation passes")
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
        case "invoke", "ainvoke", "generate_content", "send_message", "call", "predict":
            // `llm.invoke([SystemMessage(…), *history])`, or a name bound to such a list (`[a, b] + history`).
            if let first = args.first, first.label == nil, holdsMessageList(first.value, scope: scope) {
                out += messageList(first.value, scope: scope)
            } else if let first = args.first, first.label == nil, !first.spread, isTextual(first.value) || namesText(first.value, in: scope),
                case .member(let receiver, _) = callee.kind, buildsLanguageModel(receiver, scope: scope)
            {
                // `new Replicate({ … }).call(`…`)`, `llm.invoke(prompt)`: one completion prompt, as written.
                add(.unknown, first.value)
            }
            add(.system, call.argument("system_instruction"))
            // google-genai: `generate_content(model=…, contents=…, config=types.GenerateContentConfig(system_instruction=…))`.
            if let config = call.argument("config"), let system = config.argument("system_instruction") ?? config.entry("system_instruction") {
                add(.system, system)
            }
        case "GenerativeModel", "getGenerativeModel", "generateContent", "generateContentStream":
            // Gemini: the model's system instruction (google-generativeai, @google/generative-ai) or the
            // request's (`ai.models.generateContent({ model, contents, config: { systemInstruction } })`).
            let options = args.first?.value
            let config = options?.entry("config")
            if let system = call.argument("system_instruction") ?? options?.entry("systemInstruction") ?? config?.entry("systemInstruction") {
                add(.system, system)
                if let history = chatSessionHistory() { out.append(conversation(history.node, scope: history.scope)) }
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

    /// `client.chat.completions.create({ ... })` in scripts: the options object's entries as arguments.
    /// Whether `node` is a dict or object literal (`{ model, messages }`).
    static func isObjectLiteral(_ node: SourceNode?) -> Bool {
        guard let node, case .dict = node.kind else { return false }
        return true
    }

    private func objectCall(_ call: SourceNode, _ options: SourceNode) -> SourceNode {
        guard case .call(let callee, _) = call.kind, case .dict(let entries) = options.kind else { return call }
        let args = entries.compactMap { e in e.keyName.map { SourceArgument(label: $0, value: e.value) } }
        return SourceNode(kind: .call(callee, args), range: call.range)
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

    /// A message's content: a string-like value, or a list of content blocks (with `cache_control`).
    func content(_ role: MessageRole, _ node: SourceNode, scope: Int, template: Bool = false) -> [SourceMessage] {
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
        // `system=_system_blocks(knowledge)`: the content blocks a helper of this file returns, read in its scope.
        if case .call(let callee, _) = node.kind, let function = functionScope(named: callee.dottedPath ?? ""),
            let value = scopes[function].returns.last, case .list(let blocks, _) = value.kind, Self.holdsContentBlocks(blocks)
        {
            return content(role, value, scope: function, template: template)
        }
        let fields: FieldValues? = template ? (templateValues ?? FieldValues(scope: scope, template: true)) : nil
        if case .list(let blocks, _) = node.kind, Self.holdsContentBlocks(blocks) {
            var segments: [TemplateSegment] = []
            var breakpoint = false
            var out: [SourceMessage] = []
            let lastMarked = blocks.lastIndex(where: SourceCacheMarkers.marks)
            for (k, block) in blocks.enumerated() {
                if let text = block.entry("text") {
                    segments += render(text, scope: scope, bindings: Bindings(), fields: fields)
                } else if case .other(let inner) = block.kind, inner.count == 1, isSpread(block), let m = lastMarked, k < m {
                    // `...(dynamic ? [{ type: "text", text: dynamic }] : [])` before a breakpoint: blocks in the
                    // prefix the code asks to cache (after the last one, nothing is asked to be cached).
                    segments.append(slot(inner[0], scope: scope, bindings: Bindings()))
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

    /// The values of instructor's `context=` argument (a dict written in the call, or a name bound to one),
    /// which fill the messages' Jinja fields.
    func instructorContext(_ call: SourceNode, scope: Int) -> FieldValues? {
        guard let context = call.argument("context"), let entries = namedEntries(context, scope: scope) else { return nil }
        var values = FieldValues(scope: scope, template: true)
        values.jinja = true
        for (key, value) in entries { values.named[key] = value }
        return values
    }

    /// True when a list holds content blocks (`{ type: "text", text: … }`) rather than messages or data.
    static func holdsContentBlocks(_ items: [SourceNode]) -> Bool {
        items.contains { $0.entry("text") != nil || $0.entry("type") != nil }
    }

    /// The messages of a list: dicts with role/content, `(role, text)` tuples, message objects, spreads.
    /// Words of a function's name that say it only drops messages from a list it is given, to fit a budget
    /// (`trim_messages_to_fit`, `truncateHistory`, `limit_context_window`): the messages kept are the same ones.
    static let trimmingWords: Set<String> = ["trim", "trimmed", "truncate", "truncated", "fit", "prune", "limit", "cap", "budget", "shrink"]

    /// The name a call only trims, when it is given that list first and named for trimming it
    /// (`self.trim_messages_to_fit(messages, max_tokens)` gives `messages`); nil otherwise.
    static func trimmedList(_ node: SourceNode) -> String? {
        guard case .call(let callee, let args) = node.unwrapped.kind, let last = callee.lastName,
            !Set(NameTokens.split(last)).isDisjoint(with: trimmingWords),
            let first = args.first(where: { $0.label == nil && !$0.spread }), case .name(let name) = first.value.kind
        else { return nil }
        return name
    }

    /// The value `name` is bound to at `node`, looking through rebinding it to a trimmed copy of itself
    /// (`messages = self.trim_messages_to_fit(messages, max_tokens)`): the list as built before.
    func untrimmedList(_ name: String, at node: SourceNode, scope: Int) -> (node: SourceNode, scope: Int, bindings: Bindings)? {
        guard var found = boundValue(of: name, at: node, scope: scope) else { return nil }
        for _ in 0..<4 {
            guard Self.trimmedList(found.node) == name, case .call(_, let args) = found.node.unwrapped.kind,
                let first = args.first(where: { $0.label == nil && !$0.spread }),
                let earlier = boundValue(of: name, at: first.value, scope: found.scope)
            else { break }
            found = earlier
        }
        return found
    }

    func messageList(_ node: SourceNode, scope: Int, template: Bool = false, depth: Int = 0) -> [SourceMessage] {
        guard depth < 8 else { return [] }
        switch node.kind {
        case .list(let items, _):
            return items.flatMap { message($0, scope: scope, template: template, depth: depth + 1) }
        case .binary("+", let a, let b):
            return messageList(a, scope: scope, template: template, depth: depth + 1)
                + messageList(b, scope: scope, template: template, depth: depth + 1)
        case .name(let name):
            if case let (value, s, _)? = untrimmedList(name, at: node, scope: scope),
                !Self.isEmptyDefault(value, of: name, in: scopes[s])
            {
                consumed.insert(name)
                // A name bound to one message (`const now = { role: "system", content: … }`) is that message.
                func items(_ item: SourceNode) -> [SourceMessage] {
                    if case .list = item.kind, item.entry("role") == nil {
                        return messageList(item, scope: s, template: template, depth: depth + 1)
                    }
                    return message(item, scope: s, template: template, depth: depth + 1)
                }
                let inLoop = scopes[s].appendedInLoop.contains(name)
                // `context = [system]; context.append(status); context += recent`: what was appended before the
                // `+=` comes before what it adds (the `+=` is recorded as the list it extended `+` the addition).
                var placed: [SourceNode] = []
                var out: [SourceMessage]
                if !inLoop, case .binary("+", let left, let right) = value.kind,
                    scopes[s].assignments[name]?.contains(where: { $0.range == left.range }) == true
                {
                    placed = (scopes[s].appends[name] ?? []).filter {
                        $0.range.lowerBound >= left.range.upperBound && $0.range.lowerBound < right.range.lowerBound
                    }
                    out = messageList(left, scope: s, template: template, depth: depth + 1) + placed.flatMap(items)
                        + messageList(right, scope: s, template: template, depth: depth + 1)
                } else {
                    out = value.entry("role") != nil || Self.buildsMessage(value)
                        ? message(value, scope: s, template: template, depth: depth + 1)
                        : messageList(value, scope: s, template: template, depth: depth + 1)
                }
                // Outside a loop, what the function appends after this send (`messages.append(response)`
                // after `model.invoke(messages)`, kept for the state it returns) is not in this request. A
                // reference with an empty range stands for the list with every append (`builtMessageLists`).
                let appendedNodes = (scopes[s].appends[name] ?? [])
                    .filter { inLoop || s != scope || node.range.isEmpty || $0.range.lowerBound < node.range.lowerBound }
                    .filter { a in !placed.contains { $0.range == a.range } }
                let appended = appendedNodes.flatMap(items)
                let asksNoNewQuestion = appendedNodes.allSatisfy { a in
                    !items(a).contains { $0.role == .user } || Self.carriesToolResults(text(of: a))
                }
                if inLoop, appended.contains(where: { $0.role == .assistant }),
                    Self.opensWithTheQuestionOnly(value, out) || Self.opensWithSystemThenTheQuestion(value, out) && asksNoNewQuestion
                {
                    // A tool loop over a list made afresh with the user's question alone (`messages =
                    // [{"role": "user", "content": q}]`), or with the system prompt and then the question, whose
                    // appends are the model's replies and tool results (no new user turn): what the loop appends
                    // are this question's own rounds, always after it, so the question is the newest turn, not
                    // a prefix of older ones.
                } else if inLoop, appended.contains(where: { $0.role == .assistant }) {
                    // A chat loop: each pass appends the user's turn and the model's reply, so the list
                    // holds the conversation so far, whatever the turns written here look like. The system
                    // messages appended first (`out.append(system)` before the loop) still open it.
                    out += appended.prefix(while: { $0.role == .system })
                    let turns = TemplateSlot(
                        expression: name, variable: name, source: name, position: source.position(node.range.lowerBound),
                        provenance: SlotClass(volatility: .perRequest, kind: .history,
                                              reason: "`\(name)` gathers each turn of a loop that appends the model's replies: the conversation so far"))
                    out.append(SourceMessage(role: .unknown, segments: [.slot(turns)], position: turns.position))
                } else {
                    out += appended
                }
                // `unshift`/`insert(0, …)` put each item in front of what the list held.
                for item in scopes[s].prepends[name] ?? [] { out = items(item) + out }
                return out
            }
            // A list the function received (`def reply(messages): messages.insert(0, system)`): the
            // caller's conversation, with what the function puts in front of it and after it.
            if case .parameter = lookup(name, scope: scope, before: node.range.lowerBound, bindings: Bindings()),
                let front = scopes[scope].prepends[name], !front.isEmpty
            {
                consumed.insert(name)
                var out = [conversation(node, scope: scope)]
                out += (scopes[scope].appends[name] ?? []).flatMap { message($0, scope: scope, template: template, depth: depth + 1) }
                for item in front { out = message(item, scope: scope, template: template, depth: depth + 1) + out }
                return out
            }
        case .conditional(let parts) where parts.count >= 2:
            // `memory.length > 0 ? [{ role: "user", … }] : []`: the messages of the branch that holds some
            // (the empty branch adds nothing to the request).
            let branches = parts.dropLast().filter { if case .list(let items, _) = $0.kind { !items.isEmpty } else { false } }
            if branches.count == 1 { return messageList(branches[0], scope: scope, template: template, depth: depth + 1) }
        case .other(let inner) where inner.count == 1 && isSpread(node):
            // `*FEW_SHOT`, `...history`: the spread list's own messages.
            return messageList(inner[0], scope: scope, template: template, depth: depth + 1)
        case .call(let callee, _):
            // `list(merge_message_runs(messages=[system] + history))`: the same messages in the same order.
            if let inner = Self.passedThrough(node) {
                return messageList(inner, scope: scope, template: template, depth: depth + 1)
            }
            // `def build(…): out = []; out.append(system); out.extend(history); return out`: the list the
            // helper builds with appends, extends and inserts, as it stands at the return.
            if let function = functionScope(named: callee.dottedPath ?? ""), let returned = builtListReturn(of: function) {
                if let name = scopes[function].name { consumed.insert(name) }
                let messages = messageList(returned, scope: function, template: template, depth: depth + 1)
                return passingArguments(messages, of: function, in: self, call: node, scope: scope) ?? messages
            }
            // `def prepare(history, system_prompt): return [{"role": "system", "content": system_prompt}] + history`:
            // the system text and the conversation the call passes (`SourceHelperParameters`).
            if let function = functionScope(named: callee.dottedPath ?? ""), let returned = scopes[function].returns.last,
                case .binary("+", _, _) = returned.kind, SourceReader.leadingList(returned) != nil,
                case let messages = messageList(returned, scope: function, template: template, depth: depth + 1),
                let passed = passingArguments(messages, of: function, in: self, call: node, scope: scope)
            {
                if let name = scopes[function].name { consumed.insert(name) }
                return passed
            }
            // A guard's `return []` (`if (!Array.isArray(history)) return [];`) is the fallback for bad input, not
            // the messages: a helper whose only list is that one reads as the call itself (the conversation it passes).
            if let function = functionScope(named: callee.dottedPath ?? ""),
                let list = scopes[function].returns.last(where: Self.isNonEmptyList)
            {
                if let name = scopes[function].name { consumed.insert(name) }
                var messages = messageList(list, scope: function, template: template, depth: depth + 1)
                messages = passingArguments(messages, of: function, in: self, call: node, scope: scope) ?? messages
                // `history = store.load(…); history.append(question); return history` with a fallback
                // `return [{"role": "user", …}]` (an `except` branch): the question alone is the fallback;
                // the stored list the function returns otherwise is what the request usually sends.
                if Self.opensWithTheQuestionOnly(list, messages),
                    let stored = scopes[function].returns.first(where: { if case .name(let n) = $0.kind { !n.contains(".") } else { false } }),
                    case let other = messageList(stored, scope: function, template: template, depth: depth + 1),
                    other.contains(where: { m in m.segments.contains { if case .slot(let s) = $0 { s.provenance?.kind == .history } else { false } } })
                {
                    return other
                }
                return messages
            }
            if let built = foreignMessages(node, scope: scope) { return built }
        default:
            break
        }
        return [conversation(node, scope: scope)]
    }

    /// The messages of `request.messages = [SystemMessage(content=block), *request.messages]`: a list written
    /// back to the attribute it spreads (a model-call hook of an agent framework putting a message in front of
    /// the conversation the request carries), that message first and then the conversation so far; nil for a
    /// list that does not spread the attribute it is assigned to, or puts nothing before it.
    func prependedToOwnConversation(_ name: String, value: SourceNode, scope: Int) -> [SourceMessage]? {
        guard name.contains("."), case .list(let items, false) = value.kind,
            let spread = items.firstIndex(where: { item in
                guard case .other(let inner) = item.kind, inner.count == 1, isSpread(item) else { return false }
                return inner[0].dottedPath == name
            }), spread > 0
        else { return nil }
        var out = items[..<spread].flatMap { message($0, scope: scope, template: false, depth: 1) }
        guard out.contains(where: { $0.role == .system }) else { return nil }
        if case .other(let inner) = items[spread].kind { out.append(conversation(inner[0], scope: scope)) }
        out += items[(spread + 1)...].flatMap { message($0, scope: scope, template: false, depth: 1) }
        return out
    }

    /// The list a call hands back unchanged in order: `list(x)`, LangChain's `merge_message_runs(x)` (which
    /// only joins neighbouring messages of one role), or a list literal filtered of its empty items
    /// (`[system, ...history, question].filter(Boolean)`, JavaScript's way to drop an optional message);
    /// nil for any other call.
    static func passedThrough(_ node: SourceNode) -> SourceNode? {
        if let list = filteredList(node) { return list }
        guard case .call(let callee, let args) = node.kind, args.count == 1, let name = callee.dottedPath else { return nil }
        let value = args[0].value
        if name == "list", args[0].label == nil { return value }
        if name == "merge_message_runs" || name.hasSuffix(".merge_message_runs"), args[0].label == nil || args[0].label == "messages" {
            return value
        }
        return nil
    }

    /// The list literal of `[system, ...history, question].filter(Boolean)` (any one-argument `filter`), which
    /// keeps the items it does not drop in their order; nil for anything else.
    static func filteredList(_ node: SourceNode) -> SourceNode? {
        guard case .call(let callee, let args) = node.kind, args.count == 1, case .member(let receiver, "filter") = callee.kind,
            case .list(let items, false) = receiver.kind, !items.isEmpty
        else { return nil }
        return receiver
    }

    /// True for a list literal with at least one item: what a helper returns as its messages (`return []`
    /// is a guard's fallback).
    static func isNonEmptyList(_ node: SourceNode) -> Bool {
        guard case .list(let items, _) = node.kind else { return false }
        return !items.isEmpty
    }

    /// The name a function returns last when it names a list the function itself made (`out = []`) and then
    /// filled with `append`/`extend`/`insert` calls before that return; nil otherwise.
    func builtListReturn(of function: Int) -> SourceNode? {
        guard let returned = scopes[function].returns.last, case .name(let name) = returned.kind, !name.contains("."),
            let value = scopes[function].assignments[name]?.last(where: { $0.range.upperBound <= returned.range.lowerBound }),
            case .list(_, false) = value.kind
        else { return nil }
        let filled = (scopes[function].appends[name] ?? []) + (scopes[function].prepends[name] ?? [])
        guard filled.contains(where: { $0.range.lowerBound > value.range.upperBound && $0.range.lowerBound < returned.range.lowerBound })
        else { return nil }
        return returned
    }

    /// True when `value` is a list literal whose messages (`messages`, as read) are user turns only: a list
    /// made afresh for one question, which a loop then extends with that question's own rounds.
    static func opensWithTheQuestionOnly(_ value: SourceNode, _ messages: [SourceMessage]) -> Bool {
        guard case .list(let items, _) = value.kind, !items.isEmpty, !messages.isEmpty else { return false }
        return messages.allSatisfy { $0.role == .user }
    }

    /// True when `value` is a list literal whose messages (`messages`, as read) are system messages and then user
    /// turns only (`[{ role: "system", … }, { role: "user", content: question }]`): a list made afresh for one
    /// question; a tool loop then extends it with that question's own rounds.
    static func opensWithSystemThenTheQuestion(_ value: SourceNode, _ messages: [SourceMessage]) -> Bool {
        guard case .list(let items, _) = value.kind, !items.isEmpty else { return false }
        let rest = messages.drop { $0.role == .system }
        return rest.count < messages.count && !rest.isEmpty && rest.allSatisfy { $0.role == .user }
    }

    /// True for an appended message that carries tool results in a user turn (Anthropic's `tool_result` blocks,
    /// Gemini's `functionResponse` parts): a round of the tool loop, not a new question.
    static func carriesToolResults(_ text: String) -> Bool {
        ["tool_result", "toolResult", "functionResponse", "function_response"].contains { text.contains($0) }
    }

    /// True when `value` is the empty-list default of the parameter `name` (`context: Context = []`): the
    /// messages a caller passes, the conversation so far, not the nothing the default stands for.
    static func isEmptyDefault(_ value: SourceNode, of name: String, in scope: SourceModule.Scope) -> Bool {
        guard scope.parameters.contains(name), scope.defaults[name]?.range == value.range, case .list(let items, _) = value.kind else { return false }
        return items.isEmpty
    }

    /// True for a list literal, or a `+` of lists, or a name bound to one of these: what a chat model's
    /// `invoke` takes as messages (a name bound to a string is a single prompt, not a list).
    func holdsMessageList(_ node: SourceNode, scope: Int) -> Bool {
        holdsList(node, scope: scope) { _, _, _ in true }
    }

    /// True for a list literal that `accepts` (its items, scope and depth), or a `+` of lists, or a name bound to
    /// one of these, followed up to six levels.
    func holdsList(_ node: SourceNode, scope: Int, depth: Int = 0,
                   accepts: ([SourceNode], Int, Int) -> Bool) -> Bool {
        guard depth < 6 else { return false }
        switch node.kind {
        case .list(let items, _): return accepts(items, scope, depth)
        case .call(let callee, _):
            if let list = Self.filteredList(node) { return holdsList(list, scope: scope, depth: depth + 1, accepts: accepts) }
            // `messages = self._build_messages(data)` then `llm.invoke(messages)`: a helper of this file that
            // makes a list, appends messages to it and returns it.
            guard let function = functionScope(named: callee.dottedPath ?? ""), let returned = builtListReturn(of: function),
                case .name(let name) = returned.kind
            else { return false }
            let filled = (scopes[function].appends[name] ?? []) + (scopes[function].prepends[name] ?? [])
            return filled.contains { Self.buildsMessage($0) || $0.entry("role") != nil }
        case .binary("+", let a, let b):
            return holdsList(a, scope: scope, depth: depth + 1, accepts: accepts)
                || holdsList(b, scope: scope, depth: depth + 1, accepts: accepts)
        case .name(let name):
            guard let bound = boundValue(of: name, at: node, scope: scope) else { return false }
            return holdsList(bound.node, scope: bound.scope, depth: depth + 1, accepts: accepts)
        default: return false
        }
    }

    /// True for a call that builds one message (`SystemMessage(content=…)`, `HumanMessagePromptTemplate(…)`).
    static func buildsMessage(_ node: SourceNode) -> Bool {
        guard case .call(let callee, _) = node.kind, let name = callee.lastName.map(withoutNew) else { return false }
        return ["SystemMessage", "HumanMessage", "AIMessage", "ChatMessage", "SystemMessagePromptTemplate",
                "HumanMessagePromptTemplate", "AIMessagePromptTemplate"].contains(name)
    }

    /// A constructor's class name without the `new ` the script parser keeps in it (`new SystemMessage` → `SystemMessage`).
    static func withoutNew(_ name: String) -> String {
        name.hasPrefix("new ") ? String(name.dropFirst(4)) : name
    }

    /// `*x`, `...x` (a unary prefix node whose text starts with the spread operator).
    private func isSpread(_ node: SourceNode) -> Bool {
        let t = text(of: node)
        return t.hasPrefix("...") || (t.hasPrefix("*") && !t.hasPrefix("**"))
    }

    /// Messages this file does not build (a parameter, an attribute, a call's result): the conversation
    /// so far, unless data flow says more about them.
    func conversation(_ node: SourceNode, scope: Int) -> SourceMessage {
        var segment = slot(node, scope: scope, bindings: Bindings())
        if case .slot(var s) = segment, s.provenance == nil || s.provenance?.volatility == .constant || s.provenance?.kind == .value
            || reshapesStoredTurns(node) && [.time, .identifier].contains(s.provenance?.kind)
        {
            s.provenance = SlotClass(volatility: .perRequest, kind: .history, reason: "messages built elsewhere: the conversation so far")
            segment = .slot(s)
        }
        return SourceMessage(role: .unknown, segments: [segment], position: source.position(node.range.lowerBound))
    }

    /// True for `turns.map((m) => ({ role: m.role, content: m.content }))`: stored messages re-shaped to the
    /// provider's fields by a callback that reads no clock or random source itself. A clock or id the data
    /// flow finds in the list is a field of each stored message (its `timestamp` or `id`, set once when the
    /// message was made), not a value read for this request.
    func reshapesStoredTurns(_ node: SourceNode) -> Bool {
        guard case .call(let callee, let args) = node.unwrapped.kind, case .member(_, "map") = callee.kind, args.count == 1,
            isFunctionExpression(args[0].value), text(of: args[0].value).contains("role")
        else { return false }
        var work = [args[0].value]
        while let next = work.popLast() {
            if case .call(let c, let a) = next.kind, let path = c.dottedPath,
                VolatileSources.source(callee: path, hasArguments: !a.isEmpty) != nil
            {
                return false
            }
            work += next.children
        }
        return true
    }

    func message(_ item: SourceNode, scope: Int, template: Bool, depth: Int) -> [SourceMessage] {
        switch item.kind {
        case .dict:
            let role = roleName(item.entry("role")).flatMap(RoleNames.role) ?? .unknown
            guard let content = item.entry("content") ?? item.entry("parts") ?? item.entry("text") else { return [] }
            // `{"role": m["role"], "content": m["content"]}`: a replayed turn of the conversation.
            if let r = item.entry("role"), r.plainString == nil, r.lastName.flatMap(RoleNames.role) == nil {
                return [conversation(content, scope: scope)]
            }
            var out = self.content(role, content, scope: scope, template: template)
            if SourceCacheMarkers.marks(item), !out.isEmpty { out[out.count - 1].cacheBreakpoint = true }
            return out
        case .list(let pair, _) where pair.count == 2:
            let role = roleName(pair[0]).flatMap(RoleNames.role) ?? .unknown
            return content(role, pair[1], scope: scope, template: true)
        case .call(let callee, let args):
            // `new SystemMessage(text)` (LangChain JS) is the message class itself, built with `new`.
            let name = Self.withoutNew(callee.lastName ?? "")
            // LangChain JS's fields object: `new SystemMessage({ content: text })`.
            if Self.buildsMessage(item), args.count == 1, args[0].label == nil, let content = args[0].value.entry("content"),
                let role = RoleNames.role(name)
            {
                return self.content(role, content, scope: scope, template: template)
            }
            // A message factory given the message's fields: `createMessage({ role: "system", content })`.
            if args.count == 1, args[0].label == nil, case .dict = args[0].value.kind, args[0].value.entry("role") != nil {
                return message(args[0].value, scope: scope, template: template, depth: depth)
            }
            // A typed message given its fields as keywords: `ChatCompletionSystemMessageParam(role="system", content=…)`.
            if args.contains(where: { $0.label == "role" }), args.contains(where: { $0.label == "content" }) {
                let entries = args.compactMap { a in a.label.map { SourceEntry(keyName: $0, key: nil, value: a.value) } }
                return message(SourceNode(kind: .dict(entries), range: item.range), scope: scope, template: template, depth: depth)
            }
            // A message object turned into its dict (`SystemMessage(content=…).model_dump()`): the same message.
            if args.isEmpty, case .member(let built, let method) = callee.kind,
                ["model_dump", "dict", "to_dict", "toJSON"].contains(method), Self.buildsMessage(built)
            {
                return message(built, scope: scope, template: template, depth: depth)
            }
            if name == "MessagesPlaceholder" || name == "ChatMessageHistory" {
                let variable = item.argument("variable_name", position: 0)?.plainString ?? "history"
                let s = TemplateSlot(expression: variable, variable: variable, source: text(of: item),
                                     position: source.position(item.range.lowerBound))
                return [SourceMessage(role: .unknown, segments: [.slot(s)], position: s.position)]
            }
            var role = RoleNames.role(name.replacingOccurrences(of: "PromptTemplate", with: "")) ?? RoleNames.role(name)
            if name == "ChatMessage" { role = roleName(item.argument("role")).flatMap(RoleNames.role) }
            if let role, let content = item.argument("content", position: name == "ChatMessage" ? 1 : 0)
                ?? item.argument("template", position: 0)
            {
                return self.content(role, content, scope: scope, template: template || name.hasSuffix("PromptTemplate"))
            }
            if name.hasSuffix("from_template"), case .member(let owner, _) = callee.kind, let content = item.argument("template", position: 0) {
                let r = RoleNames.role((owner.lastName ?? "").replacingOccurrences(of: "PromptTemplate", with: "")) ?? .unknown
                return self.content(r, content, scope: scope, template: true)
            }
        default:
            break
        }
        return messageList(item, scope: scope, template: template, depth: depth + 1)
    }

    /// `"system"`, `MessageRole.SYSTEM`, `Role.user` → the role's name.
    private func roleName(_ node: SourceNode?) -> String? {
        guard let node else { return nil }
        if let s = node.plainString { return s }
        return node.lastName?.lowercased()
    }
}

extension SourceAnalysis {
    /// The stored history a Gemini chat session of this module starts from (`model.startChat({ history })`,
    /// `model.start_chat(history=…)`): each message of the session resends the model's system instruction,
    /// then that history, then the new message. A parameter left at its empty default by every caller
    /// (`SourceEmptyDefaults`) is no history: the session starts empty on every request.
    func chatSessionHistory() -> (node: SourceNode, scope: Int)? {
        for name in ["startChat", "start_chat"] {
            for site in module.otherCalls[name] ?? [] {
                guard let call = module.parsedCall(at: site.token), case .call(_, let args) = call.kind else { continue }
                if let history = call.argument("history") ?? args.first?.value.entry("history"),
                    !isEmptyUnfilledDefault(history, scope: site.scope)
                {
                    return (history, site.scope)
                }
            }
        }
        return nil
    }
}

