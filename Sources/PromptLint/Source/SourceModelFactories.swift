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
