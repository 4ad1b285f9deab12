/// Values carried to a LangGraph node or a LangChain v1 middleware through the run's runtime context: the caller
/// invokes the graph or agent with `context={"clock": clock}` (or `context=Context(clock=clock)`), and a
/// `@dynamic_prompt` function reads `request.runtime.context.get("clock")` (or `runtime.context["clock"]`,
/// `runtime.context.clock`). The read has no value of its own; what the module's invocation passes under that
/// key is what it holds on each run.
extension SourceAnalysis {
    /// Names of the calls that run a graph or an agent given a runtime `context=`.
    private static let contextInvocations = ["invoke", "ainvoke", "stream", "astream", "astream_events", "stream_events"]

    /// The key `node` reads off a runtime context (`runtime.context.get("clock", "")`, `runtime.context["clock"]`,
    /// `runtime.context.clock`), or nil when it reads none.
    static func runtimeContextKey(_ node: SourceNode) -> String? {
        func isRuntimeContext(_ base: SourceNode) -> Bool {
            guard case .member(let owner, "context") = base.kind else { return false }
            return owner.lastName == "runtime"
        }
        switch node.kind {
        case .call(let callee, let args):
            guard case .member(let base, "get") = callee.kind, isRuntimeContext(base), let first = args.first, first.label == nil
            else { return nil }
            return first.value.plainString
        case .index(let base, let keys) where keys.count == 1:
            return isRuntimeContext(base) ? keys[0].plainString : nil
        case .member(let base, let key):
            return isRuntimeContext(base) ? key : nil
        default:
            return nil
        }
    }

    /// The value the first invocation of this module that passes a runtime `context` (a dict literal, a constructor
    /// called with keywords, or a name bound to either) gives under `key`, with the scope it is written in.
    func invocationContextValue(_ key: String) -> (node: SourceNode, scope: Int, bindings: Bindings)? {
        var sites: [(SourceNode, Int)] = module.calls.map { ($0.node, $0.scope) }
        for name in ["astream_events", "stream_events"] {
            for site in module.otherCalls[name] ?? [] {
                if let call = module.parsedCall(at: site.token) { sites.append((call, site.scope)) }
            }
        }
        for (call, scope) in sites {
            guard case .call(let callee, _) = call.kind, Self.contextInvocations.contains(callee.lastName ?? ""),
                let context = call.argument("context")
            else { continue }
            let holder = throughNames(context, scope: scope, bindings: Bindings(), steps: 1)
            if let value = holder.node.entry(key) { return (value, holder.scope, holder.bindings) }
            if case .call(_, let args) = holder.node.kind, let value = args.first(where: { $0.label == key })?.value {
                return (value, holder.scope, holder.bindings)
            }
        }
        return nil
    }
}
