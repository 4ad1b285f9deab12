/// Agent frameworks that take the system prompt when the agent is built rather than per request:
/// pydantic-ai `Agent(model, system_prompt=…, instructions=…)` plus the functions decorated with
/// `@agent.system_prompt` / `@agent.instructions` (their returns are appended in definition order),
/// the OpenAI Agents SDK `Agent(name=…, instructions=text or function)`, LangGraph
/// `create_react_agent(model, tools, prompt=…)` and LangChain `create_agent(model, tools, system_prompt=…)`.
extension SourceAnalysis {
    /// Constructors of agents, by the last name of the callee.
    static let agentConstructors: Set<String> = ["Agent", "create_react_agent", "create_agent", "new Agent"]
    /// The keyword arguments that carry an agent's system prompt.
    private static let agentPromptArguments = ["system_prompt", "instructions", "prompt", "state_modifier"]
    /// The decorators that register a function's return as a system prompt part.
    private static let promptDecorators: Set<String> = ["system_prompt", "instructions"]

    /// The system messages an agent constructor gives its agent, or nil when the call is not one.
    func agentRequest(_ call: SourceNode, scope: Int) -> [SourceMessage]? {
        guard case .call(let callee, _) = call.kind, let last = callee.lastName, Self.agentConstructors.contains(last) else {
            return nil
        }
        var out: [SourceMessage] = []
        // JavaScript: `new Agent({ name, instructions, model })` (Mastra, the OpenAI Agents SDK). Given a
        // `memory`, the agent replays the thread's stored messages after its instructions on every call.
        if last == "new Agent" {
            guard case .call(_, let args) = call.kind, let options = args.first?.value,
                let (value, s) = optionEntry(options, "instructions", scope: scope)
            else { return nil }
            out += agentPart(value, scope: s)
            if !out.isEmpty, let memory = options.entry("memory") {
                let position = source.position(memory.range.lowerBound)
                let history = TemplateSlot(
                    expression: "memory", variable: nil, source: text(of: memory), position: position,
                    provenance: SlotClass(volatility: .perRequest, kind: .history, reason: "the agent's memory: the thread's conversation so far"))
                out.append(SourceMessage(role: .unknown, segments: [.slot(history)], position: position))
            }
            return out.isEmpty ? nil : out
        }
        for label in Self.agentPromptArguments {
            guard let value = call.argument(label) else { continue }
            if case .list(let items, false) = value.kind, !items.isEmpty, items.allSatisfy({ isTextual($0) || Self.referenceName($0) != nil }) {
                for item in items { out += agentPart(item, scope: scope) }
            } else {
                out += agentPart(value, scope: scope)
            }
        }
        // `agent = Agent(…)`, then `@agent.system_prompt def part(ctx): return …`.
        if let agent = scopes[scope].assignments.first(where: { $0.value.contains { $0.range == call.range } })?.key {
            for function in decoratedPromptFunctions(of: agent) {
                for value in scopes[function].returns where isTextual(value) {
                    if let name = scopes[function].name { consumed.insert(name) }
                    out.append(SourceMessage(
                        role: .system, segments: render(value, scope: function, bindings: Bindings()),
                        position: source.position(value.range.lowerBound)))
                }
            }
        }
        return out.isEmpty ? nil : out
    }

    /// A system prompt part: text, or a function of this file that returns it (dynamic instructions).
    private func agentPart(_ value: SourceNode, scope: Int) -> [SourceMessage] {
        if case .name(let name) = value.kind, let function = functionScope(named: name) {
            consumed.insert(name)
            return instructionsReturned(by: function)
        }
        // `instructions: () => { …; return `…` }` (or `async ({ runtimeContext }) => `…``): the framework calls
        // the function for each run, and the text it returns is the system prompt.
        if let function = inlineFunction(value, in: scope) {
            let returned = instructionsReturned(by: function)
            if !returned.isEmpty { return returned }
        }
        return content(.system, value, scope: scope)
    }

    /// The system prompt an instructions function returns: its last return of text. Its returns are
    /// alternatives, not parts (`if (persona) return identity + base; … return base + context`), and the
    /// last is the path taken when no special case applies; read together, the text of one would count as
    /// static text after another's values.
    private func instructionsReturned(by function: Int) -> [SourceMessage] {
        guard let returned = scopes[function].returns.last(where: { returnsText($0, scope: function) }) else { return [] }
        return [SourceMessage(role: .system, segments: render(returned, scope: function, bindings: Bindings()),
                              position: source.position(returned.range.lowerBound))]
    }

    /// True when a value an instructions function returns is text: built in code, or names of the function's
    /// own locals bound to text, joined with `+` (`const base = `…`; return base + extra`).
    private func returnsText(_ value: SourceNode, scope: Int, depth: Int = 0) -> Bool {
        if isTextual(value) || namesText(value, in: scope) { return true }
        guard depth < 8, case .binary("+", let a, let b) = value.kind else { return false }
        return returnsText(a, scope: scope, depth: depth + 1) || returnsText(b, scope: scope, depth: depth + 1)
    }

    /// The scope of the function written as `value` itself (an arrow function or `function` expression
    /// opened inside it, directly in `scope`); nil when `value` is not one.
    private func inlineFunction(_ value: SourceNode, in scope: Int) -> Int? {
        guard case .other = value.kind, isFunctionLiteral(value) else { return nil }
        return scopes.indices.first { s in
            scopes[s].parent == scope && value.range.contains(scopes[s].offset)
        }
    }

    /// The scopes of functions decorated `@<agent>.system_prompt` or `@<agent>.instructions`, in source order.
    private func decoratedPromptFunctions(of agent: String) -> [Int] {
        let tokens = module.tokens
        var out: [Int] = []
        var i = 0
        while i + 3 < tokens.count {
            defer { i += 1 }
            guard module.isOp(i, "@"), module.isName(i + 1, agent), module.isOp(i + 2, "."),
                Self.promptDecorators.contains(tokens[i + 3].text), tokens[i + 3].kind == .name
            else { continue }
            // The next `def name(` (after decorator arguments and further decorators).
            var k = i + 4
            while k + 1 < tokens.count, k < i + 64, !module.isName(k, "def") { k += 1 }
            if module.isName(k, "def"), module.isName(k + 1), let function = module.functions[tokens[k + 1].text] {
                out.append(function)
            }
        }
        return out
    }
}
