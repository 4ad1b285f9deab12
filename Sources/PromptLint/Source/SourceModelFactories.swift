/// A project's model factory that forwards a Gemini system instruction (`get_model(name,
/// system_instruction=system)`, defined in this file or another module as `return
/// genai.GenerativeModel(name, system_instruction=system_instruction)`), in a module that then starts a chat
/// session from stored history (`model.start_chat(history=…)`): each message of the session sends the
/// instruction this call passes, then that history.
extension SourceAnalysis {
    /// The requests of calls to project functions (not SDK calls the readers know) that pass
    /// `system_instruction=`, each the instruction then the chat session's history; none when this module starts
    /// no chat session from history, or from the scopes `skipping`.
    func modelFactoryRequests(skipping: Set<Int> = []) -> [[SourceMessage]] {
        guard let history = chatSessionHistory() else { return [] }
        var out: [[SourceMessage]] = []
        for name in module.otherCalls.keys.sorted() where module.functions[name] != nil || imports[name] != nil {
            for site in module.otherCalls[name] ?? [] where !skipping.contains(site.scope) {
                guard let call = module.parsedCall(at: site.token), let system = call.argument("system_instruction") else { continue }
                out.append(content(.system, system, scope: site.scope) + [conversation(history.node, scope: history.scope)])
            }
        }
        return out
    }
}

extension SourceAnalysis {
    /// The requests of Gemini chat sessions started with their own system instruction and a stored history
    /// (@google/generative-ai: `model.startChat({ systemInstruction: { parts: [{ text: prompt }] }, history })`):
    /// each message of the session sends that instruction, then the history, then the new message. None for a
    /// session started without one of them, or in the scopes `skipping`.
    func chatSessionInstructionRequests(skipping: Set<Int> = []) -> [[SourceMessage]] {
        var out: [[SourceMessage]] = []
        for site in module.otherCalls["startChat"] ?? [] where !skipping.contains(site.scope) {
            guard let call = module.parsedCall(at: site.token), case .call(_, let args) = call.kind,
                let options = args.first?.value, let instruction = options.entry("systemInstruction"),
                let history = options.entry("history"), !isEmptyUnfilledDefault(history, scope: site.scope)
            else { continue }
            out.append(content(.system, Self.instructionText(instruction), scope: site.scope)
                + [conversation(history, scope: site.scope)])
        }
        return out
    }

    /// The text of a Gemini system instruction: a string as written, or the text of the first part of a content
    /// object (`{ parts: [{ text }] }`, `{ role: "system", parts: [{ text }] }`, or the one part written without
    /// its list, `{ parts: { text } }`, which the REST API also takes), also built with the Python SDK's types
    /// (`Content(role="user", parts=[Part(text=text)])`, `types.Part.from_text(text=text)`).
    static func instructionText(_ instruction: SourceNode) -> SourceNode {
        contentText(instruction) ?? instruction
    }

    /// The text of a Gemini content object holding one part (see `instructionText`); nil for anything else.
    static func contentText(_ content: SourceNode) -> SourceNode? {
        func field(_ node: SourceNode, _ name: String) -> SourceNode? { node.entry(name) ?? node.argument(name) }
        guard let parts = field(content, "parts") else { return nil }
        if let text = field(parts, "text") { return text }
        guard case .list(let items, _) = parts.kind, items.count == 1 else { return nil }
        return field(items[0], "text")
    }
}
