import Foundation

/// Values computed when an object is created: code of a constructor (`__init__`, `constructor`) or of a
/// method that only the constructor calls (`self.prompt = self._build_prompt()`), or that a setter
/// stores on the instance again (`update_model` re-creating `self.executor`). The object keeps what
/// they compute (an agent with its prompt and its own conversation, one per process or per session), so
/// a clock read there is fixed for every request the object serves, like a value read at import.
extension SourceAnalysis {
    /// True when the code of `scope` runs only while an object of its class is created or reconfigured.
    func runsAtConstruction(_ scope: Int) -> Bool {
        var known: [Int: Bool] = [:]
        return runsAtConstruction(scope, known: &known)
    }

    /// `known` holds the scopes decided (or being decided: false, so a cycle of methods is not construction).
    private func runsAtConstruction(_ scope: Int, known: inout [Int: Bool]) -> Bool {
        if let decided = known[scope] { return decided }
        guard scope > 0, scope < scopes.count, known.count < 8, let name = scopes[scope].name else { return false }
        if name == "__init__" || name == "constructor" { return true }
        known[scope] = false
        var calledByConstructor = false
        let sites = selfCalls(of: name)
        for (start, caller) in sites {
            if runsAtConstruction(caller, known: &known) {
                calledByConstructor = true
            } else if !reconfigures(caller, with: start) {
                return false
            }
        }
        known[scope] = calledByConstructor
        return calledByConstructor
    }

    /// Where the calls `self.name(…)` / `this.name(…)` of this module start (the offset of `self`), with
    /// their scopes.
    private func selfCalls(of name: String) -> [(start: Int, scope: Int)] {
        let tokens = module.tokens
        var out: [(start: Int, scope: Int)] = []
        for site in module.otherCalls[name] ?? [] where site.token >= 2 && module.isOp(site.token - 1, ".") {
            guard module.isName(site.token - 2, "self") || module.isName(site.token - 2, "this") else { continue }
            out.append((tokens[site.token - 2].range.lowerBound, site.scope))
        }
        for (call, scope) in module.calls {
            guard case .call(let callee, _) = call.kind, let path = callee.dottedPath,
                path == "self." + name || path == "this." + name
            else { continue }
            out.append((call.range.lowerBound, scope))
        }
        return out
    }

    /// True when the call starting at `start` in `scope` stores its result on the instance
    /// (`self.x = self.make()`) from a method that sends nothing and that the class itself never calls: a
    /// setter the application calls to change the object's configuration (a model switch), not a step of
    /// each request.
    private func reconfigures(_ scope: Int, with start: Int) -> Bool {
        guard scope > 0, let name = scopes[scope].name, selfCalls(of: name).isEmpty else { return false }
        // `self.x = ` / `this.x = ` right before the call.
        let tokens = module.tokens
        guard let k = tokens.firstIndex(where: { $0.range.lowerBound == start }), k >= 4 else { return false }
        let stored = module.isOp(k - 1, "=") && module.isName(k - 2) && module.isOp(k - 3, ".")
            && (module.isName(k - 4, "self") || module.isName(k - 4, "this"))
        guard stored else { return false }
        return !module.calls.contains { other, s in
            guard s == scope, case .call(let callee, _) = other.kind else { return false }
            return RequestMethods.sendsPrompt(callee)
        }
    }

    /// A volatile value computed when an object is created: fixed for the requests that object serves.
    /// It counts as a value read at import does (`readAtImport`): constant in a server, once per run of a
    /// short-lived program.
    func readAtConstruction(_ hit: (source: VolatileSources.Source, text: String, line: Int, file: String))
        -> (source: VolatileSources.Source, text: String, line: Int, file: String)
    {
        // Only what the code reads itself (the clock, a random id): data passed in is traced to its caller.
        guard hit.source.kind == .time || hit.source.kind == .identifier, !hit.source.what.contains(", at import,"),
            !hit.source.what.contains("when its object is created")
        else { return hit }
        return computedOnce(hit, shortLived: " once, when its object is created, in a short-lived program",
                            server: " once, when its object is created, so it is the same for every request the object serves")
    }
}
