/// A conversation parameter with an empty default that no caller fills: `export async function runAgentLoop(
/// userMessage: string, history: ConversationMessage[] = [])` called only as `runAgentLoop(text)` by the folder's
/// modules. The session then starts empty on every request, so no stored conversation follows the prompt
/// (a later version of the code may pass one; the code checked here never does).
extension SourceAnalysis {
    /// True when `node` names a script parameter whose default is an empty list and every call of its function
    /// found in this folder (at least one) passes nothing for it: by position, by a spread, or in an options
    /// object.
    func isEmptyUnfilledDefault(_ node: SourceNode, scope: Int) -> Bool {
        guard module.language == .script, case .name(let p) = node.kind, let function = scopeDeclaring(parameter: p, from: scope),
            function > 0, let functionName = scopes[function].name, !isReassigned(p, from: scope, upTo: function),
            let fallback = scopes[function].defaults[p], text(of: fallback).filter({ !$0.isWhitespace }) == "[]",
            let position = scopes[function].parameters.firstIndex(of: p)
        else { return false }
        var analyses: [SourceAnalysis] = [self]
        if let modules { analyses += modules.analyses(mentioning: functionName).filter { $0 !== self } }
        var calls = 0
        for other in analyses {
            for (call, _) in other.callSites(named: functionName) {
                // A call of this very function: by its name here, through an import that resolves to it elsewhere.
                guard case .call(let callee, let args) = call.kind else { continue }
                if other === self {
                    guard callee.lastName == functionName else { continue }
                } else {
                    guard let dotted = callee.dottedPath, let (m, f) = other.foreignCallable(dotted), m === self, f == function else { continue }
                }
                if args.contains(where: { $0.spread || $0.label != nil }) || args.count > position { return false }
                calls += 1
            }
        }
        return calls > 0
    }

    /// True when `name` is assigned in `scope` or an enclosing scope up to `function` (then it no longer holds
    /// the parameter's value).
    private func isReassigned(_ name: String, from scope: Int, upTo function: Int) -> Bool {
        var s: Int? = scope
        while let current = s {
            if scopes[current].assignments[name] != nil { return true }
            if current == function { return false }
            s = scopes[current].parent
        }
        return false
    }
}
