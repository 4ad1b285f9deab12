import Foundation

/// Helpers given the system text and the conversation as two parameters, which put the one before the other:
/// `def prepare(history, system_prompt): return [{"role": "system", "content": system_prompt}] + history`, or
/// `def generate(system_prompt, messages): chat = [system]; chat.extend(messages); client…create(messages=chat)`
/// in this file or another module. Read in the helper, the system message is only a parameter; what the
/// caller passes for it (a prompt rebuilt per request) is what the request holds, so it is read at the call.
extension SourceAnalysis {
    /// `messages` as read in `owner`'s `function`, with each message that is one of the function's
    /// parameters alone replaced by what `call` (in `scope` of this module) passes for it: a system or user
    /// text rendered here, a conversation read here. Other messages of the helper are kept (from another
    /// module, its text is placed at the call and its own values are left to its own report). Nil when no
    /// system message is such a parameter, so a helper with its own system text is read as before.
    func passingArguments(_ messages: [SourceMessage], of function: Int, in owner: SourceAnalysis, call: SourceNode,
                          scope: Int) -> [SourceMessage]? {
        guard case .call(_, let args) = call.kind, !args.isEmpty else { return nil }
        let parameters = owner.scopes[function].parameters
        let arguments = args.byParameter(parameters)
        let here = source.position(call.range.lowerBound)
        var out: [SourceMessage] = []
        var system = false
        for message in messages {
            if message.segments.count == 1, case .slot(let s) = message.segments[0], let name = s.variable ?? Self.bareName(s.expression),
                parameters.contains(name), let passed = arguments[name]
            {
                if s.provenance?.kind == .history || message.role == .unknown || message.role == .assistant {
                    // One message written at the call (`user_msg={"role": "user", "content": text}`) is that
                    // message, not a conversation.
                    let list = passed.entry("role") != nil || Self.buildsMessage(passed)
                        ? self.message(passed, scope: scope, template: false, depth: 0) : messageList(passed, scope: scope)
                    // `return [*system_blocks, *history, user_msg]` given the caller's system messages: the
                    // system text is what the caller built, so the call is read with it.
                    if Self.passesSystemMessages(list) { system = true }
                    out += list
                } else {
                    out += content(message.role, passed, scope: scope)
                    if message.role == .system { system = true }
                }
                continue
            }
            if owner === self {
                out.append(message)
                continue
            }
            var m = message
            m.position = here
            m.segments = message.segments.compactMap { segment in
                switch segment {
                case .text(let t, _): return .text(t, here)
                case .slot(let s): return s.provenance?.kind == .history ? segment : nil
                }
            }
            out.append(m)
        }
        return system ? out : nil
    }

    /// True when what a caller passes for a helper's list parameter holds system messages of its own (a list of
    /// system blocks it built), not only the conversation or one turn.
    static func passesSystemMessages(_ list: [SourceMessage]) -> Bool {
        list.contains { $0.role == .system }
    }

    /// For a helper (this file's or another module's, by the dotted name it is called with) whose request
    /// sends a list it builds with a system message that is one of its parameters and then a conversation:
    /// that module, the function, and the messages as read there.
    ///
    /// A wrapper that hands its own system-text parameter on to such a helper (`reply(user, system, text)` calling
    /// `send(model, system, turns)`) is one too, read through up to `wrapperDepth` such calls: its messages are the
    /// inner helper's with what the wrapper passes.
    func systemParameterHelper(_ dotted: String, depth: Int = 0) -> (SourceAnalysis, Int, [SourceMessage])? {
        var found: (SourceAnalysis, Int)?
        if let function = functionScope(named: dotted) {
            found = (self, function)
        } else if dotted.split(separator: ".").count <= 2, case .function(let other, let function)? = foreign(dotted) {
            found = (other, function)
        }
        guard let (owner, function) = found, owner.scopes[function].parameters.count >= 2 else { return nil }
        // Read without leaving a trace in the helper's module (`consumed` names are its own requests').
        let consumed = owner.consumed
        defer { owner.consumed = consumed }
        for (call, scope) in owner.module.calls where scope == function {
            guard case .call(let callee, _) = call.kind, RequestMethods.messagesFromParameter.contains(callee.lastName ?? ""),
                let messages = owner.request(call, scope: function),
                Self.opensWithParameterBeforeConversation(messages, parameters: owner.scopes[function].parameters)
            else { continue }
            return (owner, function, messages)
        }
        if let messages = owner.providerBodyParameterRequest(in: function) { return (owner, function, messages) }
        return depth < Self.wrapperDepth ? owner.wrappedSystemParameterHelper(function, depth: depth) : nil
    }

    /// The messages of a call in `function` that hands a project's own client one provider-shaped body built from
    /// the function's parameters (`this.llm.createMessage({ system, tools, messages })` in a tool loop
    /// `runLoop(system, messages)`), when its system text is one of those parameters and the conversation follows
    /// it; nil otherwise. The caller's system text and turns are what that request sends.
    private func providerBodyParameterRequest(in function: Int) -> [SourceMessage]? {
        guard module.language == .script else { return nil }
        let parameters = scopes[function].parameters
        for call in otherCalls(in: function) {
            guard let messages = providerBodyRequest(call, scope: function),
                Self.opensWithParameterBeforeConversation(messages, parameters: parameters)
            else { continue }
            return messages
        }
        return nil
    }

    /// The calls written in `function` that are not requests (`module.otherCalls`), parsed one at a time as they
    /// are read, by callee name and then by place.
    private func otherCalls(in function: Int) -> some Sequence<SourceNode> {
        module.parsedOtherCalls(named: module.otherCalls.keys.sorted(), in: function)
    }

    /// How many wrappers deep a system-text parameter is followed to the helper that sends it.
    static let wrapperDepth = 3

    /// `function` of this module read as a wrapper: a call in its body (by callee name) of a helper that sends a
    /// system-text parameter before a conversation, when what this function passes for that text is one of its
    /// own parameters (the messages then open with that parameter, the conversation after it).
    private func wrappedSystemParameterHelper(_ function: Int, depth: Int) -> (SourceAnalysis, Int, [SourceMessage])? {
        let parameters = scopes[function].parameters
        for call in otherCalls(in: function) {
            // Only a call passing one of this function's parameters on can open with it (checked before the
            // helper is looked up, which reads that helper's calls in turn).
            guard case .call(let callee, let args) = call.kind,
                args.contains(where: { if case .name(let n) = $0.value.kind { parameters.contains(n) } else { false } }),
                let dotted = callee.dottedPath, dotted != scopes[function].name,
                let (inner, innerFunction, sent) = systemParameterHelper(dotted, depth: depth + 1),
                let messages = passingArguments(sent, of: innerFunction, in: inner, call: call, scope: function),
                Self.opensWithParameterBeforeConversation(messages, parameters: parameters)
            else { continue }
            return (self, function, messages)
        }
        return nil
    }

    /// True when the first system message is one parameter alone and a conversation comes after it.
    private static func opensWithParameterBeforeConversation(_ messages: [SourceMessage], parameters: [String]) -> Bool {
        guard let first = messages.firstIndex(where: { $0.role == .system }), messages[first].segments.count == 1,
            case .slot(let s) = messages[first].segments[0], let name = s.variable ?? bareName(s.expression), parameters.contains(name)
        else { return false }
        return messages[(first + 1)...].contains { m in
            m.segments.contains { if case .slot(let s) = $0 { s.provenance?.kind == .history } else { false } }
        }
    }

    /// The identifier an expression is (`system_prompt`), or nil.
    static func bareName(_ expression: String) -> String? {
        let trimmed = expression.trimmingCharacters(in: CharacterSet(charactersIn: "{} "))
        return !trimmed.isEmpty && trimmed.allSatisfy(\.isWordCharacter) ? trimmed : nil
    }
}
