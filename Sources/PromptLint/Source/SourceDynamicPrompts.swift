/// LangChain v1 middleware that writes the system prompt on every model call: `create_agent` sends the
/// text a function decorated `@dynamic_prompt` returns as the system message, before the agent's
/// conversation (the checkpointed thread and the tool rounds of the current turn). The text is read
/// where it is written: in the function itself, or in another module's function whose output it
/// returns (`return load_system_prompt(memory=…)`).
extension SourceAnalysis {
    /// For each `@dynamic_prompt` function of this file: the module and function that write its text, and
    /// the agent's conversation after it (a slot at the decorator).
    func dynamicPromptFunctions() -> [(module: SourceAnalysis, function: Int, conversation: TemplateSlot)] {
        let tokens = module.tokens
        var out: [(SourceAnalysis, Int, TemplateSlot)] = []
        for i in tokens.indices where module.isOp(i, "@") && module.isName(i + 1, "dynamic_prompt") {
            // The next `def name(` (after further decorators).
            var k = i + 2
            while k + 1 < tokens.count, k < i + 64, !module.isName(k, "def") { k += 1 }
            guard module.isName(k, "def"), module.isName(k + 1), let function = module.functions[tokens[k + 1].text],
                let returned = scopes[function].returns.last
            else { continue }
            let position = source.position(tokens[i].range.lowerBound)
            let history = TemplateSlot(
                expression: "messages", variable: nil, source: "the agent's messages", position: position,
                provenance: SlotClass(
                    volatility: .perRequest, kind: .history,
                    reason: "the agent's conversation, sent after the prompt the `@dynamic_prompt` middleware at \(path) line \(position.line) returns on every model call"))
            if case .call = returned.kind, let (m, f) = foreignFunction(producing: returned, scope: function) {
                out.append((m, f, history))
            } else {
                out.append((self, function, history))
            }
        }
        return out
    }
}
