/// The system text a request sends beside its messages rather than in them: google-genai's
/// `generate_content(contents=…, config=types.GenerateContentConfig(system_instruction=…))`, with the config
/// written in the call or bound to a name first (in each branch of an `if`), and a helper of this file that
/// sends one parameter as the messages and another as that system text
/// (`def generate(contents, config): client.models.generate_content(contents=contents, config=config)`,
/// `def ask(system, messages): client.messages.create(system=system, messages=messages)`). The provider puts
/// the system text before the messages, so a value the caller writes into it comes before the conversation.
/// (A helper of another module reports what its callers pass at its own request, `SourceForeignCallers`.)
extension SourceAnalysis {
    /// The options a request call takes its system text from, in the order they are read.
    private static let systemOptions = ["system", "system_instruction", "instructions", "config"]

    /// The `system_instruction` of a Gemini request config (`types.GenerateContentConfig(system_instruction=…)`,
    /// `{ systemInstruction }`), written at `config` or bound to the name `config` is, with the scope its
    /// names resolve in; nil when the config holds none.
    func configSystem(_ config: SourceNode, scope: Int) -> (SourceNode, Int)? {
        if let system = Self.systemInstruction(config) { return (system, scope) }
        guard case .name(let name) = config.kind, let bound = boundValue(of: name, at: config, scope: scope),
            let system = Self.systemInstruction(bound.node)
        else { return nil }
        return (system, bound.scope)
    }

    /// The system instruction written in a config call or object (`system_instruction=`, `systemInstruction:`).
    private static func systemInstruction(_ config: SourceNode) -> SourceNode? {
        config.argument("system_instruction") ?? config.entry("system_instruction") ?? config.entry("systemInstruction")
    }

    /// The system messages a call of this file's helper `function` sends before the messages parameter:
    /// the argument the call passes for the parameter the helper's request gives as its `system`,
    /// `system_instruction` or `instructions` (or the `system_instruction` of what it passes for a `config`
    /// parameter), read at the call in `scope`. Empty when the helper sends no parameter there.
    func passedSystem(of function: Int, call: SourceNode, scope: Int) -> [SourceMessage] {
        guard case .call(_, let args) = call.kind else { return [] }
        let parameters = scopes[function].parameters
        let passed = args.byParameter(parameters)
        for (request, s) in module.calls where s == function {
            guard case .call(let callee, let requestArgs) = request.kind,
                RequestMethods.messagesFromParameter.contains(callee.lastName ?? "")
            else { continue }
            let options = requestArgs.first.flatMap { $0.label == nil ? $0.value : nil }
            for option in Self.systemOptions {
                guard let value = request.argument(option) ?? options?.entry(option), case .name(let name) = value.kind,
                    parameters.contains(name), let argument = passed[name]
                else { continue }
                if option != "config" { return content(.system, argument, scope: scope) }
                guard let (system, systemScope) = configSystem(argument, scope: scope) else { continue }
                return content(.system, system, scope: systemScope)
            }
        }
        return []
    }
}
