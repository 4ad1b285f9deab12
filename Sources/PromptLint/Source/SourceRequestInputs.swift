/// Values computed by a call from the request's input: `intent = classify_turn_intent(user_text)` in a
/// handler whose parameter `user_text` is the caller's new utterance, then `intent.system_note` in a system
/// message. The parameter's name says it changes with every request; what a call computes from it (a
/// classification, a plan another model call writes for it, a summary of it) changes with it. Exceptions:
/// a function of the folder that never reads the parameter it is given (its result does not depend on it),
/// an argument that is a key read off the input (`message.author.id`, which picks a stored record), a call
/// named for a stored record (`guild_settings(message)`) and a lookup (`get_…`, `load_…`, `search_…`,
/// `index.query(question)`), whose result is judged by its own name as before.
extension SourceAnalysis {
    /// Words of a parameter that alone name the request's input (`message`, `query`, `utterance`).
    private static let inputNouns: Set<String> = ["message", "msg", "query", "question", "utterance", "input"]

    /// Words that, after a word naming who sends it, name the request's input too (`user_text`, `caller_prompt`).
    private static let sentNouns: Set<String> = ["text", "prompt", "content", "request", "message", "msg", "query", "question", "input"]

    /// Words before such a noun that keep it the input of this request (`user_message`, `new_query`, `raw_input`).
    private static let senderWords: Set<String> = [
        "user", "human", "caller", "customer", "incoming", "new", "latest", "current", "last", "raw", "original", "chat",
        "input", "inbound", "client", "visitor",
    ]

    /// Words in a callee's name that say it reads a stored record (settings, a profile, a server's config).
    private static let recordWords: Set<String> = [
        "settings", "setting", "config", "configuration", "profile", "preferences", "prefs", "guild", "server", "channel",
        "account", "tenant", "business", "permissions", "role", "roles", "language", "locale", "persona",
    ]

    /// True for a parameter named as the request's input: a bare input noun (`message`, `query`), or a noun
    /// after words naming its sender or freshness only (`user_text`, `new_message`, `userQuery`).
    static func namesRequestInput(_ name: String) -> Bool {
        let tokens = NameTokens.split(name)
        guard let last = tokens.last else { return false }
        if tokens.count == 1 { return inputNouns.contains(last) }
        return sentNouns.contains(last) && tokens.dropLast().allSatisfy(senderWords.contains)
    }

    /// The parameter named as the request's input that the call `callee(args)` computes its result from, given
    /// the traces of its arguments (in order); nil when none does or an exception applies.
    func requestInput(callee: SourceNode, args: [SourceArgument], traces: [ValueTrace]) -> String? {
        var candidates: [(value: SourceNode, parameter: String)] = []
        for (arg, t) in zip(args, traces) where !arg.spread {
            if let p = t.requestInput {
                candidates.append((arg.value, p))
            } else if let p = t.parameter, Self.namesRequestInput(p), !Self.namesKey(arg.value),
                // The input itself or text read off it (`message.content`), not another field (`message.author`).
                t.parameterMembers.allSatisfy({ ["content", "text", "body"].contains($0) })
            {
                candidates.append((arg.value, p))
            }
        }
        // A lookup by the input (`index.query(question)`, `lookup_web(question)`) is judged by what its result is
        // named, retrieved text or not, as before.
        guard !candidates.isEmpty, let path = callee.dottedPath, let last = callee.lastName,
            Set(NameTokens.split(last)).isDisjoint(with: Self.recordWords), !Self.looksUp(method: last, label: nil)
        else { return nil }
        // A function of the folder: only the arguments bound to parameters its body reads.
        var target: (analysis: SourceAnalysis, function: Int)?
        if let f = functionScope(named: path) {
            target = (self, f)
        } else if case .function(let a, let f)? = foreign(path) {
            target = (a, f)
        }
        guard let (a, f) = target else { return candidates[0].parameter }
        let bound = args.byParameter(a.scopes[f].parameters)
        for (value, p) in candidates {
            if bound.contains(where: { $0.value.range == value.range && a.bodyReads($0.key, of: f) }) { return p }
        }
        return nil
    }

    /// True when the body of `function` reads the name `parameter` (a name token after its parameter list, not
    /// an attribute of something else).
    func bodyReads(_ parameter: String, of function: Int) -> Bool {
        let body = scopes[function].body
        let tokens = module.tokens
        guard !body.isEmpty, body.upperBound <= tokens.count else { return true }
        let start = (module.matching[body.lowerBound] ?? body.lowerBound) + 1
        guard start < body.upperBound else { return false }
        for k in start..<body.upperBound where tokens[k].kind == .name && tokens[k].text == parameter && !module.isOp(k - 1, ".") {
            return true
        }
        return false
    }
}

extension SourceAnalysis {
    /// The value a function stored on an object it was given or made before `offset` (`state.last_turn_intent =
    /// intent`, then `state.last_turn_intent` or `getattr(state, "last_turn_intent", None)` later in it), with its
    /// scope; nil when no function scope around `scope` assigns that attribute (not `self`, traced as the instance's).
    func storedAttribute(_ name: String, _ attribute: String, scope: Int, before offset: Int, bindings: Bindings)
        -> (node: SourceNode, scope: Int, bindings: Bindings)?
    {
        guard !["self", "this", "cls"].contains(name), scope > 0 else { return nil }
        let key = "\(name).\(attribute)"
        var s: Int? = scope
        while let current = s, current > 0 {
            if let value = scopes[current].assignments[key]?.last(where: { $0.range.upperBound <= offset }) {
                return (value, current, bindings)
            }
            s = scopes[current].parent
        }
        return nil
    }
}
