import Foundation

/// Values a method builds only from its object's state set at construction (`self.examples`, loaded from a
/// file by the constructor), with no value of the request: the same for every request the object serves,
/// whatever the name the method gives the result (`dynamic_examples_str`).
extension SourceAnalysis {
    /// Bare-name calls that only convert or count the value they are given.
    private static let convertingCalls: Set<String> = ["str", "len", "sorted", "list", "tuple", "set", "dict", "int", "repr"]

    /// True when `variable` is a plain name that `scope` assigns, each time from literals and reads of
    /// instance attributes (`self.x`) that only construction code assigns (`runsAtConstruction`), at least one
    /// such read in all, and no parameter, other local, or call of anything but a method of a literal or a
    /// converting built-in.
    func builtFromConstructionState(_ variable: String?, scope: Int) -> Bool {
        guard let variable, !variable.contains("."), scope > 0, scope < scopes.count,
            let values = scopes[scope].assignments[variable], !values.isEmpty, values.count <= 8
        else { return false }
        var reads = 0
        var budget = 200
        for value in values {
            guard readsOnlyConstructionState(value, scope: scope, reads: &reads, budget: &budget) else { return false }
        }
        return reads > 0
    }

    /// Walks `node`, counting in `reads` its reads of instance attributes set at construction; false at the
    /// first part that may differ between requests (or when `budget` nodes are spent).
    private func readsOnlyConstructionState(_ node: SourceNode, scope: Int, reads: inout Int, budget: inout Int) -> Bool {
        budget -= 1
        guard budget > 0 else { return false }
        switch node.kind {
        case .string, .literal, .list, .dict, .binary, .conditional, .comprehension, .other, .index:
            break
        case .name(let name):
            // A comprehension's own variable, a module name or a built-in: not this function's data.
            if name == "self" || scopes[scope].parameters.contains(name) || scopes[scope].assignments[name] != nil
                || scopes[scope].loopTargets[name] != nil
            { return false }
            return true
        case .member(let base, let attribute):
            if case .name("self") = base.kind {
                // Changed by the very function that builds the prompt (`self.turns.append(message)`): request state.
                guard constructionAttribute(attribute), scopes[scope].appends["self." + attribute] == nil,
                    scopes[scope].appends[attribute] == nil, scopes[scope].assignments[attribute] == nil
                else { return false }
                reads += 1
                return true
            }
        case .call(let callee, let args):
            switch callee.kind {
            case .name(let name):
                guard Self.convertingCalls.contains(name) else { return false }
            case .member(let base, _):
                guard base.literal != nil else { return false }
            default:
                return false
            }
            for arg in args where !readsOnlyConstructionState(arg.value, scope: scope, reads: &reads, budget: &budget) { return false }
            return true
        }
        for child in node.children where !readsOnlyConstructionState(child, scope: scope, reads: &reads, budget: &budget) { return false }
        return true
    }

    /// True when the instance attribute `attribute` (`examples` of `self.examples`; assignments are recorded
    /// without `self.`, so a local of that name counts too) is assigned in this module, and only by code that
    /// runs while the object is created.
    func constructionAttribute(_ attribute: String) -> Bool {
        let setters = scopes.indices.filter { scopes[$0].assignments[attribute] != nil }
        return !setters.isEmpty && setters.allSatisfy(runsAtConstruction)
    }
}
