/// Google ADK agents: `Agent(name=…, model=…, instruction=…)` (or `LlmAgent`) sends its instruction as the system
/// instruction of every model call, before the session's events. Before it goes out ADK fills each `{key}` of the
/// instruction with the session state's entry, often set by a callback from the clock
/// (`callback_context.state["now"] = datetime.now().strftime(…)` in a `before_agent_callback`), and a
/// `before_model_callback` may edit the request's instruction itself
/// (`llm_request.config.system_instruction.replace("$now$", now)`): those values change per call.
extension SourceAnalysis {
    /// The callbacks ADK runs before each agent turn or model call, which may fill the instruction.
    private static let adkCallbacks = ["before_agent_callback", "before_model_callback"]

    /// The system message of an ADK agent built by `call` (its `instruction=`), with the values its callbacks
    /// fill in as slots where the instruction holds their placeholders; nil when the call passes no instruction.
    func adkInstruction(_ call: SourceNode, scope: Int) -> [SourceMessage]? {
        guard let value = call.argument("instruction") else { return nil }
        var parts = agentPart(value, scope: scope)
        for fill in adkFills(call) {
            guard case .slot(var filled) = slot(fill.value, scope: fill.scope, bindings: Bindings()),
                let cls = filled.provenance, cls.volatility != .constant
            else { continue }
            for p in parts.indices {
                guard let k = parts[p].segments.firstIndex(where: { if case .text(let t, _) = $0 { t.contains(fill.key) } else { false } }),
                    case .text(let t, let position) = parts[p].segments[k], let r = t.range(of: fill.key)
                else { continue }
                let placeholder = position.advanced(over: t[..<r.lowerBound])
                let end = placeholder.offset + fill.key.utf8.count
                if placeholder.offset >= 0, end <= source.bytes.count, source.string(placeholder.offset..<end) == fill.key {
                    // The instruction is written in this file: reported at its placeholder.
                    filled.position = placeholder
                    filled.source = fill.key
                } else if filled.promptSite == nil, let site = foreignPlaceholder(fill.key, receiver: value) {
                    // Imported from another module: reported at the value here, naming the placeholder there.
                    filled.provenance?.reason += "; ADK fills `\(fill.key)` of the instruction in \(site.path ?? "") line \(site.line)"
                    filled.promptSite = site
                }
                parts[p].segments.replaceSubrange(k...k, with: Self.splicing(filled, into: t, at: r, position: position))
                break
            }
        }
        return parts.isEmpty ? nil : parts
    }

    /// What the agent's callbacks (functions of this file) put into the instruction: each placeholder with its
    /// value and the scope the value is read in: `{key}` for a state entry set by key (`….state["key"] = value`),
    /// the literal key of a `system_instruction.replace(key, value)`.
    private func adkFills(_ call: SourceNode) -> [(key: String, value: SourceNode, scope: Int)] {
        var out: [(key: String, value: SourceNode, scope: Int)] = []
        for label in Self.adkCallbacks {
            guard let argument = call.argument(label) else { continue }
            let named: [SourceNode]
            if case .list(let items, _) = argument.kind { named = items } else { named = [argument] }
            for callback in named {
                guard let name = callback.dottedPath, let function = functionScope(named: name) else { continue }
                for (node, s) in module.calls where isWithin(s, function) {
                    guard case .call(let callee, let args) = node.kind, case .member(let receiver, "replace") = callee.kind,
                        args.count >= 2, let key = args[0].value.plainString, !key.isEmpty,
                        receiver.dottedPath?.hasSuffix("system_instruction") == true
                    else { continue }
                    out.append((key, args[1].value, s))
                }
                for (key, value) in stateEntries(in: function) { out.append(("{" + key + "}", value, function)) }
            }
        }
        return out
    }

    /// True when `scope` is `function` or a scope nested in it.
    func isWithin(_ scope: Int, _ function: Int) -> Bool {
        var s: Int? = scope
        while let current = s {
            if current == function { return true }
            s = scopes[current].parent
        }
        return false
    }

    /// The entries a function sets by key on a session state (`callback_context.state["now"] = value`,
    /// `state["now"] = value`), in source order.
    private func stateEntries(in function: Int) -> [(String, SourceNode)] {
        let tokens = module.tokens
        var out: [(String, SourceNode)] = []
        let body = scopes[function].body
        for i in body where i + 4 < tokens.count && i + 4 < body.upperBound {
            guard module.isName(i, "state"), module.isOp(i + 1, "["), tokens[i + 2].kind == .string, module.isOp(i + 3, "]"),
                module.isOp(i + 4, "=")
            else { continue }
            var keyParser = SourceParser(tokens, language: module.language, at: i + 2)
            var parser = SourceParser(tokens, language: module.language, at: i + 5)
            guard let key = keyParser.expression()?.plainString, !key.isEmpty, let value = parser.expression() else { continue }
            out.append((key, value))
        }
        return out
    }
}
