extension SourceAnalysis {
    /// The request body a Python call unpacks with `**`: `create(**params)` where `params` is bound to a dict
    /// literal, or to a call of a function of this file whose last return is a dict literal or a name bound to
    /// one (`params = build_params(system_prompt, messages); create(**params)`), with the scope to read it in.
    /// Nil for any other call, and when the unpacked value is not known to be a dict (`create(**kwargs)` of a
    /// wrapper's parameter).
    func splattedBody(_ args: [SourceArgument], scope: Int) -> (body: SourceNode, scope: Int)? {
        guard module.language == .python, args.filter(\.spread).count == 1, !args.contains(where: { $0.label == nil && !$0.spread }),
            let splat = args.first(where: \.spread), case .name(let name) = splat.value.kind,
            let bound = boundValue(of: name, at: splat.value, scope: scope)
        else { return nil }
        if case .dict = bound.node.kind { return (bound.node, bound.scope) }
        return returnedDict(of: bound.node.unwrapped)
    }

    /// The dict literal the function of this file that `call` calls returns last (written in the return or bound
    /// to the returned name), with that function's scope.
    private func returnedDict(of call: SourceNode) -> (body: SourceNode, scope: Int)? {
        guard case .call(let callee, _) = call.kind, let function = functionScope(named: callee.dottedPath ?? ""),
            let returned = scopes[function].returns.last
        else { return nil }
        if case .dict = returned.kind { return (returned, function) }
        guard case .name(let name) = returned.kind, let bound = boundValue(of: name, at: returned, scope: function),
            case .dict = bound.node.kind
        else { return nil }
        return (bound.node, bound.scope)
    }
}
