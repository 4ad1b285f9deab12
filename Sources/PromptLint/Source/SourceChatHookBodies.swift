/// Fields a chat page posts with every request of one chat: the Vercel AI SDK's `useChat({ body: { level,
/// goal } })` (or its transport's `new DefaultChatTransport({ body })`) adds the same object to each
/// message's request, built from the chat's own state when the page renders. A route of the folder that
/// reads such a field beside the conversation gets a value of the chat, whatever the field is named; a
/// field whose value the page reads from the clock or a random source stays per request.
extension SourceAnalysis {
    /// The URL path a Next.js App Router route file serves (`src/app/api/chat/route.ts` → `/api/chat`; route
    /// groups such as `(main)` are left out), nil for any other file.
    static func routeURL(of path: String) -> String? {
        var parts = path.split(separator: "/").map(String.init)
        guard let file = parts.popLast(), file.hasPrefix("route."), let app = parts.lastIndex(of: "app") else { return nil }
        let segments = parts[(app + 1)...].filter { !($0.hasPrefix("(") && $0.hasSuffix(")")) }
        return "/" + segments.joined(separator: "/")
    }

    /// True when a page of the folder calls `useChat` for this route file (its `api` option names the route's
    /// URL, or it has none and the route is the SDK's default `/api/chat`) with `key` in the hook's `body`,
    /// and that entry's value reads neither the clock nor a random source.
    func chatHookPostsPerChat(_ key: String) -> Bool {
        guard module.language == .script, let url = Self.routeURL(of: path), let modules else { return false }
        for page in modules.analyses(mentioning: "useChat") where page !== self && page.module.language == .script {
            for (call, scope) in page.callSites(named: "useChat") {
                guard case .call(_, let args) = call.kind, let options = args.first?.value,
                    Self.chatHookOption("api", in: options)?.plainString ?? "/api/chat" == url,
                    let value = Self.chatHookOption("body", in: options)?.entry(key)
                else { continue }
                let kind = page.trace(value, scope: scope, bindings: Bindings()).volatile?.source.kind
                return kind != .time && kind != .identifier
            }
        }
        return false
    }

    /// The value of option `name` in `useChat`'s options object, else in the options of its `transport`
    /// (`new DefaultChatTransport({ api, body })`).
    private static func chatHookOption(_ name: String, in options: SourceNode) -> SourceNode? {
        if let value = options.entry(name) { return value }
        guard case .call(_, let args)? = options.entry("transport")?.kind else { return nil }
        return args.first?.value.entry(name)
    }
}
