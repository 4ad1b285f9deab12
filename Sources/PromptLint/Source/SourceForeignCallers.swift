/// Parameters filled by a caller in another module of the folder: a prompt function
/// `build_prompt(now, bot_name, turns)` defined in one module and called by another as
/// `build_prompt(datetime.now(timezone.utc), …)`. The clock the caller reads enters the prompt through the
/// parameter, so a parameter no call of its own file binds is traced to what such callers pass. Only what
/// code reads itself (the clock, a random id), picks off the conversation's end (its newest message,
/// `SourceNewestMessages`), what a page's user typed (a React text state, `VolatileSources.pageText`) or a
/// field the caller rewrites from a model's reply after each turn (`session.lastStyle`, `SourceRewrittenFields`)
/// or the passages a vector search retrieves for the request is taken from there: data a caller passes on is
/// judged by its name as before.
extension SourceAnalysis {
    /// The trace of the clock or random id a call in another module passes for parameter `name` of the
    /// top-level function enclosing `scope` (calls in `test_` functions left out); nil when none does. Given a
    /// `member` (`context.userName`), a caller passing an object literal (`{ timeStr, userName: USER_NAME }`)
    /// counts with that entry only, and not at all when it writes no such entry.
    func foreignCallerTrace(_ name: String, member: String? = nil, scope: Int, depth: Int) -> ValueTrace? {
        guard depth < 12, let modules else { return nil }
        guard let function = scopeDeclaring(parameter: name, from: scope), function > 0, scopes[function].parent == 0, let functionName = scopes[function].name
        else { return nil }
        let key = "\(function):\(name):\(member ?? "")"
        if let known = callerTraces[key] { return known }
        callerTraces[key] = .some(nil)
        let found = callerTrace(name, member: member, of: function, named: functionName, modules: modules, depth: depth)
        callerTraces[key] = .some(found)
        return found
    }

    private func callerTrace(_ name: String, member: String?, of function: Int, named functionName: String, modules: SourceModules,
                             depth: Int) -> ValueTrace?
    {
        let parameters = scopes[function].parameters
        for other in modules.analyses(mentioning: functionName) where other !== self {
            for (call, callScope) in other.callSites(named: functionName) {
                guard !Self.isTest(other.scopes[callScope].name), case .call(let callee, let args) = call.kind,
                    let dotted = callee.dottedPath, case .function(let m, let f)? = other.foreign(dotted), m === self, f == function,
                    var passed = args.byParameter(parameters)[name]
                else { continue }
                if let member, case .dict(let entries) = passed.kind {
                    if let entry = passed.entry(member) {
                        passed = entry
                    } else if !entries.contains(where: { $0.keyName == nil && $0.key == nil }) {
                        continue
                    }
                }
                let traced = other.trace(passed, scope: callScope, bindings: Bindings(), depth: depth + 1)
                guard let v = traced.volatile,
                    v.source.kind == .time || v.source.kind == .identifier || Self.isNewestMessage(v.source)
                        || v.source.what == VolatileSources.pageText.what || Self.isRewrittenField(v.source) || VolatileSources.isRetrieval(v.source)
                else { continue }
                var out = ValueTrace()
                out.volatile = v
                return out
            }
        }
        return nil
    }

    /// The calls in this module of a function named `name`: by that name, an alias it is imported under, or
    /// as a module's attribute; the calls the module records for requests (`prompt(…)` is one of those
    /// names) first, then all others, each with the scope it is in.
    func callSites(named name: String) -> [(node: SourceNode, scope: Int)] {
        var names: Set<String> = [name]
        for (local, imported) in imports where imported.name == name { names.insert(local) }
        var sites = module.calls.filter { call, _ in
            guard case .call(let callee, _) = call.kind else { return false }
            return names.contains(callee.lastName ?? "")
        }
        for callName in names.sorted() {
            for (token, s) in module.otherCalls[callName] ?? [] {
                if let call = module.parsedCall(at: token) { sites.append((call, s)) }
            }
        }
        return sites
    }

    /// True for a test function's name (`test_prompt`, `testPrompt`, `test`): its calls pass fixtures.
    static func isTest(_ name: String?) -> Bool {
        guard let name, name.hasPrefix("test") else { return false }
        let rest = name.dropFirst(4)
        return rest.isEmpty || rest.first == "_" || rest.first?.isUppercase == true
    }
}
