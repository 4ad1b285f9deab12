/// Agent frameworks that take the system prompt when the agent is built rather than per request:
/// pydantic-ai `Agent(model, system_prompt=…, instructions=…)` plus the functions decorated with
/// `@agent.system_prompt` / `@agent.instructions` (their returns are appended in definition order),
/// the OpenAI Agents SDK `Agent(name=…, instructions=text or function)`, LangGraph
/// `create_react_agent(model, tools, prompt=…)` and LangChain `create_agent(model, tools, system_prompt=…)`,
/// their JavaScript forms `createAgent({ model, tools, systemPrompt })` and `createReactAgent({ llm, tools, prompt })`
/// (older `stateModifier` / `messageModifier`), and a subclass of `Agent` that passes them to
/// `super().__init__(instructions=…)` (LiveKit Agents).
extension SourceAnalysis {
    /// Constructors of agents, by the last name of the callee.
    static let agentConstructors: Set<String> = [
        "Agent", "LlmAgent", "create_react_agent", "create_agent", "new Agent", "createAgent", "createReactAgent",
    ]
    /// The option keys that carry a JavaScript LangChain / LangGraph agent's system prompt, in the order tried.
    private static let scriptAgentPromptOptions = ["systemPrompt", "prompt", "stateModifier", "messageModifier"]
    /// The keyword arguments that carry an agent's system prompt.
    private static let agentPromptArguments = ["system_prompt", "instructions", "prompt", "state_modifier"]
    /// The decorators that register a function's return as a system prompt part.
    private static let promptDecorators: Set<String> = ["system_prompt", "instructions"]

    /// The system messages an agent constructor gives its agent, or nil when the call is not one.
    func agentRequest(_ call: SourceNode, scope: Int) -> [SourceMessage]? {
        guard case .call(let callee, _) = call.kind, let last = callee.lastName,
            Self.agentConstructors.contains(last) || isAgentSubclassInit(callee, at: call.range.lowerBound)
        else {
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
        // JavaScript LangChain / LangGraph: `const agent = createAgent({ model, tools, systemPrompt })`, then
        // `agent.invoke({ messages: [...history, { role: "user", content }] })`: the system prompt goes first,
        // then the messages the run passes.
        if last == "createAgent" || last == "createReactAgent" {
            guard case .call(_, let args) = call.kind, let options = args.first?.value,
                let (value, s) = Self.scriptAgentPromptOptions.lazy.compactMap({ self.optionEntry(options, $0, scope: scope) }).first
            else { return nil }
            out += agentPart(value, scope: s)
            let agent = scopes[scope].assignments.first(where: { $0.value.contains { $0.range == call.range } })?.key
            if !out.isEmpty, let agent, let (messages, s) = invokedMessages(of: agent, after: call, scope: scope) {
                out += messageList(messages, scope: s)
            }
            return out.isEmpty ? nil : out
        }
        // Parts pydantic-ai evaluates on every run (`instructions`), apart from the ones it stores in the
        // conversation's first request (`system_prompt`), for an agent run with the stored conversation.
        var rerun: [SourceMessage] = []
        // Google ADK: `Agent(instruction=…)`, filled per call by its callbacks (`SourceADKAgents`).
        if last == "Agent" || last == "LlmAgent", let instruction = adkInstruction(call, scope: scope) { out += instruction }
        for label in Self.agentPromptArguments {
            guard let value = call.argument(label) else { continue }
            var parts: [SourceMessage] = []
            if case .list(let items, false) = value.kind, !items.isEmpty, items.allSatisfy({ isTextual($0) || Self.referenceName($0) != nil }) {
                for item in items { parts += agentPart(item, scope: scope) }
            } else {
                parts = agentPart(value, scope: scope)
            }
            if label == "instructions" { rerun += parts } else { out += parts }
        }
        // `agent = Agent(…)`, then `@agent.system_prompt def part(ctx): return …`.
        let agent = scopes[scope].assignments.first(where: { $0.value.contains { $0.range == call.range } })?.key
        if let agent {
            for (function, perRun) in decoratedPromptFunctions(of: agent) {
                for returned in scopes[function].returns where isTextual(returned) {
                    if let name = scopes[function].name { consumed.insert(name) }
                    // A wrapper (`return instructions(application)`): the text the function it calls returns.
                    var (value, valueScope, bindings) = (returned, function, Bindings())
                    if case .call(let callee, let args) = returned.kind, let name = callee.dottedPath,
                        let inner = functionScope(named: name), inner != function, let text = principalReturn(of: inner),
                        isTextual(text) || Self.referenceName(text) != nil
                    {
                        consumed.insert(name)
                        (value, valueScope, bindings) = (text, inner, bind(inner, args: args, callerScope: function, bindings: Bindings()))
                    }
                    let part = SourceMessage(
                        role: .system, segments: render(value, scope: valueScope, bindings: bindings),
                        position: source.position(value.range.lowerBound))
                    if perRun { rerun.append(part) } else { out.append(part) }
                }
            }
        }
        // pydantic-ai sends the instructions first, then the conversation passed as `message_history` (whose
        // first request holds the system prompt parts of its first run): re-evaluated on every run, they sit
        // before the whole stored conversation.
        if last == "Agent", !rerun.isEmpty, let agent, let run = runWithMessageHistory(of: agent) {
            let position = source.position(run.offset ?? call.range.lowerBound)
            let history = TemplateSlot(
                expression: "message_history", variable: nil, source: run.snippet, position: position,
                provenance: SlotClass(volatility: .perRequest, kind: .history, reason: "the conversation passed as `message_history`"))
            return rerun + [SourceMessage(role: .unknown, segments: [.slot(history)], position: position)] + out
        }
        out += rerun
        return out.isEmpty ? nil : out
    }

    /// True when `callee` is the `super().__init__` of a class derived from `Agent` (LiveKit Agents:
    /// `class Assistant(Agent): def __init__(self, …): super().__init__(instructions=…)`), which builds the agent
    /// with the arguments given there as an `Agent(…)` call would.
    private func isAgentSubclassInit(_ callee: SourceNode, at offset: Int) -> Bool {
        guard case .member(let receiver, "__init__") = callee.kind, case .call(let function, let args) = receiver.kind,
            args.isEmpty, case .name("super") = function.kind
        else { return false }
        return module.enclosingClassBases(before: offset).contains("Agent")
    }

    /// The run methods of a JavaScript LangChain / LangGraph agent (calls the module records as requests).
    private static let scriptAgentRunMethods: Set<String> = ["invoke", "stream"]

    /// The `messages` entry of the first run of the agent named `agent` in `scope` after its construction
    /// (`agent.invoke({ messages: [...] })`, `await agent.stream({ messages }, config)`), with its scope.
    private func invokedMessages(of agent: String, after construction: SourceNode, scope: Int) -> (SourceNode, Int)? {
        for (node, s) in module.calls where s == scope && node.range.lowerBound > construction.range.upperBound {
            guard case .call(let callee, let args) = node.kind, case .member(let receiver, let method) = callee.kind,
                Self.scriptAgentRunMethods.contains(method), receiver.dottedPath == agent, let options = args.first?.value,
                let entry = optionEntry(options, "messages", scope: s)
            else { continue }
            return entry
        }
        return nil
    }

    /// The run methods of a pydantic-ai agent.
    private static let agentRunMethods = ["run", "run_sync", "run_stream", "iter", "run_stream_events"]

    /// The `message_history=` argument of a run of the agent named `agent` (`agent.run(text, message_history=…)`,
    /// `self.agent.run_stream(…)`), in this file or another file of the checked folder (matched by the agent's
    /// name: an agent built in one module is often run by a handler in another), with its offset when it is
    /// in this file; nil when no run passes one.
    private func runWithMessageHistory(of agent: String) -> (snippet: String, offset: Int?)? {
        let name = agent.split(separator: ".").last.map(String.init) ?? agent
        var files: [SourceAnalysis] = [self]
        if let modules { files += modules.analyses(containing: "message_history").filter { $0 !== self } }
        for file in files {
            for method in Self.agentRunMethods {
                for site in file.module.otherCalls[method] ?? [] where site.token >= 2 && file.module.isOp(site.token - 1, ".") {
                    guard let call = file.module.parsedCall(at: site.token), case .call(let callee, _) = call.kind,
                        case .member(let receiver, _) = callee.kind, receiver.lastName == name,
                        let history = call.argument("message_history")
                    else { continue }
                    return (file.text(of: history), file === self ? history.range.lowerBound : nil)
                }
            }
        }
        return nil
    }

    /// A system prompt part: text, or a function of this file that returns it (dynamic instructions).
    func agentPart(_ value: SourceNode, scope: Int) -> [SourceMessage] {
        // `systemPrompt: Prompts.executor(plan, userName)` with the function in another module: its text, with
        // the values this call passes as this file's slots (they enter the prompt here).
        if case .call = value.kind, let built = foreignMessages(value, scope: scope) { return built }
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

    /// The scopes of functions decorated `@<agent>.system_prompt` or `@<agent>.instructions`, in source order,
    /// each with whether pydantic-ai evaluates it on every run (`instructions`, `system_prompt(dynamic=True)`)
    /// rather than once, into the conversation's first request.
    private func decoratedPromptFunctions(of agent: String) -> [(scope: Int, perRun: Bool)] {
        let tokens = module.tokens
        var out: [(scope: Int, perRun: Bool)] = []
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
                let dynamic = module.isOp(i + 4, "(") && module.isName(i + 5, "dynamic") && module.isOp(i + 6, "=") && module.isName(i + 7, "True")
                out.append((function, tokens[i + 3].text == "instructions" || dynamic))
            }
        }
        return out
    }
}
