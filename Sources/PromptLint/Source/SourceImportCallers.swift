/// A function that no code of its own file calls, called by other modules of the folder only from their
/// module level (`agent = Workflow(system_prompt=get_system_prompt())`): it runs once, when such a module
/// is imported, so a clock it reads is computed once per process, as a module-level value is. The
/// program that imports the caller decides what that costs (`ProgramLifetime`).
extension SourceAnalysis {
    /// True when every call of the top-level function `function` (named `name`) found in the other modules
    /// of the folder runs at their import, and there is at least one; test functions' calls are left out.
    /// The callers' program lifetime is kept for `computedOnce` (`importCallers`).
    func foreignCallsRunAtImport(_ function: Int, named name: String) -> Bool {
        guard let modules else { return false }
        if let known = importCallers[function] { return known != nil }
        importCallers[function] = .some(nil)
        var lifetimes: [ProgramLifetime] = []
        for other in modules.analyses(mentioning: name) where other !== self {
            for (call, callScope) in other.callSites(named: name) {
                guard !Self.isTest(other.scopes[callScope].name), case .call(let callee, _) = call.kind,
                    let dotted = callee.dottedPath, case .function(let m, let f)? = other.foreign(dotted), m === self, f == function
                else { continue }
                // Only a call of the other module's own top level (or inside the brackets of such a statement).
                guard callScope == 0, other.runsAtImport(0, at: call.range.lowerBound) else { return false }
                lifetimes.append(other.lifetime)
            }
        }
        guard !lifetimes.isEmpty else { return false }
        importCallers[function] = .some(ProgramLifetime.combined(lifetimes))
        return true
    }

    /// True when another module of the folder calls the top-level function `function` (named `name`) where the
    /// call runs per use, in the body of a function (`messages = [{"role": "system", "content": get_prompt()}]` in a
    /// handler), so the function runs per request there even when its own module also calls it at import
    /// (`SYSTEM_PROMPT = get_prompt()`); test functions' calls are left out.
    func foreignCallRunsPerUse(_ function: Int, named name: String) -> Bool {
        guard let modules else { return false }
        if let known = perUseForeignCallers[function] { return known }
        perUseForeignCallers[function] = false
        for other in modules.analyses(mentioning: name) where other !== self {
            for (call, callScope) in other.callSites(named: name) {
                guard !Self.isTest(other.scopes[callScope].name), case .call(let callee, _) = call.kind,
                    let dotted = callee.dottedPath, case .function(let m, let f)? = other.foreign(dotted), m === self, f == function
                else { continue }
                if callScope != 0 || !other.runsAtImport(0, at: call.range.lowerBound) {
                    perUseForeignCallers[function] = true
                    return true
                }
            }
        }
        return false
    }
}
