/// A LangChain chat template built in another module and filled here: `CHAT_PROMPT.format_messages(now=…,
/// history=…, query=…)` where `chains/chat.py` holds `CHAT_PROMPT = ChatPromptTemplate.from_messages([…])`.
/// The values enter the prompt at this call, so each variable this call passes becomes this file's slot
/// for the argument (at its own line); the template's static text is kept for its size, and the
/// conversation placeholder stays the conversation.
extension SourceAnalysis {
    /// Methods that fill a template's variables and return its messages (not a chain's `invoke`, whose
    /// receiver may be anything).
    static let formattingMethods: Set<String> = [
        "format_messages", "aformat_messages", "formatMessages", "format_prompt", "aformat_prompt", "formatPromptValue",
    ]

    /// The messages of the other module's template that `call` fills, or nil when the receiver is not an
    /// imported chat template or the call passes none of its variables.
    func foreignTemplateMessages(_ call: SourceNode, scope: Int) -> [SourceMessage]? {
        guard case .call(let callee, let args) = call.kind, case .member(let receiver, let method) = callee.kind,
            Self.formattingMethods.contains(method), case .name(let name) = receiver.kind,
            case .value(let other, let value, let s)? = foreign(name),
            case .call(let defining, _) = value.kind, ["from_messages", "fromMessages"].contains(defining.lastName ?? ""),
            let built = other.request(value, scope: s)
        else { return nil }
        var arguments: [String: SourceNode] = [:]
        for arg in args where !arg.spread {
            if let label = arg.label {
                arguments[label] = arg.value
            } else if case .dict(let entries) = arg.value.kind {
                // LangChain.js: `prompt.formatMessages({ now, history })`.
                for e in entries { if let key = e.keyName { arguments[key] = e.value } }
            }
        }
        var used = false
        let here = source.position(call.range.lowerBound)
        let messages = built.map { message -> SourceMessage in
            var m = message
            m.position = here
            m.segments = message.segments.flatMap { segment -> [TemplateSegment] in
                switch segment {
                case .text(let t, _):
                    return [.text(t, here)]
                case .slot(var s):
                    // The conversation placeholder (`MessagesPlaceholder("history")`) stays the conversation.
                    let named = s.variable.flatMap { SlotClassifier().nameClass(of: $0) }
                    if (s.provenance ?? named)?.kind == .history {
                        s.position = here
                        return [.slot(s)]
                    }
                    guard let variable = s.variable, let passed = arguments[variable] else { return [] }
                    used = true
                    // Text this file writes (a literal, a constant) is text of the prompt.
                    return inlined(passed, scope: scope, bindings: Bindings(), depth: 0)
                        ?? [slot(passed, scope: scope, bindings: Bindings())]
                }
            }
            return m
        }
        return used ? messages : nil
    }
}
