/// Graph nodes that no graph runs: a function shaped as a LangGraph node (it takes the graph's `state`)
/// in a folder that builds its graphs with `add_node`/`addNode`, whose name no file of the folder
/// mentions besides its definition. Nothing calls or registers it, so the request it would make is
/// never sent (left over from an earlier graph). Read alone (no folder, or a folder that registers no
/// nodes), a node is still read as a request: the graph may be built elsewhere.
extension SourceAnalysis {
    /// Scopes of node functions never wired into a graph, with the functions nested in them.
    func unwiredGraphNodes() -> Set<Int> {
        guard let modules, modules.mentions(of: "add_node") + modules.mentions(of: "addNode") > 0 else { return [] }
        var dead: Set<Int> = []
        for (index, scope) in scopes.enumerated() {
            guard let name = scope.name, scope.parameters.contains("state"), modules.mentions(of: name) <= 1 else { continue }
            dead.insert(index)
        }
        guard !dead.isEmpty else { return [] }
        for index in scopes.indices {
            var parent = scopes[index].parent
            while let p = parent, !dead.contains(index) {
                if dead.contains(p) { dead.insert(index) }
                parent = scopes[p].parent
            }
        }
        return dead
    }
}
