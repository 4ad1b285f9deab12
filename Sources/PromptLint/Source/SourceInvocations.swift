/// Values that fill a prompt template's variables where the template is used rather than where it is
/// defined: LangChain's `prompt.invoke({"now": …})`, `chain.invoke(…)` on `chain = prompt | llm`,
/// `prompt.format_messages(now=…)`, `prompt.partial(now=…)`, LangChain.js `prompt.formatMessages({ … })`.
extension SourceAnalysis {
    /// Methods of a template (or a chain starting with it) whose argument fills its variables.
    static let fillingMethods: Set<String> = [
        "invoke", "ainvoke", "stream", "astream", "batch", "abatch", "format", "format_messages", "aformat_messages",
        "formatMessages", "format_prompt", "aformat_prompt", "formatPromptValue", "partial",
    ]

    /// The named entries of a dict literal, or of the dict literal a name is bound to (`values = {…}` then
    /// `f(values)`), in order; nil for anything else.
    func namedEntries(_ node: SourceNode, scope: Int) -> [(String, SourceNode)]? {
        var object = node
        if case .name(let n) = node.kind,
            case .value(let v, _, _) = lookup(n, scope: scope, before: node.range.lowerBound, bindings: Bindings())
        {
            object = v
        }
        guard case .dict(let entries) = object.kind else { return nil }
        return entries.compactMap { e in e.keyName.map { ($0, e.value) } }
    }

    /// The variables' values from every use of the template built by `call` in this file (the first
    /// value found for a name wins), with the scope they are evaluated in; nil when no use passes any.
    func invocationValues(of call: SourceNode) -> FieldValues? {
        let users = assignedName(containing: call).map { Set([$0.0]).union(chainNames(startingWith: $0.0)) } ?? []
        var values: FieldValues?
        for (use, scope) in module.calls {
            // A use through a name the template is assigned to, or chained on the call itself
            // (`ChatPromptTemplate.from_messages([…]).partial(time=lambda: datetime.now())`).
            guard case .call(let callee, let args) = use.kind, case .member(let receiver, let method) = callee.kind,
                Self.fillingMethods.contains(method),
                receiver.range == call.range || Self.referenceName(receiver).map(users.contains) == true
            else { continue }
            var named: [(String, SourceNode)] = args.compactMap { a in a.label.map { ($0, a.value) } }
            if let first = args.first(where: { $0.label == nil && !$0.spread })?.value, let entries = namedEntries(first, scope: scope) {
                named += entries
            }
            if method == "partial" { named = named.map { ($0.0, calledPartial($0.1)) } }
            guard !named.isEmpty else { continue }
            if values == nil { values = FieldValues(scope: scope, template: true) }
            // Values from one use share its scope; a second use only adds names the first did not fill.
            guard values?.scope == scope else { continue }
            for (k, v) in named where values?.named[k] == nil { values?.named[k] = v }
        }
        return values
    }

    /// A partial variable given a function rather than a value (`.partial(time=datetime.now)`,
    /// `.partial(today=current_date)` with `def current_date()` in this file, `.partial(time=lambda: …)`):
    /// LangChain calls it each time the template is formatted, so the variable holds the call's result,
    /// computed per use even where the template is built at import. Other values are left as given.
    private func calledPartial(_ value: SourceNode) -> SourceNode {
        switch value.kind {
        case .name, .member:
            guard let path = value.dottedPath,
                VolatileSources.source(callee: path, hasArguments: false) != nil || functionScope(named: path) != nil
            else { return value }
            calledOnEachUse.insert(value.range)
            return SourceNode(kind: .call(value, []), range: value.range)
        case .other where isFunctionLiteral(value):
            calledOnEachUse.insert(value.range)
            return value
        default:
            return value
        }
    }

    /// The name a value containing `node` is assigned to, and its scope.
    func assignedName(containing node: SourceNode) -> (String, Int)? {
        for (index, scope) in scopes.enumerated() {
            for (name, values) in scope.assignments
            where values.contains(where: { $0.range.lowerBound <= node.range.lowerBound && $0.range.upperBound >= node.range.upperBound })
            {
                return (name, index)
            }
        }
        return nil
    }

    /// Names assigned a chain that starts with `name`: `chain = name | llm | parser`, `name.pipe(llm)`.
    private func chainNames(startingWith name: String) -> [String] {
        var out: [String] = []
        for scope in scopes {
            for (target, values) in scope.assignments where target != name {
                if values.contains(where: { Self.chainHead($0) == name }) { out.append(target) }
            }
        }
        return out
    }

    private static func chainHead(_ node: SourceNode) -> String? {
        switch node.kind {
        // `prompt + messages | llm`: the template with a conversation added after it (`SourceChatTemplates`).
        case .binary("|", let left, _), .binary("+", let left, _): return chainHead(left)
        case .call(let callee, _):
            if case .member(let base, let method) = callee.kind, ["pipe", "partial", "with_config"].contains(method) {
                return chainHead(base)
            }
            return nil
        case .name(let n): return n
        default: return nil
        }
    }
}
