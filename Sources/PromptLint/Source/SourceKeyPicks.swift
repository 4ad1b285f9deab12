/// One field of a record a function returns, read by its key: `profile["personality_summary"]` where
/// `profile = database.get_user_profile(user_id)` and the function ends `return {"personality_summary":
/// summary, "last_seen": now}`. Only that entry of the returned dict is the value; the clock stamped in
/// another field does not reach the prompt.
extension SourceAnalysis {
    /// The trace of entry `key` of what `base` (a call of a function of this module or of another module
    /// of the folder, or a name bound to one) returns, when at least one of its returns is a dict written
    /// out: such a dict gives its entry of that key (nothing when it has none); other returns are traced
    /// whole, as before. Nil when `base` is not such a call.
    func traceReturnedEntry(_ base: SourceNode, key: String, scope: Int, bindings: Bindings, depth: Int) -> ValueTrace? {
        guard depth < 12 else { return nil }
        let (node, callerScope, callerBindings) = throughNames(base, scope: scope, bindings: bindings, unwrapping: true, steps: 1)
        guard case .call(let callee, let args) = node.kind, let path = callee.dottedPath else { return nil }
        let owner: SourceAnalysis
        let function: Int
        let functionBindings: Bindings
        if let local = functionScope(named: path) {
            (owner, function) = (self, local)
            functionBindings = bind(local, args: args, callerScope: callerScope, bindings: callerBindings)
        } else if case .function(let other, let foreignFunction)? = foreign(path) {
            (owner, function) = (other, foreignFunction)
            functionBindings = other.opaqueBindings(foreignFunction, args: args)
        } else {
            return nil
        }
        let returns = owner.scopes[function].returns.suffix(4).map(\.unwrapped)
        guard returns.contains(where: { if case .dict = $0.kind { true } else { false } }) else { return nil }
        var result = ValueTrace()
        for value in returns {
            if case .dict = value.kind {
                if let entry = value.entry(key) { result.merge(owner.trace(entry, scope: function, bindings: functionBindings, depth: depth + 1)) }
            } else {
                result.merge(owner.trace(value, scope: function, bindings: functionBindings, depth: depth + 1))
            }
        }
        return result
    }
}
