/// Chat requests posted over HTTP without an SDK, the body written at the call or bound to a name just before:
/// `httpx.post(url, json={"model": m, "system": s, "messages": messages})`, `requests.post(url, json=payload)`,
/// `axios.post(url, { model, messages })`. A body naming a `model` beside its `messages` is a chat endpoint's
/// (Anthropic's, OpenAI's, an OpenAI-compatible server's, Ollama's); a body with a `system_instruction` beside its
/// `contents` is Gemini's REST `generateContent` (`SourcePostedGeminiBodies`). A helper that posts the `messages` it is
/// given is left to its callers (`SourceHelperRequests`), which pass the messages.
extension SourceAnalysis {
    /// The messages of each such post (the system text, then the message list), with the call's range.
    func postedChatRequests(skipping unwired: Set<Int>) -> [(range: Range<Int>, messages: [SourceMessage])] {
        var out: [(range: Range<Int>, messages: [SourceMessage])] = []
        for site in module.otherCalls["post"] ?? [] where !unwired.contains(site.scope) {
            guard let call = module.parsedCall(at: site.token), case .call(_, let args) = call.kind,
                let (body, scope) = postedChatBody(args, scope: site.scope)
            else { continue }
            if let messages = postedGeminiMessages(body, scope: scope) {
                out.append((call.range, messages))
                continue
            }
            guard let list = body.entry("messages") else { continue }
            if case .name(let name) = list.kind, case .parameter = lookup(name, scope: scope, before: list.range.lowerBound, bindings: Bindings()) {
                continue
            }
            var messages: [SourceMessage] = []
            if let system = body.entry("system") { messages += content(.system, system, scope: scope) }
            messages += messageList(list, scope: scope)
            if !messages.isEmpty { out.append((call.range, messages)) }
        }
        return out
    }

    /// The chat body among a post's arguments (`json=`, the positional body, or a body serialized at the call:
    /// `data=json.dumps(payload)`): an object literal with a `model` and `messages`, written there or bound to a
    /// name; with the scope it is written in.
    private func postedChatBody(_ args: [SourceArgument], scope: Int) -> (SourceNode, Int)? {
        for arg in args where !arg.spread {
            var (value, s) = (arg.value, scope)
            if let serialized = Self.serializedBody(value) {
                value = serialized
            } else if arg.label != nil && arg.label != "json" {
                continue
            }
            let body = throughNames(value, scope: scope, bindings: Bindings(), steps: 1)
            (value, s) = (body.node, body.scope)
            // `payload = {k: v for k, v in payload.items() if v is not None}`: the body it copies, less its empty fields.
            if let name = copiedDict(value), let bound = boundValue(of: name, at: value, scope: s) {
                (value, s) = (bound.node, bound.scope)
            }
            guard case .dict = value.kind,
                value.entry("model") != nil && value.entry("messages") != nil || Self.geminiInstruction(of: value) != nil
            else { continue }
            return (value, s)
        }
        return nil
    }

    /// The name of the dict a Python dict comprehension copies entry by entry (`{k: v for k, v in body.items()
    /// if v}`): the name whose `.items()` it iterates, read off its text (the parsed comprehension keeps only its
    /// element), else nil.
    func copiedDict(_ node: SourceNode) -> String? {
        guard case .comprehension = node.kind else { return nil }
        let text = text(of: node)
        guard text.hasPrefix("{"), let call = text.range(of: ".items()") else { return nil }
        let head = text[..<call.lowerBound]
        let name = head.reversed().prefix(while: \.isWordCharacter)
        guard !name.isEmpty, head.dropLast(name.count).hasSuffix(" in ") else { return nil }
        return String(name.reversed())
    }

    /// The object a call serializes as JSON text (`json.dumps(payload)`, `JSON.stringify(body)`), else nil.
    static func serializedBody(_ node: SourceNode) -> SourceNode? {
        guard case .call(let callee, let args) = node.kind, let first = args.first, !first.spread, first.label == nil,
            let path = callee.dottedPath, path == "json.dumps" || path == "JSON.stringify"
        else { return nil }
        return first.value
    }
}
