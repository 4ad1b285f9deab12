/// The names of the methods that send a prompt to a model, in one table. The source analysis matches a
/// call by the last name of its callee (`client.chat.completions.create` is `create`); each role below is
/// the set one reader asks for. SDK families are listed once and the roles are built from them, so a
/// difference between two roles is a named family, not a second copy of the list.
enum RequestMethods {
    /// Chat requests whose body holds the `messages` (and Anthropic's `system`): OpenAI and Anthropic
    /// `create`/`stream`, LiteLLM `completion`/`acompletion`, the OpenAI Node SDK before v4
    /// (`createChatCompletion`).
    static let completions: Set<String> = ["create", "stream", "completion", "acompletion", "createChatCompletion"]
    /// Requests known by their name alone, whatever the receiver's path (`litellm.completion(…)`).
    static let namedCompletions: Set<String> = ["completion", "acompletion", "createChatCompletion"]
    /// Bedrock Runtime's Converse API (boto3): `converse(system=[…], messages=[…])`.
    static let converse: Set<String> = ["converse", "converse_stream"]
    /// Vercel AI SDK calls given one options object (`system` or `instructions`, `messages`, `prompt`).
    static let aiSDK: Set<String> = ["generateText", "streamText", "generateObject", "streamObject"]
    /// Chat clients given a message list (`llm.chat(messages)`, Ollama, LlamaIndex), and the streaming variant an
    /// OpenAI-compatible wrapper names after them (`client.chat_stream(messages=messages)`).
    static let chatClients: Set<String> = ["chat", "achat", "chat_stream"]
    /// LangChain models and runnables invoked with a message list or a text.
    static let langChain: Set<String> = ["invoke", "ainvoke"]
    /// Gemini requests whose messages are `contents`.
    static let gemini: Set<String> = ["generateContent", "generateContentStream", "generate_content", "generate_content_stream"]

    /// Calls read as a provider-shaped chat body (`SourceAnalysis.request`): the completions, structured
    /// outputs (`parse`) and chat clients.
    static let chatBodies: Set<String> = completions.union(["parse"]).union(chatClients)

    /// Requests a wrapper may send one of its parameters to whole, as the body (`create(params)` in a retry
    /// wrapper; `SourceHelperRequests.bodyParameter`): the chat bodies and the AI SDK's options object.
    static let wholeBodies: Set<String> = chatBodies.union(aiSDK)

    /// Requests whose `system` option comes before the `messages` they send: where an imported prompt
    /// function's output is the system text before the conversation (`SourceCrossFileCalls`,
    /// `SourceTemplateHelpers`).
    static let systemBeforeMessages: Set<String> = completions.union(converse).union(aiSDK)

    /// Requests a helper function may make with one of its parameters as the messages
    /// (`SourceHelperRequests`): the above, and the calls whose messages are a list under another name
    /// (Gemini `contents`, chat clients, LangChain models).
    static let messagesFromParameter: Set<String> = systemBeforeMessages.union(gemini).union(chatClients).union(langChain)

    /// Calls that send a prompt however it is given, one text or a message list, including a template's
    /// `render` and a model's `run`/`predict`: a module that makes one at module level or from its entry
    /// point is a script, run once per invocation (`SourceLifetime`, `SourceConstruction`). It has never
    /// held `createChatCompletion` nor `achat` (kept so: this table changed no behaviour).
    static let sendingPrompt: Set<String> = completions.subtracting(["createChatCompletion"]).union(converse).union(aiSDK)
        .union(["parse", "chat", "generate_content", "send_message", "render", "run", "predict"]).union(langChain)

    /// Standard-library namespaces of JavaScript and Python whose methods share a name with a request
    /// (`JSON.parse`, `Object.create`, `ast.parse`, `yaml.parse`): a call on one of them never sends a prompt,
    /// so a config module that decodes a file at import is no script.
    static let standardNamespaces: Set<String> = [
        "JSON", "Object", "Array", "Math", "Date", "Number", "String", "Promise", "Reflect", "Symbol", "Intl", "URL",
        "json", "ast", "yaml", "toml", "tomllib", "xml", "ET", "urllib", "dateutil", "email", "html",
    ]

    /// True when a call of `callee` sends a prompt however it is given (`sendingPrompt`): its last name is one
    /// of those, and it is not a standard-library call of that name (`JSON.parse(raw)`, `ast.parse(code)`).
    static func sendsPrompt(_ callee: SourceNode) -> Bool {
        guard let last = callee.lastName, sendingPrompt.contains(last) else { return false }
        guard let path = callee.dottedPath, let dot = path.firstIndex(of: ".") else { return true }
        return !standardNamespaces.contains(String(path[..<dot]))
    }
}
