/// Template files rendered through a project's own helper function that takes the template's name and
/// the values: `buildPrompt("agent", { date: new Date().toLocaleString() })` where `buildPrompt` reads
/// `prompts/${name}.hbs` and returns `Handlebars.compile(text)(data)`, or `render_prompt("system", values)`
/// over `open(f"prompts/{name}.md").read().format(**values)`. The call names the file (the literal name
/// passed) and the values that fill its variables, so the template's slots get the caller's provenance.
extension SourceAnalysis {
    /// A helper function that loads a file whose path is built from its parameter `name` and passes its
    /// parameter `data` to a call of its body (the rendering): the path as a pattern with `marker` where
    /// the name goes.
    struct RenderingHelper {
        /// The loaded path, with `SourceAnalysis.nameMarker` for the name parameter.
        var pattern: String
        /// The parameter that names the file ("" for a helper of one fixed file).
        var name: String
        /// The parameter holding the values ("" when they are forwarded one by one).
        var data: String
        /// Template variables the helper fills with its own parameters by keyword (`render(context=context)`):
        /// variable, then parameter.
        var forwarded: [(variable: String, parameter: String)] = []
    }

    /// Stands for the name parameter in a helper's path pattern.
    static let nameMarker = "\u{1}"

    /// The helper `function` of this module is, if it is one: a function with a file load whose path uses
    /// one parameter, another parameter passed to a call (`template(data)`, `compile(text)(data)`,
    /// `.format(**values)`), and a return.
    func renderingHelper(_ function: Int) -> RenderingHelper? {
        let parameters = scopes[function].parameters.filter { !["self", "cls"].contains($0) }
        guard !parameters.isEmpty, !scopes[function].returns.isEmpty else { return nil }
        func inside(_ s: Int) -> Bool {
            var k = s
            for _ in 0..<16 {
                if k == function { return true }
                guard let parent = scopes[k].parent else { return false }
                k = parent
            }
            return false
        }
        // The calls of the body: those parsed with the module, and the others parsed here (a small body).
        var calls = module.calls.filter { inside($0.scope) }
        for sites in module.otherCalls.values {
            for site in sites where inside(site.scope) && calls.count < 200 {
                if let call = module.parsedCall(at: site.token) { calls.append((call, site.scope)) }
            }
        }
        var found: (pattern: String, name: String, load: SourceNode)?
        for (call, s) in calls where found == nil && parameters.count >= 2 && loadedFile(call, scope: s) != nil {
            for p in parameters {
                // `env.get_template(name)`: the whole file name is passed (`render("system.j2", …)`), checked at the call.
                guard let pattern = loadedFile(call, scope: s, names: [p: Self.nameMarker]), pattern.contains(Self.nameMarker),
                    let file = pattern.split(separator: "/").last, file.contains(".") || pattern == Self.nameMarker
                else { continue }
                found = (pattern, p, call)
                break
            }
        }
        guard let found else { return fixedFileHelper(calls: calls, parameters: parameters) }
        var work = calls.map(\.node) + scopes[function].returns
        var steps = 0
        while let node = work.popLast(), steps < 5_000 {
            steps += 1
            work += node.children
            // Not the load itself, nor a call inside it; a call the load is part of (`open(p).read().format(**v)`) counts.
            let withinLoad = found.load.range.lowerBound <= node.range.lowerBound && node.range.upperBound <= found.load.range.upperBound
            guard case .call(_, let args) = node.kind, !withinLoad else { continue }
            for arg in args {
                let value = arg.value.unwrapped
                if case .name(let q) = value.kind, q != found.name, parameters.contains(q) {
                    return RenderingHelper(pattern: found.pattern, name: found.name, data: q)
                }
            }
        }
        return nil
    }

    /// A helper that loads one file named in full and renders it with its own parameters by keyword
    /// (`def render_system(folder, context): return env.get_template("system.j2").render(context=context)`):
    /// what its callers pass for those parameters fills the file's variables.
    private func fixedFileHelper(calls: [(node: SourceNode, scope: Int)], parameters: [String]) -> RenderingHelper? {
        for (call, s) in calls {
            guard case .call(let callee, let args) = call.kind, case .member(let receiver, let method) = callee.kind,
                Self.renderingMethods.contains(method), let pattern = loadedFile(receiver, scope: s),
                let file = pattern.split(separator: "/").last, file.contains("."), !file.contains("*")
            else { continue }
            let forwarded = args.compactMap { arg -> (variable: String, parameter: String)? in
                guard let label = arg.label, case .name(let p) = arg.value.unwrapped.kind, parameters.contains(p) else { return nil }
                return (label, p)
            }
            if !forwarded.isEmpty { return RenderingHelper(pattern: pattern, name: "", data: "", forwarded: forwarded) }
        }
        return nil
    }

    /// The template uses of calls in this file of rendering helpers (functions of this file or of another
    /// module of the folder): the file named by the name each passes (any file of the helper's pattern
    /// when the name is not a literal) and the values of the object or dict it passes as the data.
    func helperTemplateUses() -> [TemplateUse] {
        var out: [TemplateUse] = []
        var helpers: [String: (SourceAnalysis, Int, RenderingHelper)?] = [:]
        func isHelperName(_ name: String) -> Bool { module.functions[name] != nil || imports[name] != nil }
        // Calls of a plain name: those parsed with the module (a helper may be named `render`), then the others.
        var sites: [(node: SourceNode, scope: Int)] = module.calls.filter { call, _ in
            if case .call(let callee, _) = call.kind, case .name(let name) = callee.kind { isHelperName(name) } else { false }
        }
        for name in module.otherCalls.keys.sorted() where isHelperName(name) {
            for site in module.otherCalls[name] ?? [] {
                if let call = module.parsedCall(at: site.token) { sites.append((call, site.scope)) }
            }
        }
        // Calls of a method of a prompt manager object (`prompt_manager.render("system.j2", context=…)`).
        for (call, scope) in module.calls {
            guard case .call(let callee, let args) = call.kind, case .member(let receiver, let method) = callee.kind,
                let (owner, function) = methodOfInstance(receiver, method: method, scope: scope),
                let helper = owner.renderingHelper(function),
                let use = templateUse(call, args: args, scope: scope, helper: helper, parameters: owner.scopes[function].parameters)
            else { continue }
            out.append(use)
        }
        for (call, scope) in sites {
            guard case .call(let callee, let args) = call.kind, case .name(let name) = callee.kind else { continue }
            if helpers[name] == nil {
                if let local = functionScope(named: name) {
                    helpers[name] = renderingHelper(local).map { (self, local, $0) }
                } else if case .function(let m, let f)? = foreign(name) {
                    helpers[name] = m.renderingHelper(f).map { (m, f, $0) }
                } else {
                    helpers[name] = .some(nil)
                }
            }
            guard let (owner, function, helper) = helpers[name] ?? nil,
                let use = templateUse(call, args: args, scope: scope, helper: helper, parameters: owner.scopes[function].parameters)
            else { continue }
            out.append(use)
        }
        return out
    }

    /// The method `method` of the object `receiver` names, when that object is an instance of a class of the
    /// folder: `self` in a class of this file, or a name bound (here, or in the module it is imported from) to
    /// `PromptManager()` (`prompt_manager = PromptManager()` at the top of `utils/prompt_manager.py`).
    func methodOfInstance(_ receiver: SourceNode, method: String, scope: Int) -> (SourceAnalysis, Int)? {
        guard module.language == .python, case .name(let name) = receiver.kind else { return nil }
        if name == "self" { return functionScope(named: method).map { (self, $0) } }
        var built: (analysis: SourceAnalysis, node: SourceNode)?
        if case .value(let m, let node, _)? = foreign(name) {
            built = (m, node)
        } else if let bound = boundValue(of: name, at: receiver, scope: scope) {
            built = (self, bound.node)
        }
        guard let (owner, node) = built, case .call(let constructor, _) = node.kind, case .name(let cls) = constructor.kind,
            cls.first?.isUppercase == true
        else { return nil }
        if owner.definesClass(cls), let f = owner.module.functions[method], owner.enclosingClass(of: f) == cls { return (owner, f) }
        if case .function(let m, let f)? = owner.foreign(cls + "." + method) { return (m, f) }
        return nil
    }

    private func templateUse(_ call: SourceNode, args: [SourceArgument], scope: Int, helper: RenderingHelper, parameters: [String])
        -> TemplateUse?
    {
        let passed = args.byParameter(parameters.filter { !["self", "cls"].contains($0) })
        if helper.name.isEmpty { return forwardedUse(call, passed: passed, scope: scope, helper: helper) }
        // `def render(name, **context)` called as `render("system.j2", today=…)`: the keyword arguments no
        // parameter takes are the values.
        let keywords = args.compactMap { arg in arg.label.flatMap { parameters.contains($0) ? nil : ($0, arg.value) } }
        let literal = passed[helper.name]?.plainString
        // A helper given the bare file name links only a literal file name.
        if helper.pattern == Self.nameMarker, literal?.contains(".") != true { return nil }
        let name = literal ?? "*"
        let pattern = helper.pattern.replacingOccurrences(of: Self.nameMarker, with: name)
        let line = source.position(call.range.lowerBound).line
        guard passed[helper.data] != nil || !keywords.isEmpty else {
            // `loadPrompt("router")` with no values: that file's placeholders go out as written.
            return literal == nil ? nil : TemplateUse(pattern: pattern, field: nil, values: [], line: line, conversation: nil, unfilled: true)
        }
        var values: [(name: String, slot: TemplateSlot)] = []
        let entries = passed[helper.data].map { dictEntries($0, scope: scope, bindings: Bindings()) } ?? keywords
        for (key, node) in entries {
            if case .slot(let s) = slot(node, scope: scope, bindings: callerBindings(of: node, scope: scope)) { values.append((key, s)) }
        }
        // Filled with values this pass cannot trace: kept so the file is not taken for one sent unfilled.
        guard !values.isEmpty else { return TemplateUse(pattern: pattern, field: nil, values: [], line: line, conversation: nil) }
        return TemplateUse(
            pattern: pattern, field: nil, values: values, line: line,
            conversation: conversation(after: call, scope: scope) ?? conversation(inRequestWithSystem: call, scope: scope))
    }

    /// The use of a fixed-file helper's call: the values passed for the parameters it forwards.
    private func forwardedUse(_ call: SourceNode, passed: [String: SourceNode], scope: Int, helper: RenderingHelper) -> TemplateUse {
        let line = source.position(call.range.lowerBound).line
        var values: [(name: String, slot: TemplateSlot)] = []
        for (variable, parameter) in helper.forwarded {
            guard let node = passed[parameter],
                case .slot(let s) = slot(node, scope: scope, bindings: callerBindings(of: node, scope: scope))
            else { continue }
            values.append((variable, s))
        }
        guard !values.isEmpty else { return TemplateUse(pattern: helper.pattern, field: nil, values: [], line: line, conversation: nil) }
        return TemplateUse(
            pattern: helper.pattern, field: nil, values: values, line: line,
            conversation: conversation(after: call, scope: scope) ?? conversation(inRequestWithSystem: call, scope: scope))
    }

    /// The conversation a request call in `scope` sends after `call`'s output when that output is the
    /// request's `system` option (`generateText({ system: await render(…), messages: history })`), or
    /// the value of a name it is bound to; also a project facade's sending call given the system prompt and
    /// the messages as two keywords (`llm.generate(system_prompt=p, messages=[*history, turn])`), which a
    /// provider sends in that order.
    func conversation(inRequestWithSystem call: SourceNode, scope: Int) -> TemplateSlot? {
        let names = scopes[scope].assignments.filter { $0.value.contains { $0.range.contains(call.range.lowerBound) } }.map(\.key)
        // The module's requests are recorded under their method names; a facade's sending names are among its other calls.
        var requests = module.calls.filter { request, s in
            guard s == scope, case .call(let callee, _) = request.kind, let last = callee.lastName else { return false }
            return RequestMethods.systemBeforeMessages.contains(last)
        }.map(\.node)
        requests += module.parsedOtherCalls(named: Self.facadeSendNames.sorted(), in: scope)
        for request in requests {
            guard case .call(let callee, let args) = request.kind else { continue }
            let facade = Self.facadeSendNames.contains(callee.lastName ?? "")
            let options = args.first.flatMap { $0.label == nil ? $0.value : nil }
            guard let system = request.argument("system") ?? options?.entry("system") ?? (facade ? request.argument("system_prompt") : nil),
                let messages = request.argument("messages") ?? options?.entry("messages")
            else { continue }
            let holds = system.range.contains(call.range.lowerBound) || Self.referenceName(system).map(names.contains) == true
            // A facade's list written in place holds a conversation only where it spreads one (`[*history, turn]`):
            // `[turn]` alone is a single call.
            if facade, case .list(let items, _) = messages.unwrapped.kind,
                !items.contains(where: isSpread)
            {
                continue
            }
            guard holds, case .slot(let history) = conversation(messages, scope: scope).segments.first,
                history.provenance?.kind == .history
            else { continue }
            return history
        }
        return nil
    }
}
