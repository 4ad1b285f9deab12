/// What data flow says about a value: the most volatile source it reads, and ordering hazards.
struct ValueTrace {
    /// The class of the most volatile source found, with where it is.
    var volatile: (source: VolatileSources.Source, text: String, line: Int, file: String)?
    /// The value is (or reads) a parameter no call in the file binds.
    var parameter: String?
    /// The members read directly off `parameter` on the way (`contextWindow.dailySummaries`): what the value is
    /// a part of, named more closely than by the parameter.
    var parameterMembers: [String] = []
    /// The value is (or reads) a name imported from another module.
    var imported: String?
    /// JSON serialized without sorted keys.
    var unsortedJSON = false
    /// JSON serialized with sorted keys.
    var sortedJSON = false
    /// An iteration over a set.
    var unorderedSet = false
    /// The value is a set.
    var isSet = false
    /// The value is data decoded from a response or input (`resp.json()`, `json.loads(body)`,
    /// `JSON.parse(text)`): its key order is whatever the sender wrote.
    var decoded = false
    /// The value is one of this many literals a condition chooses between (`"diff" if is_diff else "code"`):
    /// a handful of alternatives, not a value from the request. Kept through names, not through merges.
    var literalAlternatives: Int?
    /// Where `volatile` enters text: the interpolated field of the template literal or f-string that writes it
    /// into a string (the outermost such field of the module that builds the text), with its file.
    var entry: (file: String, line: Int, column: Int, snippet: String)?
    /// The value is computed by a call from a parameter named as the request's input
    /// (`classify_turn_intent(user_text)`, `SourceRequestInputs`): that parameter's name.
    var requestInput: String?
    /// The value is an entry of a fixed table written at the top level of a module (`DOMAIN_VOCABULARY[domain]`,
    /// then `vocab.greetingContext`): the table's name. A key only picks one of its written entries.
    /// Kept through names and reads of its fields, not through merges.
    var fixedTable: String?
    /// The value is a field of the deployment's settings (`settings.RESTAURANT_TIMEZONE`) or of the record of
    /// the business a deployment serves (`restaurant.timezone`): that read, as written. Kept through names
    /// and helper parameters, not through merges.
    var deploymentRead: String?

    mutating func merge(_ other: ValueTrace) {
        if let o = other.volatile, volatile == nil || o.source.volatility > volatile!.source.volatility {
            volatile = o
            entry = other.entry
        }
        if parameter == nil { parameter = other.parameter }
        if parameter == other.parameter { parameterMembers += other.parameterMembers }
        if imported == nil { imported = other.imported }
        unsortedJSON = unsortedJSON || other.unsortedJSON
        sortedJSON = sortedJSON || other.sortedJSON
        unorderedSet = unorderedSet || other.unorderedSet
        isSet = isSet || other.isSet
        decoded = decoded || other.decoded
        if requestInput == nil { requestInput = other.requestInput }
    }
}

extension SourceAnalysis {
    /// The collection the innermost enclosing scope's last `for` loop over `name` before `offset` runs over
    /// (or its first, when none precedes `offset`), with that scope.
    func loopCollection(_ name: String, scope: Int, before offset: Int) -> (SourceNode, Int)? {
        var s: Int? = scope
        while let current = s {
            if let all = scopes[current].loopTargets[name], !all.isEmpty {
                return (all.last(where: { $0.range.upperBound <= offset }) ?? all[0], current)
            }
            s = scopes[current].parent
        }
        return nil
    }
}

extension SourceAnalysis {
    /// For the parameter `name` of a callback given to `items.forEach(…)`/`items.map(…)` (its first parameter,
    /// in `scope` or a scope enclosing it): the collection the callback runs over, with the scope it is read in.
    func callbackCollection(_ name: String, scope: Int) -> (SourceNode, Int)? {
        var s: Int? = scope
        while let current = s {
            let sc = scopes[current]
            if sc.parameters.contains(name) {
                guard sc.parameters.first == name, let collection = sc.iterated, let parent = sc.parent else { return nil }
                return (collection, parent)
            }
            s = sc.parent
        }
        return nil
    }

    /// The collection an item named `name` comes from: a `for` loop's (`for m in memories`, `for (const m of
    /// memories)`) or a callback's over a collection (`memories.forEach((m) => …)`), with its scope; nil otherwise.
    func itemCollection(_ name: String, scope: Int, before offset: Int) -> (SourceNode, Int)? {
        switch lookup(name, scope: scope, before: offset, bindings: Bindings()) {
        case .parameter: return callbackCollection(name, scope: scope)
        case .unknown: return loopCollection(name, scope: scope, before: offset)
        default: return nil
        }
    }
}

/// A node being traced in a scope (`SourceAnalysis.tracesUnderWay`).
struct TraceKey: Hashable {
    let range: Range<Int>
    let scope: Int
}

/// Which function parameters a helper call binds, to what, in which scope.
struct Bindings {
    var values: [Int: [String: (node: SourceNode, scope: Int)]] = [:]
}

extension SourceAnalysis {
    /// Traces `node` (in `scope`) back to volatile sources through assignments and helper functions.
    ///
    /// Bounded three ways, since a hostile or half-written file can make data flow cyclic (`x = [x, x]`) or
    /// branch at every step: 24 steps deep, a node at most twice on the path being traced (a helper applied to
    /// its own result is read twice, a name read in its own value no further), and `traceBudget` steps per file.
    func trace(_ node: SourceNode, scope: Int, bindings: Bindings, depth: Int = 0) -> ValueTrace {
        guard depth < 24, traceBudget > 0 else { return ValueTrace() }
        traceBudget -= 1
        let key = TraceKey(range: node.range, scope: scope)
        let active = tracesUnderWay[key, default: 0]
        guard active < 2 else { return ValueTrace() }
        tracesUnderWay[key] = active + 1
        defer { tracesUnderWay[key] = active == 0 ? nil : active }
        return traceStep(node, scope: scope, bindings: bindings, depth: depth)
    }

    /// One step of `trace`: what `node` is, and the traces of the values it reads.
    private func traceStep(_ node: SourceNode, scope: Int, bindings: Bindings, depth: Int) -> ValueTrace {
        var result = ValueTrace()
        let next = depth + 1
        // `request.runtime.context.get("clock")`: what the module's invocation passes as the run's context under that key.
        if depth < 12, let key = Self.runtimeContextKey(node), let (value, s, b) = invocationContextValue(key), value.range != node.range {
            return trace(value, scope: s, bindings: b, depth: next)
        }
        switch node.kind {
        case .name(let name):
            switch lookup(name, scope: scope, before: node.range.lowerBound, bindings: bindings) {
            case .value(let value, let s, let b):
                if value.range != node.range { result = trace(value, scope: s, bindings: b, depth: next) }
                // `texts = []`, then `texts.append(doc.page_content)` in a loop: what the list is grown with.
                if result.volatile == nil, case .list(let items, _) = value.kind, items.isEmpty {
                    for item in (scopes[s].appends[name] ?? []).prefix(4) where item.range.upperBound <= node.range.lowerBound {
                        let grown = trace(item, scope: s, bindings: b, depth: next)
                        if grown.volatile != nil { result.volatile = grown.volatile; break }
                    }
                }
                // `const { userName } = params`: the field's own name says what the parameter's part holds.
                if result.parameter != nil, result.volatile == nil, Self.isPartOfParameter(value, named: name) { result.parameter = name }
                if let v = result.volatile, v.file == path, runsAtImport(s, at: value.range.lowerBound) {
                    result.volatile = readAtImport(v)
                } else if let v = result.volatile, v.file == path, v.line == source.position(value.range.lowerBound).line,
                    runsAtConstruction(s)
                {
                    result.volatile = readAtConstruction(v)
                }
            case .parameter(let p):
                // The item of a callback over a collection (`memories.forEach((m) => …)`): what the collection comes from.
                if let (collection, s) = callbackCollection(p, scope: scope), collection.range != node.range {
                    result = trace(collection, scope: s, bindings: bindings, depth: next)
                    result.literalAlternatives = nil
                    break
                }
                result.parameter = p
                // A constructor's parameter kept as an attribute: the value its class's construction passes.
                if depth < 12, let (value, s) = constructorArgument(p, scope: scope) {
                    let passed = trace(value, scope: s, bindings: Bindings(), depth: next)
                    if passed.volatile != nil { result.merge(passed) }
                }
                // A function of this module called by another with the clock for this parameter.
                if result.volatile == nil, let passed = foreignCallerTrace(p, scope: scope, depth: next) { result.merge(passed) }
            case .imported:
                if depth < 12, case .value(let a, let value, let s)? = foreign(name) {
                    result = a.trace(value, scope: s, bindings: Bindings(), depth: next)
                    if let v = result.volatile, v.file == a.path, a.runsAtImport(s, at: value.range.lowerBound) {
                        result.volatile = a.readAtImport(v)
                    }
                    // Traced there to nothing that changes: a module-level value of another module.
                    if result.volatile == nil && result.parameter == nil { result.imported = name }
                } else {
                    result.imported = name
                }
            case .unknown:
                // An item of a Python `for` loop: what the collection it runs over comes from.
                if let (collection, s) = loopCollection(name, scope: scope, before: node.range.lowerBound),
                    collection.range != node.range
                {
                    result = trace(collection, scope: s, bindings: bindings, depth: next)
                    result.literalAlternatives = nil
                }
            }
        case .call(let callee, let args):
            let path = callee.dottedPath ?? ""
            var dateOnly: Set<Int> = []
            // A function of another module this call fills: a volatile argument enters its text there.
            var builder: (module: SourceAnalysis, function: Int)?
            // `formatdate(timeval=None, usegmt=True)`: options only, no time given.
            let givesArguments = path.hasSuffix("formatdate")
                ? args.contains { ($0.label == nil || $0.label == "timeval") && text(of: $0.value) != "None" }
                : !args.isEmpty
            if let source = VolatileSources.source(callee: path, hasArguments: givesArguments)
                ?? unaliasedPaths(path).lazy.compactMap({ VolatileSources.source(callee: $0, hasArguments: givesArguments) }).first
                ?? WorkspaceListings.source(callee: path, firstArgument: args.first.map { text(of: $0.value) })
                ?? VolatileSources.source(stateHook: path, initial: args.count == 1 ? args[0].value.plainString : nil)
            {
                let text = source.text(of: node, in: self)
                result.volatile = (source, text, self.source.position(node.range.lowerBound).line, self.path)
                // Python's `time.strftime(format)` formats the clock itself: a format that keeps only the year or
                // the zone (`"%z"`, the machine's UTC offset) is no clock, one that keeps only the date is per day.
                if path.hasSuffix("time.strftime"), source.kind == .time, args.count == 1 {
                    let narrowed = VolatileSources.formatted(source, method: "strftime", format: args[0].value.plainString, what: "reads today's date")
                    if let narrowed { result.volatile?.source = narrowed } else { result.volatile = nil }
                }
            } else if case let cli = commandLineTrace(node), cli.volatile != nil {
                result = cli
            } else if let source = conversationSummarySource(callee: callee, args: args) ?? rewrittenKeySource(callee: callee, args: args) {
                result.volatile = (source, source.text(of: node, in: self), self.source.position(node.range.lowerBound).line, self.path)
            } else if case .member(_, let method) = callee.kind,
                let source = VolatileSources.source(searchMethod: method, options: Self.optionNames(args))
            {
                result.volatile = (source, source.text(of: node, in: self), self.source.position(node.range.lowerBound).line, self.path)
            } else if args.isEmpty, case .name(let name) = callee.kind, let aliased = clockAlias(name, scope: scope, bindings: bindings),
                let source = VolatileSources.source(callee: aliased, hasArguments: false)
            {
                // `export const day = dayjs` in a helper module, then `day().format(…)`: the clock under another name.
                result.volatile = (source, source.text(of: node, in: self), self.source.position(node.range.lowerBound).line, self.path)
            }
            let last = callee.lastName ?? ""
            // `getattr(state, "last_turn_intent", None)` reads the attribute `state.last_turn_intent`.
            if path == "getattr", args.count >= 2, case .name(let name) = args[0].value.kind, let attribute = args[1].value.plainString,
                let (value, s, b) = storedAttribute(name, attribute, scope: scope, before: node.range.lowerBound, bindings: bindings)
            {
                return trace(value, scope: s, bindings: b, depth: next)
            }
            if ["dumps", "stringify", "dump"].contains(last), path.lowercased().contains("json") {
                // Python 3.7+ dicts and JS objects keep insertion order, so data built the same way on every
                // call serializes to the same bytes: unsorted JSON is a hazard only for data whose order
                // comes from elsewhere (decoded input) or from a set.
                let sorted = args.contains { $0.label == "sort_keys" && text(of: $0.value) == "True" }
                if sorted {
                    result.sortedJSON = true
                } else if let dumped = args.first(where: { $0.label == nil }) {
                    let t = trace(dumped.value, scope: scope, bindings: bindings, depth: next)
                    if t.decoded || t.isSet || t.unorderedSet { result.unsortedJSON = true }
                }
            }
            if args.first?.value.plainString == nil, Self.decodes(path: path, last: last, arguments: args.map { text(of: $0.value) }) {
                result.decoded = true
            }
            if ["set", "frozenset", "Set", "new Set"].contains(path) { result.isSet = true }
            // A method of this class (`self.get_env_context()`): traced into, a few calls deep (methods call
            // methods, and each level multiplies the work).
            let ownMethod = depth < 6 && ["self.", "this.", "cls."].contains { path.hasPrefix($0) } ? functionScope(named: path) : nil
            // `aiService.getSaoPauloTime()` after `import * as aiService from "./aiService"`: a function of
            // another module named through its module, traced there (below) rather than as a method of a value.
            let namespaceFunction = depth < 12 && ownMethod == nil && callsModuleFunction(callee)
            if case .member(let base, let method) = callee.kind, ownMethod == nil, !namespaceFunction {
                var inner = trace(base, scope: scope, bindings: bindings, depth: next)
                if method == "join", args.count == 1 {
                    let joined = trace(args[0].value, scope: scope, bindings: bindings, depth: next)
                    if joined.isSet { inner.unorderedSet = true }
                    inner.merge(joined)
                    inner.merge(traceJoinedAppends(module.language == .python ? args[0].value : base, scope: scope, bindings: bindings, depth: next))
                }
                // `(Path(os.getcwd()) / "notes.md").read_text()`: the file's text, not the machine's path to it.
                if VolatileSources.pathReaders.contains(method), let v = inner.volatile, VolatileSources.isMachineValue(v.source) {
                    inner.volatile = nil
                }
                // `toLocaleDateString(locale, { hour: '2-digit', minute: '2-digit' })` shows the time of day too.
                if var v = inner.volatile, v.source.kind == .time,
                    !(method == "toLocaleDateString" && Self.localeOptionsNameTimeField(args))
                {
                    // The date of a value read once per process stays a constant of the process.
                    let showsOnlyDate = VolatileSources.cutsToDate(method: method, base: text(of: base), arguments: args.map { text(of: $0.value) })
                        || method == "toLocaleString" && Self.localeOptionsShowOnlyDate(args, dateByDefault: false)
                    if let narrowed = VolatileSources.formatted(
                        v.source, method: method, format: args.first.flatMap { $0.value.plainString }, showsOnlyDate: showsOnlyDate)
                    {
                        v.source = narrowed
                        inner.volatile = v
                    } else {
                        inner.volatile = nil
                    }
                }
                result.merge(inner)
            } else if let function = functionScope(named: path), depth < 12 {
                let b = bind(function, args: args, callerScope: scope, bindings: bindings)
                for value in scopes[function].returns.suffix(4) {
                    result.merge(trace(value, scope: function, bindings: b, depth: next))
                }
            } else if depth < 12, case .function(let a, let function)? = foreign(path) {
                builder = (a, function)
                dateOnly = dateOnlyArguments(args, of: function, in: a, depth: next)
                // A helper of another module (`get_today_str` from `utils`): its returns, traced there. The
                // arguments belong to this file (traced below); a parameter the call passes is bound to an
                // opaque value there, so its default (`date = new Date()`) does not apply.
                let b = a.opaqueBindings(function, args: args)
                for value in a.scopes[function].returns.suffix(4) {
                    result.merge(a.trace(value, scope: function, bindings: b, depth: next))
                }
                // Traced there to nothing that changes or comes in: a helper of another module returning fixed text.
                if result.volatile == nil, result.parameter == nil, case .name(let name) = callee.kind, args.isEmpty { result.imported = name }
            }
            // `new Intl.DateTimeFormat("en-CA", { year: "numeric", … }).format(new Date())`: the day of the time given.
            if case .member(let base, let method) = callee.kind, formatterShowsOnlyDate(base: base, method: method, scope: scope, bindings: bindings) {
                dateOnly.formUnion(args.indices)
            }
            let sorts = ["sorted", "sort", "toSorted"].contains(last)
            let isMethod = if case .member = callee.kind { true } else { false }
            var argumentTraces: [ValueTrace] = []
            for (k, arg) in args.enumerated() {
                guard arg.label != "sort_keys" else {
                    argumentTraces.append(ValueTrace())
                    continue
                }
                var t = trace(arg.value, scope: scope, bindings: bindings, depth: next)
                // A date formatter of another module keeps only the day (`SourceDateHelpers`).
                if dateOnly.contains(k), let v = t.volatile, v.source.kind == .time {
                    t.volatile?.source = VolatileSources.Source(volatility: min(v.source.volatility, .perDay), kind: .time, what: "reads today's date")
                }
                // An id used as a key (`history.get_messages(session_id=sid)`) picks the record; the record
                // is what the call returns, not the id.
                if isMethod, let v = t.volatile, v.source.kind == .identifier, Self.looksUp(method: last, label: arg.label) { t.volatile = nil }
                // An object built with keywords and passed whole (`self._build_messages(ctx)` where `ctx =
                // AgentContext(…, interaction_id=str(uuid4()))`): its id names the object, as a key does; the
                // call reads the fields it needs (each traced on its own where it is read).
                if let v = t.volatile, v.source.kind == .identifier, case .name = arg.value.kind,
                    constructedField(arg.value, "", scope: scope, bindings: bindings) != nil
                {
                    t.volatile = nil
                }
                // A record a query picks by an id from the request (`.eq("id", threadId)`, `findById(chatId)`):
                // the thread's or user's stored record, the same on every turn, not the request's data.
                if isMethod, let v = t.volatile, VolatileSources.isRequestData(v.source), Self.namesKey(arg.value),
                    !Self.writesText(method: last)
                {
                    t.volatile = nil
                }
                // A path under the working directory read as a file, or made relative to that directory: the text
                // or the relative path is the same on every machine (`VolatileSources.pathConsumers`).
                if VolatileSources.pathConsumers.contains(last), let v = t.volatile, VolatileSources.isMachineValue(v.source) {
                    t.volatile = nil
                }
                if sorts {
                    t.isSet = false
                    t.unorderedSet = false
                }
                if ["list", "tuple", "Array.from"].contains(path) == false { t.isSet = false }
                // `buildSystemPrompt(name, role, `${date} · ${time}`)`: the clock enters the prompt where the builder
                // writes the parameter it fills, in the builder's module.
                // `buildMessages({ currentDateTime })` into `function buildMessages({ currentDateTime })`: the
                // object's entry the clock comes from names the parameter.
                if let v = t.volatile, t.entry == nil || t.entry?.file == self.path, let (a, function) = builder,
                    let parameter = destructuredParameter(
                        arg.value, volatileLine: v.line, among: a.scopes[function].parameters, scope: scope, bindings: bindings)
                        ?? args.parameterName(at: k, among: a.scopes[function].parameters),
                    let entry = a.parameterEntry(parameter, of: function)
                {
                    t.entry = entry
                }
                argumentTraces.append(t)
                // What the call computes from the request's input is decided below, on the call's own terms.
                t.requestInput = nil
                result.merge(t)
            }
            if result.volatile == nil, result.requestInput == nil {
                result.requestInput = requestInput(callee: callee, args: args, traces: argumentTraces)
            }
        case .member(let base, _):
            if depth < 12, let path = node.dottedPath, case .value(let a, let value, let s)? = foreign(path) {
                result.merge(a.trace(value, scope: s, bindings: Bindings(), depth: next))
            }
            // An attribute of an object whose class is in another module (`ctx.deps.current_datetime`).
            if depth < 12, case .member(_, let attribute) = node.kind, Self.referenceName(node) == nil || attributes[attribute] == nil,
                rootIsUnknown(node, scope: scope)
            {
                switch memberDefinition(attribute, prompt: false) {
                case .value(let a, let value, let s)?:
                    var t = a.trace(value, scope: s, bindings: Bindings(), depth: next)
                    if let v = t.volatile, v.file == a.path, a.runsAtImport(s, at: value.range.lowerBound) { t.volatile = a.readAtImport(v) }
                    result.merge(t)
                case .function(let a, let function)?:
                    for value in a.scopes[function].returns.suffix(4) {
                        result.merge(a.trace(value, scope: function, bindings: Bindings(), depth: next))
                    }
                default:
                    break
                }
            }
            // `self.company` set from the constructor's parameter (`self.company = company`): what the
            // class's construction passes.
            if depth < 12, let reference = Self.referenceName(node), reference.contains("."),
                case .value(let v, let s, _) = lookup(reference, scope: scope, before: node.range.lowerBound, bindings: bindings),
                case .name(let p) = v.kind, let (value, caller) = constructorArgument(p, scope: s)
            {
                result.merge(trace(value, scope: caller, bindings: Bindings(), depth: next))
            }
            if let path = node.dottedPath, let source = VolatileSources.source(member: path) {
                result.volatile = (source, source.text(of: node, in: self), self.source.position(node.range.lowerBound).line, self.path)
            } else if case let cli = commandLineTrace(node), cli.volatile != nil {
                result = cli
            }
            // `conv.summary`, `user.memorySummary`: a field the folder rewrites from a model's output as the conversation goes.
            if result.volatile == nil, let path = node.dottedPath, let source = rewrittenFieldSource(path) {
                result.volatile = (source, source.text(of: node, in: self), self.source.position(node.range.lowerBound).line, self.path)
                return result
            }
            // `state.last_turn_intent = intent` earlier in the function, then `state.last_turn_intent`: the value stored there.
            if case .member(let owner, let attribute) = node.kind, case .name(let name) = owner.kind,
                let (value, s, b) = storedAttribute(name, attribute, scope: scope, before: node.range.lowerBound, bindings: bindings)
            {
                result.merge(trace(value, scope: s, bindings: b, depth: next))
                return result
            }
            // `ctx = AgentContext(user_message=m, interaction_id=str(uuid4()))`, then `ctx.user_message`: the
            // field reads what the construction passed for it, not the object's other fields.
            if case .member(_, let attribute) = node.kind, let field = constructedField(base, attribute, scope: scope, bindings: bindings) {
                if let (value, s, b) = field.passed { result.merge(trace(value, scope: s, bindings: b, depth: next)) }
                return result
            }
            // `const { tools } = await buildContext(userId)` where `buildContext` returns `{ summary, tools }`:
            // the entry the function returns under that key, not the whole object it builds.
            if depth < 12, case .member(let inner, _) = node.kind, Self.callOrName(inner),
                let (value, s, b) = returnedEntry(node, scope: scope, bindings: bindings)
            {
                result.merge(trace(value, scope: s, bindings: b, depth: next))
                return result
            }
            // `history.find((m) => m.role === "system").content`: the field the object literals wrote (`SourceLiteralFields`).
            if case .member(_, let key) = node.kind, let values = literalFields(key, of: base, scope: scope, bindings: bindings) {
                for (value, s) in values {
                    // `{ ...g, openLoops }` without the key: the key of each object spread in, when a function of
                    // this file returns it (`g = gather(row)`), not the literal's other entries.
                    if let spread = spreadEntries(key, of: value, scope: s, bindings: bindings) {
                        for (v, vs, vb) in spread { result.merge(trace(v, scope: vs, bindings: vb, depth: next)) }
                    } else {
                        result.merge(trace(value, scope: s, bindings: bindings, depth: next))
                    }
                }
                return result
            }
            var owner = trace(base, scope: scope, bindings: bindings, depth: next)
            if case .member(let b, let key) = node.kind, case .name(let n) = b.kind, owner.parameter == n { owner.parameterMembers.append(key) }
            // `buildPrompt(agent, { timeStr, userName: USER_NAME })` in another module, then `context.userName`
            // here: the entry the callers pass under that key, not the clock of another entry of the object.
            if depth < 12, case .member(let b, let key) = node.kind, case .name(let n) = b.kind, owner.parameter == n,
                let v = owner.volatile, let whole = foreignCallerTrace(n, scope: scope, depth: next)?.volatile,
                whole.file == v.file, whole.line == v.line
            {
                owner.volatile = foreignCallerTrace(n, member: key, scope: scope, depth: next)?.volatile
            }
            // `datetime.now().year`: the year alone stays the same for a year.
            if case .member(_, let attribute) = node.kind, let v = owner.volatile, v.source.kind == .time,
                VolatileSources.keepsOnlyYearOrZone(method: attribute, format: nil)
            {
                owner.volatile = nil
            }
            // `const { messages, concepts } = await req.json()`: a field the client posts beside the whole
            // conversation is the chat's own state (its settings, the study set, the saved system prompt),
            // sent again with every message of the chat, not a value of this message.
            // The same for a field named for the chat's settings read from the parsed body
            // (`payload.coachPersonality`) when the code reads `payload.messages` too. A field of any name that
            // a page of the folder posts in its chat hook's `body` (`useChat({ body: { goal } })`) is such state.
            if case .member(let body, let key) = node.kind, let v = owner.volatile,
                VolatileSources.isRequestData(v.source),
                node.range == body.range
                    ? (Self.holdsChatState(key) || chatHookPostsPerChat(key)) && bodyCarriesConversation(body, besides: key)
                    : module.language == .script && Self.namesChatSettings(key) && readsConversation(of: body, besides: key)
            {
                owner.volatile?.source = VolatileSources.chatState
            } else if case .member(_, let key) = node.kind, readsMessageAttachments(key, of: owner) {
                owner.volatile?.source = VolatileSources.request
            }
            result.merge(owner)
            if result.volatile == nil, result.parameter == nil { result.fixedTable = owner.fixedTable }
            if result.volatile == nil, result.requestInput == nil, let read = deploymentRead(node) { result.deploymentRead = read }
        case .index(let base, let keys) where keys.count == 1 && Self.pickedElement(keys[0]) != nil:
            result = tracePick(base, Self.pickedElement(keys[0])!, scope: scope, bindings: bindings, depth: next)
        case .index(let base, let keys):
            // `prompts[group]`: one of the values the collection holds. A key from the request only picks
            // among them (a table of fixed prompts stays fixed, one variant per key); a key read from the
            // clock or a random source (`DAYS[datetime.now().weekday()]`) changes the pick over time.
            // `profile["summary"]` of a record a function returns written out: that entry only (`SourceKeyPicks`).
            if keys.count == 1, let key = keys[0].plainString,
                let picked = traceReturnedEntry(base, key: key, scope: scope, bindings: bindings, depth: next)
            {
                result = picked
            } else {
                result = trace(base, scope: scope, bindings: bindings, depth: next)
            }
            // `history[-1]["content"]`: the newest message, whatever the conversation it ends comes from (a parameter,
            // or the request's body: the message is then named more closely than as request data).
            if result.volatile.map({ VolatileSources.isRequestData($0.source) }) ?? true,
                let source = newestMessageSource(base: base, keys: keys)
            {
                result.volatile = (source, text(of: node), self.source.position(node.range.lowerBound).line, self.path)
            }
            if result.volatile == nil, result.parameter == nil, let table = fixedTable(base, scope: scope, bindings: bindings) {
                result.fixedTable = table
            }
            // `now.toISOString().split("T")[0]`, `now.isoformat()[:10]`: the date part of a timestamp.
            if var v = result.volatile, v.source.kind == .time, VolatileSources.indexesDate(base: text(of: base), keys: keys.map { text(of: $0) }) {
                // The date of a value read once per process stays a constant of the process.
                v.source = VolatileSources.Source(volatility: min(v.source.volatility, .perDay), kind: .time, what: v.source.what)
                result.volatile = v
            }
            for key in keys {
                let t = trace(key, scope: scope, bindings: bindings, depth: next)
                if let v = t.volatile, [.time, .identifier].contains(v.source.kind) {
                    var picked = ValueTrace()
                    picked.volatile = v
                    result.merge(picked)
                } else if let v = t.volatile, VolatileSources.isRequestData(v.source), startsEmpty(base, scope: scope, bindings: bindings) {
                    // `sessions[request.args["sid"]]` where `sessions = {}`: no fixed values to pick among, so
                    // the pick is a record stored at run time for the user or session the request names.
                    var picked = ValueTrace()
                    picked.volatile = (VolatileSources.storedRecord, v.text, v.line, v.file)
                    result.merge(picked)
                }
            }
        case .conditional(let parts) where parts.count >= 2:
            // `a if cond else b`, `cond ? a : b` (the condition last): the value is one of the branches. The
            // condition only picks among them, as a key picks from a table, unless it reads the clock or a
            // random source (`"morning" if now.hour < 12 else "evening"`).
            for value in parts.dropLast() { result.merge(trace(value, scope: scope, bindings: bindings, depth: next)) }
            let condition = trace(parts[parts.count - 1], scope: scope, bindings: bindings, depth: next)
            if let v = condition.volatile, [.time, .identifier].contains(v.source.kind) {
                var picked = ValueTrace()
                picked.volatile = v
                result.merge(picked)
            }
            if result.volatile == nil { result.literalAlternatives = Self.literalAlternatives(node) }
            if result.volatile == nil, result.requestInput == nil, let read = settingsChoice(parts) { result.deploymentRead = read }
        case .comprehension(let parts):
            // Iterating a set yields its hash order, which changes between processes.
            for part in parts { result.merge(trace(part, scope: scope, bindings: bindings, depth: next)) }
            if result.isSet { result.unorderedSet = true }
            result.isSet = false
        case .list(let items, let isSet):
            for item in items { result.merge(trace(item, scope: scope, bindings: bindings, depth: next)) }
            result.isSet = isSet
        case .binary("+", _, _):
            for part in node.concatenatedOperands { result.merge(trace(part, scope: scope, bindings: bindings, depth: next)) }
        case .string(let literal) where literal.isInterpolated:
            // `` `Today is ${info.day}` ``: the field is where the value enters this text. A field of another
            // module's text that this one embeds whole (`${basePrompt}`) keeps that module's entry.
            for child in node.children {
                var t = trace(child, scope: scope, bindings: bindings, depth: next)
                if t.volatile != nil, t.entry == nil || t.entry?.file == path {
                    let at = source.position(child.range.lowerBound)
                    t.entry = (path, at.line, at.column, text(of: child))
                }
                result.merge(t)
            }
        case .dict(let entries):
            // `{ description: "…", execute: async (input) => run(input) }`: a function held by an object (a
            // tool's handler, a callback) runs later, when it is called, not when the object is built; what it
            // reads is not a value of the object (a tool list sent with the request stays the same).
            for entry in entries {
                if let key = entry.key { result.merge(trace(key, scope: scope, bindings: bindings, depth: next)) }
                if isFunctionExpression(entry.value) { continue }
                // `{ role: "user", content: text, ts: Date.now() }`: the turn's stored timestamp (`SourceTurnMetadata`).
                if Self.isTurnTimestamp(entry, in: entries) { continue }
                result.merge(trace(entry.value, scope: scope, bindings: bindings, depth: next))
            }
        default:
            for child in node.children { result.merge(trace(child, scope: scope, bindings: bindings, depth: next)) }
        }
        return result
    }

    /// The name of the fixed table `node` names: a top-level value of this module or one imported from another,
    /// written as an object or list literal of at least two entries (`DOMAIN_VOCABULARY = { restaurant: {…},
    /// clinic: {…} }`); nil for anything else, such as a table that starts empty and is filled at run time.
    func fixedTable(_ node: SourceNode, scope: Int, bindings: Bindings) -> String? {
        guard case .name(let name) = node.unwrapped.kind else { return nil }
        let value: SourceNode
        switch lookup(name, scope: scope, before: node.range.lowerBound, bindings: bindings) {
        case .value(let v, let s, _) where s == 0 && (module.scopes[0].assignments[name]?.count ?? 0) == 1:
            value = v
        case .imported:
            guard case .value(_, let v, let s)? = foreign(name), s == 0 else { return nil }
            value = v
        default:
            return nil
        }
        switch value.unwrapped.kind {
        case .dict(let entries) where entries.count >= 2 && entries.allSatisfy({ $0.keyName != nil || $0.key != nil }):
            return name
        case .list(let items, isSet: false) where items.count >= 2:
            return name
        default:
            return nil
        }
    }

    /// True when `node` is itself a function written inline: an arrow function (`async (x) => …`, `x => …`),
    /// a `function` expression or a Python `lambda`; not a call that is given one (`items.map((x) => …)`).
    func isFunctionExpression(_ node: SourceNode) -> Bool {
        guard case .other = node.kind else { return false }
        let code = text(of: node)
        if code.hasPrefix("lambda") || code.hasPrefix("function") || code.hasPrefix("async function") { return true }
        return code.range(of: #"^(async\s+)?(\([^()]*\)|[A-Za-z_$][\w$]*)\s*(:[^=()]*)?=>"#, options: .regularExpression) != nil
    }
}

extension SourceAnalysis {
    /// The function a name stands for when it is bound to another name (`const day = dayjs`), here or in
    /// the module it is imported from; nil otherwise.
    func clockAlias(_ name: String, scope: Int, bindings: Bindings) -> String? {
        // A bare name or a dotted path (`dayjs`, `moment.utc`), not a call or a literal.
        func path(of value: SourceNode) -> String? {
            switch value.kind {
            case .name, .member: value.dottedPath
            default: nil
            }
        }
        switch lookup(name, scope: scope, before: Int.max, bindings: bindings) {
        case .value(let value, _, _):
            return path(of: value)
        case .imported:
            if case .value(_, let value, _)? = foreign(name) { return path(of: value) }
            return nil
        default:
            return nil
        }
    }

    /// How many literal values a conditional chooses between when every branch is a plain string, a
    /// literal constant, a concatenation of those or such a conditional itself; nil otherwise.
    static func literalAlternatives(_ node: SourceNode) -> Int? {
        switch node.kind {
        case .literal: return 1
        case .string: return node.plainString == nil ? nil : 1
        case .name, .member:
            // `RULES_ACT_FIRST if act_first else RULES_ASK_FIRST`: a constant named in capitals, as module-level
            // texts are (`prompts.RULES_STRICT` too).
            guard let last = node.lastName, case let letters = last.filter(\.isLetter), letters.count >= 2,
                letters.allSatisfy(\.isUppercase), last.contains("_") || letters.count >= 4
            else { return nil }
            return 1
        case .binary("+", _, _):
            // `BASE_RULES + SEARCH_RULES`: literal texts joined are one literal text.
            return node.concatenatedOperands.allSatisfy { literalAlternatives($0) == 1 } ? 1 : nil
        case .conditional(let parts) where parts.count >= 2:
            var total = 0
            for value in parts.dropLast() {
                guard let n = literalAlternatives(value) else { return nil }
                total += n
            }
            return total
        default: return nil
        }
    }

    /// For an object literal without `key` that spreads other objects in (`{ ...g, openLoops }`): the entry `key`
    /// of each of them, each an object a function of this file returns (`g = gather(row)`); nil when the literal
    /// writes the key, spreads nothing, or one of its spreads is not such an object.
    func spreadEntries(_ key: String, of node: SourceNode, scope: Int, bindings: Bindings) -> [(SourceNode, Int, Bindings)]? {
        guard case .dict(let entries) = node.kind, node.entry(key) == nil else { return nil }
        let spreads = entries.filter { $0.keyName == nil && $0.key == nil }.map(\.value)
        guard !spreads.isEmpty else { return nil }
        var out: [(SourceNode, Int, Bindings)] = []
        for spread in spreads {
            guard let entry = returnedEntry(key, of: spread.unwrapped, scope: scope, bindings: bindings) else { return nil }
            out.append(entry)
        }
        return out
    }

    /// True for a call (`buildContext(id).tools`) or a name that may be bound to one (`context.tools` where
    /// `context = buildContext(id)`): the base of a member whose value may be an entry a function returns.
    static func callOrName(_ node: SourceNode) -> Bool {
        if case .call = node.unwrapped.kind { return true }
        if case .name = node.kind { return true }
        return false
    }

    /// True for a call that decodes data from a response or input: `x.json()`, or `json.loads`/`JSON.parse`
    /// of anything but a file of the deployment (`open(...)`, `read_text`, `readFileSync`) or a stored JSON
    /// column (`storesJSON`) (the caller excludes string literals).
    static func decodes(path: String, last: String, arguments: [String]) -> Bool {
        if last == "json", path != "json" { return true }
        let lower = path.lowercased()
        guard (last == "loads" && lower.contains("json")) || lower == "json.parse" else { return false }
        let fileReads = ["open(", "read_text", "readfilesync", "read_bytes", "readfile("]
        return !arguments.contains { argument in
            fileReads.contains { argument.lowercased().contains($0) } || storesJSON(argument)
        }
    }

    /// True for a read of a stored record's JSON column (`c.bible_json`, `row["settings_json"]`,
    /// `profile.prefsJson`): text this application wrote with its own serializer and reads back unchanged, so
    /// its key order is the writer's, the same on every read. A field of a response or request
    /// (`response.raw_json`, `req.body_json`) is still data from elsewhere.
    static func storesJSON(_ argument: String) -> Bool {
        guard !argument.contains("("), argument.contains(".") || argument.contains("[") else { return false }
        let tokens = NameTokens.split(argument)
        return tokens.count >= 3 && tokens.last == "json" && !tokens.contains { receivedRecordWords.contains($0) }
    }

    /// Words naming data received from elsewhere (a response, a request, a model's reply), whose JSON field is
    /// not one this application stored (`storesJSON`).
    private static let receivedRecordWords: Set<String> = [
        "response", "resp", "res", "req", "request", "body", "completion", "reply",
        "result", "output", "message", "msg", "choice", "choices", "answer", "event",
    ]
}

extension SourceAnalysis {
    /// The option names a call passes: its keyword labels and the keys of an options object it is given.
    static func optionNames(_ args: [SourceArgument]) -> [String] {
        var names = args.compactMap(\.label)
        for arg in args where arg.label == nil {
            if case .dict(let entries) = arg.value.kind { names += entries.compactMap(\.keyName) }
        }
        return names
    }

    /// True for a name or attribute that names a key (`threadId`, `chat_id`, `payload.sessionId`, `id`).
    static func namesKey(_ node: SourceNode) -> Bool {
        switch node.kind {
        case .name, .member: break
        default: return false
        }
        guard let last = node.lastName else { return false }
        let tokens = NameTokens.split(last)
        return tokens.last.map { ["id", "key", "uuid", "slug"].contains($0) } ?? false
    }

    /// True for the methods that write their arguments into text (`format`, `render`, `replace`, `join`).
    static func writesText(method: String) -> Bool {
        ["format", "format_map", "render", "render_async", "substitute", "safe_substitute", "partial", "join", "replace",
         "replaceall", "concat", "push", "append"].contains(method.lowercased())
    }

    /// True for a method that looks a record up by the argument (`get_messages(session_id)`,
    /// `load(key)`, `find({ id })`), or an argument labelled as an id or key of any method but the
    /// ones that write their arguments into text (`format`, `render`).
    static func looksUp(method: String, label: String?) -> Bool {
        let verbs = ["get", "load", "fetch", "find", "lookup", "read", "retrieve", "query", "search", "select"]
        let lower = method.lowercased()
        if verbs.contains(where: { lower.hasPrefix($0) }) { return true }
        guard let label = label?.lowercased(), label.hasSuffix("id") || label.hasSuffix("key") else { return false }
        let writers = ["format", "format_map", "render", "render_async", "substitute", "safe_substitute", "partial", "join",
                       "replace", "replaceall", "invoke", "ainvoke", "stream", "astream"]
        return !writers.contains(lower)
    }
}

extension VolatileSources.Source {
    /// The call's text, shortened.
    func text(of node: SourceNode, in analysis: SourceAnalysis) -> String {
        let t = analysis.text(of: node)
        return t.count > 40 ? String(t.prefix(37)) + "..." : t
    }
}

/// What `SourceAnalysis.constructedField` finds for a field of an object built with keywords: the value given
/// for it and where to trace it, or nil when nothing sets it (a default of the class).
struct ConstructedField {
    var passed: (node: SourceNode, scope: Int, bindings: Bindings)?
}

extension SourceAnalysis {
    /// A field read from an object a class was constructed with keywords in this file (`ctx =
    /// AgentContext(session_id=sid, interaction_id=str(uuid.uuid4()), user_message=m)`, then
    /// `ctx.user_message`): the value passed for that keyword, or one a later statement assigns to the field
    /// (`ctx.results = …`, in any function of the file), or none (a default of the class). Nil when `base` is
    /// not such an object.
    func constructedField(_ base: SourceNode, _ attribute: String, scope: Int, bindings: Bindings) -> ConstructedField? {
        guard case .name(let name) = base.kind, !["self", "this", "cls"].contains(name) else { return nil }
        var value: SourceNode, s: Int, b: Bindings
        switch lookup(name, scope: scope, before: base.range.lowerBound, bindings: bindings) {
        case .value(let v, let vs, let vb) where v.range != base.range:
            (value, s, b) = (v, vs, vb)
        case .parameter(let p):
            // A parameter no binding reached: what this file's call of the function passes.
            let declaring = scopeDeclaring(parameter: p, from: scope) ?? scope
            let called = callSiteBindings(of: declaring)
            guard let bound = called.values[declaring]?[p] else { return nil }
            (value, s, b) = (bound.node, bound.scope, called)
        default:
            return nil
        }
        // A parameter bound to the caller's name (`self._build_prompt(ctx)`): that name's value, a few hops.
        var hops = 0
        while case .name(let next) = value.kind, hops < 4, !["self", "this", "cls"].contains(next),
            let bound = boundValue(of: next, at: value, scope: s, bindings: b)
        {
            (value, s, b) = bound
            hops += 1
        }
        guard case .call(let callee, let args) = value.kind, case .name(let cls) = callee.kind,
            let first = cls.first, first.isUppercase, !args.isEmpty,
            args.allSatisfy({ $0.label != nil && !$0.spread })
        else { return nil }
        if let arg = args.first(where: { $0.label == attribute }) { return ConstructedField(passed: (arg.value, s, b)) }
        for (index, sc) in scopes.enumerated() {
            if let set = sc.assignments["\(name).\(attribute)"]?.last { return ConstructedField(passed: (set, index, Bindings())) }
        }
        return ConstructedField(passed: nil)
    }
}

extension SourceAnalysis {
    /// The element index a destructuring mark (`#1`, see `SourceModule`) names, or nil for any other key.
    static func pickedElement(_ key: SourceNode) -> Int? {
        guard case .name(let mark) = key.kind, mark.hasPrefix("#") else { return nil }
        return Int(mark.dropFirst())
    }

    /// Traces element `k` of what `node` gives: of a tuple a function of this file or of another module
    /// returns (`return (text, BrainAnomaly(timestamp=now, …))`), only that element; otherwise the whole value.
    func tracePick(_ node: SourceNode, _ k: Int, scope: Int, bindings: Bindings, depth: Int) -> ValueTrace {
        guard depth < 24, traceBudget > 0 else { return ValueTrace() }
        traceBudget -= 1
        let next = depth + 1
        switch node.kind {
        case .list(let items, false) where k < items.count:
            return trace(items[k], scope: scope, bindings: bindings, depth: next)
        case .other(let inner) where inner.count == 1:
            return tracePick(inner[0], k, scope: scope, bindings: bindings, depth: next)
        case .name(let name):
            if let bound = boundValue(of: name, at: node, scope: scope, bindings: bindings) {
                return tracePick(bound.node, k, scope: bound.scope, bindings: bound.bindings, depth: next)
            }
        case .call(let callee, let args):
            let path = callee.dottedPath ?? ""
            guard depth < 12, VolatileSources.source(callee: path, hasArguments: !args.isEmpty) == nil else { break }
            if let function = functionScope(named: path), !scopes[function].returns.isEmpty {
                let b = bind(function, args: args, callerScope: scope, bindings: bindings)
                var result = ValueTrace()
                for value in scopes[function].returns.suffix(4) { result.merge(tracePick(value, k, scope: function, bindings: b, depth: next)) }
                return result
            }
            if case .function(let a, let function)? = foreign(path), !a.scopes[function].returns.isEmpty {
                let b = a.opaqueBindings(function, args: args)
                var result = ValueTrace()
                for value in a.scopes[function].returns.suffix(4) { result.merge(a.tracePick(value, k, scope: function, bindings: b, depth: next)) }
                return result
            }
        default:
            break
        }
        return trace(node, scope: scope, bindings: bindings, depth: next)
    }
}
