/// Requests made through a helper function that sends one of its parameters as the request's messages:
/// `generateResponse([...memory, ...history])` where `generateResponse(content)` (in this file or another
/// module of the folder) calls `ai.models.generateContent({ contents: content })` or
/// `client.chat.completions.create({ messages: content })`. The helper's own request sees only a
/// parameter; the list the caller builds is what the request holds, so it is read at the call site.
extension SourceAnalysis {
    /// The option names that carry a request's messages.
    private static let messageOptions = ["messages", "contents", "input"]

    /// The requests of calls in this file to helpers that send a parameter as the messages, each read from
    /// the list the call passes (a list literal, or a name bound to one); none from the scopes `skipping`.
    func helperRequests(skipping: Set<Int> = []) -> [[SourceMessage]] {
        var out: [[SourceMessage]] = []
        var helpers: [String: (SourceAnalysis, Int, Int, String?)?] = [:]
        var systemHelpers: [String: (SourceAnalysis, Int, [SourceMessage])?] = [:]
        var bodyHelpers: [String: (String, Int, SourceNode)?] = [:]
        // Python calls that name a system text and messages by keyword (`SourceFacadeRequests`), read only in a
        // module that writes one of those keywords.
        let keywordFacades = module.language == .python
            && module.tokens.contains { $0.kind == .name && Self.facadeSystemLabels.contains($0.text) }
        for name in module.otherCalls.keys.sorted() {
            for site in module.otherCalls[name] ?? [] where !skipping.contains(site.scope) {
                guard mayCallHelper(name, at: site.token, scope: site.scope) else {
                    if keywordFacades, let call = module.parsedCall(at: site.token),
                        let messages = keywordFacadeRequest(call, scope: site.scope)
                    {
                        out.append(messages)
                    }
                    continue
                }
                guard let call = module.parsedCall(at: site.token), case .call(let callee, let args) = call.kind,
                    let dotted = callee.dottedPath
                else { continue }
                if helpers[dotted] == nil { helpers[dotted] = helper(dotted) }
                // `loop = AgentLoop(…)`, then `loop.run(session.messages)`: the method of the imported class.
                var instanceHelper: (SourceAnalysis, Int, Int, String?)?
                if case .some(.none) = helpers[dotted], let (o, f) = importedInstanceMethod(dotted, scope: site.scope),
                    let i = o.messagesParameter(of: f)
                {
                    instanceHelper = (o, f, i, nil)
                }
                guard let (owner, function, index, field) = instanceHelper ?? helpers[dotted] ?? nil else {
                    // A helper sending its parameter whole as the request's body (`withRetry(params, label)` calling
                    // `create(params)`): the body the call passes, read as that request's.
                    if bodyHelpers[dotted] == nil { bodyHelpers[dotted] = bodyHelper(dotted) }
                    if let (parameter, index, request) = bodyHelpers[dotted] ?? nil,
                        let messages = forwardedRequest(request, parameter: parameter, index: index, call: call, scope: site.scope)
                    {
                        out.append(messages)
                        continue
                    }
                    // A helper sending its system-text parameter before its conversation parameter (`SourceHelperParameters`).
                    if systemHelpers[dotted] == nil { systemHelpers[dotted] = systemParameterHelper(dotted) }
                    if let (owner, function, sent) = systemHelpers[dotted] ?? nil,
                        let messages = passingArguments(sent, of: function, in: owner, call: call, scope: site.scope)
                    {
                        out.append(messages)
                        continue
                    }
                    // A facade the analysis cannot follow to the SDK (`SourceFacadeRequests`).
                    if let messages = facadeRequest(call, scope: site.scope) { out.append(messages) }
                    continue
                }
                let parameter = owner.scopes[function].parameters[index]
                let positional = args.filter { $0.label == nil && !$0.spread }
                guard let argument = args.first(where: { $0.label == parameter })?.value ?? (index < positional.count ? positional[index].value : nil),
                    let passed = field.map({ passedEntry($0, of: argument, scope: site.scope) }) ?? argument,
                    holdsMessageList(passed, scope: site.scope) || putsMessageInFront(of: passed, scope: site.scope)
                else { continue }
                let messages = messageList(passed, scope: site.scope)
                // The system text a helper of this file sends from another parameter goes first (`SourceSeparateSystem`;
                // another module's helper reports what its callers pass at its own request).
                let system = owner === self ? passedSystem(of: function, call: call, scope: site.scope) : []
                if !messages.isEmpty { out.append(system + messages) }
            }
        }
        return out
    }

    /// True when the call of `name` at token `i` may be a helper's: a function of this file (`f(…)`,
    /// `this.f(…)`), an imported name, a name of an imported namespace (`aiService.generateResponse(…)`), or a
    /// method of a local instance of an imported class (`loop.run(…)` after `loop = AgentLoop(…)`).
    private func mayCallHelper(_ name: String, at i: Int, scope: Int) -> Bool {
        if module.functions[name] != nil || imports[name] != nil { return true }
        guard i >= 2, module.isOp(i - 1, "."), module.isName(i - 2) else { return false }
        let receiver = module.tokens[i - 2].text
        return imports[receiver] != nil || importedInstanceMethod("\(receiver).\(name)", scope: scope) != nil
    }

    /// The helper `dotted` names (a function of this file or of another module), the index of the
    /// parameter it sends as a request's messages, and the field of that parameter it sends when it sends
    /// one field (`input.messages`); nil when it sends none.
    private func helper(_ dotted: String) -> (SourceAnalysis, Int, Int, String?)? {
        func sent(by owner: SourceAnalysis, _ function: Int) -> (SourceAnalysis, Int, Int, String?)? {
            if let index = owner.messagesParameter(of: function) { return (owner, function, index, nil) }
            if let (index, field) = owner.messagesField(of: function) { return (owner, function, index, field) }
            return nil
        }
        if let function = functionScope(named: dotted), let found = sent(by: self, function) { return found }
        guard dotted.split(separator: ".").count <= 2, case .function(let other, let function)? = foreign(dotted) else { return nil }
        return sent(by: other, function)
    }

    /// The entry `field` of the object a call passes (an object literal, or a name bound to one); nil otherwise.
    private func passedEntry(_ field: String, of argument: SourceNode, scope: Int) -> SourceNode? {
        throughNames(argument, scope: scope, bindings: Bindings(), steps: 1).node.entry(field)
    }

    /// The helper `dotted` names (a function of this file or of another module) when it sends one of its
    /// parameters whole as a request's body: that parameter's name and index, and the request call.
    private func bodyHelper(_ dotted: String) -> (String, Int, SourceNode)? {
        if let function = functionScope(named: dotted), let (index, request) = bodyParameter(of: function) {
            return (scopes[function].parameters[index], index, request)
        }
        guard dotted.split(separator: ".").count <= 2, case .function(let other, let function)? = foreign(dotted),
            let (index, request) = other.bodyParameter(of: function)
        else { return nil }
        return (other.scopes[function].parameters[index], index, request)
    }

    /// The index of the parameter of `function` that a request call in its body sends whole as the request's
    /// body, with that call: `openai.chat.completions.create(params)` in `withRetry(params, label)`, a wrapper
    /// that retries or logs. Its callers write the body (`withRetry({ model, messages: […] }, "parse")`).
    func bodyParameter(of function: Int) -> (Int, SourceNode)? {
        let parameters = scopes[function].parameters
        guard !parameters.isEmpty else { return nil }
        for (call, scope) in module.calls where scope == function {
            guard case .call(let callee, let args) = call.kind,
                RequestMethods.wholeBodies.contains(callee.lastName ?? ""),
                let first = args.first, first.label == nil, !first.spread, case .name(let name) = first.value.kind,
                let index = parameters.firstIndex(of: name)
            else { continue }
            return (index, call)
        }
        return nil
    }

    /// The messages of a call to a helper that sends its parameter `parameter` (at `index`) whole as the body
    /// of `request`: that request given the body the call passes (an object literal or a name bound to one).
    private func forwardedRequest(_ request: SourceNode, parameter: String, index: Int, call: SourceNode, scope: Int) -> [SourceMessage]? {
        guard case .call(let callee, _) = request.kind, case .call(_, let args) = call.kind else { return nil }
        let positional = args.filter { $0.label == nil && !$0.spread }
        guard let passed = args.first(where: { $0.label == parameter })?.value ?? (index < positional.count ? positional[index].value : nil)
        else { return nil }
        let forwarded = SourceNode(kind: .call(callee, [SourceArgument(label: nil, value: passed)]), range: call.range)
        guard let messages = self.request(forwarded, scope: scope), !messages.isEmpty else { return nil }
        return messages
    }

    /// The index of the parameter of `function` that a request call in its body sends as the messages.
    func messagesParameter(of function: Int) -> Int? {
        let parameters = scopes[function].parameters
        guard !parameters.isEmpty else { return nil }
        for (call, scope) in module.calls where scope == function {
            guard case .call(let callee, let args) = call.kind, RequestMethods.messagesFromParameter.contains(callee.lastName ?? "") else { continue }
            let options = args.first.flatMap { $0.label == nil ? $0.value : nil }
            for option in Self.messageOptions {
                guard let value = call.argument(option) ?? options?.entry(option), case .name(let name) = value.kind,
                    let index = parameters.firstIndex(of: name)
                else { continue }
                return index
            }
        }
        return postedMessagesParameter(of: function)
    }

    /// The index of the parameter of `function` whose field a request in its body sends as the messages, with
    /// that field: `generate(input)` calling `create({ model, messages: input.messages })` or posting
    /// `JSON.stringify({ model, messages: input.messages })`. Its callers write the object
    /// (`generate({ mode, messages: [system, ...history] })`), whose field is the request's list.
    func messagesField(of function: Int) -> (Int, String)? {
        let parameters = scopes[function].parameters
        guard !parameters.isEmpty else { return nil }
        func field(_ value: SourceNode?) -> (Int, String)? {
            guard let value, case .member(let base, let field) = value.kind, case .name(let name) = base.kind,
                let index = parameters.firstIndex(of: name)
            else { return nil }
            return (index, field)
        }
        for (call, scope) in module.calls where scope == function {
            guard case .call(let callee, let args) = call.kind, RequestMethods.messagesFromParameter.contains(callee.lastName ?? "") else { continue }
            let options = args.first.flatMap { $0.label == nil ? $0.value : nil }
            for option in Self.messageOptions {
                if let found = field(call.argument(option) ?? options?.entry(option)) { return found }
            }
        }
        for call in module.parsedOtherCalls(named: Self.postingCalls, in: function) {
            guard case .call(_, let args) = call.kind else { continue }
            for arg in args where !arg.spread && arg.value.entry("model") != nil {
                if let found = field(arg.value.entry("messages")) { return found }
            }
        }
        return nil
    }

    /// Calls that serialize or post a chat body over HTTP (`JSON.stringify`, `json.dumps`, `requests.post`, `fetch`).
    private static let postingCalls = ["stringify", "dumps", "post", "fetch", "request"]

    /// The index of the parameter of `function` posted as the `messages` of a chat body over HTTP:
    /// `fetch(url, { body: JSON.stringify({ model, messages }) })`, `axios.post(url, { model, messages })`,
    /// `requests.post(url, json={"model": m, "messages": messages})` (an OpenAI-compatible endpoint called
    /// without an SDK). The body must name a `model` beside the messages, as every chat endpoint's does.
    private func postedMessagesParameter(of function: Int) -> Int? {
        let parameters = scopes[function].parameters
        for call in module.parsedOtherCalls(named: Self.postingCalls, in: function) {
            guard case .call(_, let args) = call.kind else { continue }
            if let index = postedMessages(args, parameters: parameters) { return index }
        }
        return nil
    }

    /// The index in `parameters` of the name a posted chat body (an argument object with a `model`) sends as its `messages`.
    private func postedMessages(_ args: [SourceArgument], parameters: [String]) -> Int? {
        for arg in args where !arg.spread {
            guard arg.value.entry("model") != nil, let messages = arg.value.entry("messages"),
                case .name(let name) = messages.kind, let index = parameters.firstIndex(of: name)
            else { continue }
            return index
        }
        return nil
    }
}
