extension SourceAnalysis {
    /// True when `base` names a collection the code starts empty and fills at run time (`sessions = {}`,
    /// `dict()`, `defaultdict(Game)`, `new Map()`): it holds no fixed values, so whatever a key picks from it
    /// was stored while the program ran (a user's session, game or history), not one of a table of prompts.
    func startsEmpty(_ base: SourceNode, scope: Int, bindings: Bindings) -> Bool {
        // A module's or a function's own name, or an attribute of the instance (`self.sessions`, `this.games`).
        let own: String? = switch base.kind {
        case .name(let name): name
        case .member: base.dottedPath.flatMap { ["self.", "this."].contains(where: $0.hasPrefix) ? $0 : nil }
        default: nil
        }
        guard let name = own, !name.dropFirst(5).contains("."),
            case .value(let value, _, _) = lookup(name, scope: scope, before: base.range.lowerBound, bindings: bindings)
        else { return false }
        switch value.kind {
        case .dict(let entries): return entries.isEmpty
        case .list(let items, _): return items.isEmpty
        case .call(let callee, let args):
            let path = callee.dottedPath ?? ""
            if ["defaultdict", "collections.defaultdict"].contains(path) { return args.count <= 1 }
            return ["dict", "OrderedDict", "collections.OrderedDict", "new Map", "Map"].contains(path) && args.isEmpty
        default: return false
        }
    }
}
