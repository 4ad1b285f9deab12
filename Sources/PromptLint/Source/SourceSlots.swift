import Foundation

extension SourceAnalysis {
    /// A slot for an expression whose value is computed at request time.
    /// The offset of the first substitution in a branch of the conditional `node` that is a string with
    /// substitutions (the branches in order, the condition left out); nil for anything else.
    static func interpolationInBranch(_ node: SourceNode) -> Int? {
        guard case .conditional(let options) = node.kind, options.count >= 2 else { return nil }
        for option in options.dropLast() {
            guard case .string(let literal) = option.kind else { continue }
            for piece in literal.pieces { if case .field(let f) = piece { return f.range.lowerBound } }
        }
        return nil
    }

    /// The first branch of the conditional `node` (`a` of `cond ? a : b` and of `a if cond else b`); nil for anything else.
    static func firstBranch(_ node: SourceNode) -> SourceNode? {
        guard case .conditional(let options) = node.kind, options.count >= 2 else { return nil }
        return options[0]
    }

    /// The name a slot's expression is judged by: the dotted path it starts with, each key written as a string
    /// subscript after it read as a field (`state['search_results']` as `state.search_results`, like the attribute
    /// `state.search_results`). An index or a key held in a variable ends the name (`items[0]`, `state[key]`).
    /// A serializer of an entry read by a key is named by the entry (`json.dumps(state['results'], indent=2)` as
    /// `state.results`); of anything else, by the serializer (`json.dumps(TOOLS)` stays `json.dumps`).
    static func slotVariable(_ expression: String) -> String {
        let (variable, keys, rest) = keyedPath(Substring(expression))
        if keys == 0, ["json.dumps", "JSON.stringify"].contains(variable), rest.first == "(" {
            let (inner, innerKeys, _) = keyedPath(rest.dropFirst())
            if innerKeys > 0 { return inner }
        }
        return variable
    }

    /// The dotted path `expression` starts with, without the keys after it (`test_case['text']` as `test_case`).
    static func leadingPath(_ expression: String) -> String {
        String(expression.prefix { $0.isNameCharacter || $0 == "." })
    }

    /// The dotted path `text` starts with and the string keys subscripted after it, joined with dots; the number
    /// of such keys, and the text after them.
    private static func keyedPath(_ text: Substring) -> (path: String, keys: Int, rest: Substring) {
        var path = leadingPath(String(text))
        var rest = text.dropFirst(path.count)
        var keys = 0
        while !path.isEmpty, rest.first == "[", let quote = rest.dropFirst().first, quote == "\"" || quote == "'" {
            let key = rest.dropFirst(2).prefix(while: { $0 != quote })
            let close = rest.dropFirst(2 + key.count)
            guard !key.isEmpty, key.allSatisfy(\.isWordCharacter), close.hasPrefix("\(quote)]")
            else { break }
            path += "." + key
            keys += 1
            rest = close.dropFirst(2)
        }
        return (path, keys, rest)
    }

    /// False when the entry `keyed` names (`test_case.text` for `test_case['text']`) is read off a loop's entry
    /// (`for test_case in CASES:`) or in a test function (`def test_extraction(test_case):`), in `scope` or a scope
    /// around it: such entries are fixtures a script walks through, so their keys do not name a request's values,
    /// and the slot keeps the name of what it reads (`test_case`).
    func keyedEntriesNamed(_ keyed: String, in scope: Int) -> Bool {
        guard let base = keyed.split(separator: ".").first.map(String.init) else { return true }
        var current: Int? = scope
        while let s = current {
            if Self.isTest(scopes[s].name) || scopes[s].loopTargets[base] != nil { return false }
            current = scopes[s].parent
        }
        return true
    }

    func slot(_ node: SourceNode, scope: Int, bindings: Bindings) -> TemplateSegment {
        let text = text(of: node)
        return slot(node, text: text, spec: "", range: node.range, scope: scope, bindings: bindings)
    }

    /// A slot for `expression` (written as `text`, with an f-string `spec`) at `range`, with the
    /// provenance data flow gives it.
    func slot(_ expression: SourceNode?, text: String, spec: String, range: Range<Int>, scope: Int, bindings: Bindings)
        -> TemplateSegment
    {
        // Messages are one line: an expression written over several lines is shown with its whitespace runs as spaces.
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let short = flat.count > 120 ? String(flat.prefix(117)) + "..." : flat
        // Optional chaining reads the same path: `options?.page.title` is `options.page.title`. A conditional is named
        // by its first branch, the value it yields (`cond ? retrievedDocs : ""` as `retrievedDocs if cond else ""`),
        // not by the condition a script writes first.
        let nameSource = expression.flatMap(Self.firstBranch).map { self.text(of: $0) } ?? short
        let chained = nameSource.replacingOccurrences(of: "?.", with: ".")
        let keyed = Self.slotVariable(chained)
        let variable = keyedEntriesNamed(keyed, in: scope) ? keyed : Self.leadingPath(chained)
        var slot = TemplateSlot(
            expression: short, variable: variable.isEmpty ? nil : variable, filters: spec.isEmpty ? [] : [spec],
            source: source.string(range), position: at(range.lowerBound))
        guard let expression else { return .slot(slot) }
        // `${items.length > 0 ? `Items:\n${items.join("\n")}` : "None."}`: the value enters the prompt where the
        // chosen text interpolates it, which may be lines after the condition.
        if let entry = Self.interpolationInBranch(expression) { slot.position = at(entry) }
        var t = trace(expression, scope: scope, bindings: bindings)
        if let v = t.volatile, v.file == path, v.line == source.position(expression.range.lowerBound).line,
            runsAtImport(scope, at: expression.range.lowerBound), !calledOnEachUse.contains(expression.range)
        {
            t.volatile = readAtImport(v)
        } else if let v = t.volatile, v.file == path, v.line == source.position(expression.range.lowerBound).line,
            runsAtConstruction(scope)
        {
            t.volatile = readAtConstruction(v)
        }
        // `const focus = moment ? `Moment: "${moment}"` : ""`, then `${focus}`: a section written only with the value,
        // on its own lines; a value traced to change enters the prompt where that section interpolates it.
        if t.volatile != nil, case .name(let name) = expression.kind,
            case .value(let value, _, _) = lookup(name, scope: scope, before: expression.range.lowerBound, bindings: bindings),
            let entry = Self.interpolationInBranch(value)
        {
            slot.position = at(entry)
        }
        // `{now:%Y}` keeps the year alone, `{now:%Y-%m-%d}` the day.
        if spec.first == ":", var v = t.volatile, v.source.kind == .time {
            let format = String(spec.dropFirst())
            if let narrowed = VolatileSources.formatted(v.source, method: "strftime", format: format, what: "reads today's date") {
                v.source = narrowed
                t.volatile = v
            } else {
                t.volatile = nil
            }
        }
        if t.unsortedJSON { slot.filters.append("unordered-json") }
        if t.sortedJSON && !t.unsortedJSON { slot.filters.append("sorted") }
        if t.unorderedSet { slot.filters.append("unordered-set") }
        if let v = t.volatile {
            let line = v.file == path ? "line \(v.line)" : "\(v.file) line \(v.line)"
            let origin = v.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let reason = origin == short
                ? "\(origin) at \(line) \(v.source.what)"
                : "`\(short)` comes from \(origin) at \(line), which \(v.source.what)"
            var kind = v.source.kind
            // Request data is what the client sent; a name that says it holds documents (`vectorContext`)
            // makes it retrieved text, which sits late by design. (Not the input: a request value named
            // `systemPrompt` before the conversation is no agent's task.)
            if VolatileSources.isRequestData(v.source), let head = slot.variable,
                let named = SlotClassifier().nameClass(of: head),
                named.kind == .documents
            {
                kind = named.kind
            }
            slot.provenance = SlotClass(volatility: v.source.volatility, kind: kind, reason: reason)
            slot.provenance?.tracedTo = ValueOrigin(text: origin, path: v.file, line: v.line)
            // Text another module builds (`buildSystemPrompt()` writing the date at its line 244): the line there
            // where the value enters the prompt is where the layout changes, named with the finding.
            if let e = t.entry, e.file != path, slot.promptSite == nil {
                slot.provenance?.reason += "; it enters the prompt at \(e.file) line \(e.line)"
                slot.promptSite = RelatedLocation(line: e.line, column: e.column, snippet: e.snippet, path: e.file)
            }
        } else if let field = conversationMemberClass(slot.variable) {
            // `${ctx.conversation.startedAt}`: one field of the conversation object, not its turns.
            slot.provenance = field
        } else if let named = itemClass(slot.variable, short: short, at: expression.range.lowerBound, scope: scope) {
            // `- ${m}` pushed in `memories.forEach((m) => …)`: an item of a collection whose name says what it holds.
            slot.provenance = named
        } else if let joined = joinedPartsClass(expression, scope: scope, bindings: bindings) {
            // `${lines.join("\n")}` after `notes.forEach((n) => lines.push(`- ${n}`))`: what the pushed parts hold.
            slot.provenance = joined
        } else if let count = t.literalAlternatives, count > 1 {
            // A visible choice between literals outweighs what the name suggests (`content_desc`).
            slot.provenance = SlotClass(
                volatility: .constant, kind: .value,
                reason: "`\(short)` is one of \(count) literal values chosen by a condition, not a per-request value")
        } else if let table = t.fixedTable, t.parameter == nil, t.requestInput == nil {
            // `vocab.greetingContext` after `vocab = DOMAIN_VOCABULARY[domain]`: a key picks one of the entries the
            // table writes, the same text for every request with that key, whatever the field's name suggests.
            slot.provenance = SlotClass(
                volatility: .constant, kind: .value,
                reason: "`\(short)` is read from an entry of `\(table)`, a table of fixed entries, not a per-request value")
        } else if let read = t.deploymentRead, t.requestInput == nil, read != short {
            // `timezone_name = settings.RESTAURANT_TIMEZONE` (or `= restaurant.timezone`), then `{timezone_name}`,
            // here or in the helper the value is passed to: a setting of the deployment or of the business it
            // serves, the same for each of its requests, whatever the placeholder's name suggests.
            slot.provenance = SlotClass(
                volatility: .constant, kind: .value,
                reason: "`\(short)` comes from `\(read)`, a setting of the deployment or of the business it serves, the same for each of its requests")
        } else if t.requestInput == nil, let read = constructionSetting(expression) {
            // `self.name` after `self.name = data.get("persona") or settings.persona_name` in the constructor: the
            // value the object was configured with, the same for each request it serves, whatever its name suggests.
            slot.provenance = SlotClass(
                volatility: .constant, kind: .value,
                reason: "`\(short)` is set when the object is created, from `\(read)`, a setting of the deployment, the same for each request it serves")
        } else if let p = t.requestInput, case let head = slot.variable ?? short, head.split(separator: ".").first.map(String.init) != p,
            SlotClassifier().nameClass(of: head) == nil || SlotClassifier.namesInstructions(tokens: NameTokens.split(head)),
            SlotClassifier().settingsClass(expression: short) == nil
        {
            // `intent.system_note` after `intent = classify_turn_intent(user_text)`: computed from this request's
            // input, so it changes with it (`SourceRequestInputs`). A name calling it instructions
            // (`guidance_instruction = build_guidance(user_text)`) is only a guess the call outweighs.
            slot.provenance = SlotClass(
                volatility: .perRequest, kind: .value,
                reason: "`\(short)` is computed by a call from `\(p)`, the request's input, so it changes with every request")
        } else if let p = t.parameter {
            // A request parameter: its name is the evidence (user_name, question); otherwise it is data
            // the caller passes and this file cannot judge.
            // A field destructured from it (`const { userName } = params`) is judged by its own name.
            let head = slot.variable ?? short
            let classifier = SlotClassifier()
            let named = classifier.nameClass(of: p)
            if let dynamic = Self.namedDynamic(head) ?? Self.namedDynamic(p) {
                slot.provenance = dynamic
            } else if named == nil,
                classifier.nameClass(of: head) == nil
            {
                slot.provenance = SlotClass(volatility: .constant, kind: .value, reason: "`\(p)` is a parameter of unknown volatility")
            } else if Self.namesBusiness(p), p != head, let field = classifier.nameClass(of: head), field.volatility == .perUser,
                field.kind == .value
            {
                // A field of the record of the business a deployment serves (`clinic.get("name")`, `restaurant.phone`):
                // its name, phone or address, not the user's; the same for every request to that business.
                slot.provenance = SlotClass(
                    volatility: .constant, kind: .value,
                    reason: "`\(short)` is read from `\(p)`, the business the prompt is written for, the same for each of its requests",
                    evidence: .name)
            } else if let named, named.volatility == .constant, p != head, classifier.nameClass(of: head) == nil {
                // A field of a parameter named as the application's own settings (`system_prompt_context.prefix`,
                // `config.suffix`), whose own name says nothing: a setting as well.
                slot.provenance = SlotClass(
                    volatility: .constant, kind: .value, reason: "`\(short)` is read from the parameter `\(p)`: \(named.reason)",
                    evidence: .name)
            } else if let member = t.parameterMembers.first(where: Self.namesPeriod), classifier.nameClass(of: head) == nil, p != head {
                // A part read off a member named for a period (`contextWindow.dailySummaries`,
                // `memory.weekly_digest`): made once a day, week or month, not retrieved for this request,
                // whatever the parameter's name says.
                slot.provenance = SlotClass(
                    volatility: .perDay, kind: .value,
                    reason: "`\(short)` is read from `\(p).\(member)`, made once a day, week or month", evidence: .name)
            } else if var named, [.documents, .history].contains(named.kind), named.volatility == .perRequest,
                classifier.nameClass(of: head) == nil, p != head,
                // `new Date(conversation.startTime)`: the member read is named a time, not a turn.
                t.parameterMembers.allSatisfy({ classifier.nameClass(of: $0)?.kind != .time })
            {
                // A part of a parameter named for what a request retrieves or for the conversation (`for m in
                // memories: lines.append(f"{m['q']}")`, `turn['content']` of `recent_turns`): what the
                // parameter's name says, for a value whose own name says nothing.
                named.reason = "`\(short)` is read from the parameter `\(p)`: \(named.reason)"
                named.evidence = .name
                slot.provenance = named
            }
        } else if let name = t.imported, let root = (slot.variable ?? expression.dottedPath)?.prefix(while: \.isNameCharacter),
            root == name
        {
            // A module-level value of another module (a prompt constant, a config value, the data of a JSON file
            // the repository bundles): the same for every request of a process. An expression opening with a
            // parenthesis (`(info.items as Item[]).map(…).join("\n")`) is named by the path it reads.
            slot.provenance = SlotClass(
                volatility: .constant, kind: .value, reason: "`\(name)` is imported, a module-level value of another module")
        } else if let file = deploymentFile(expression, scope: scope) {
            slot.provenance = SlotClass(volatility: .constant, kind: .value, reason: "`\(short)` is the text of the file `\(file)`")
        } else if let root = moduleLevelValue(slot.variable, at: expression.range.lowerBound, scope: scope, bindings: bindings) {
            // A value this module computes once at the top level and no function reassigns (`MAIN_NAME =
            // first(NAMES)` from the environment): traced to nothing that changes, it is the same for every
            // request of a server, whatever its name suggests; in a short-lived program (a script, a notebook
            // session) it is the same for every request of the run, so it counts as a per-user value
            // (Eval/README.md, convention point 3): documents loaded once are not re-retrieved per turn.
            slot.provenance = lifetime == .shortLived
                ? SlotClass(
                    volatility: .perUser, kind: .value,
                    reason: "`\(root)` is a module-level value of this module, computed once per run of a short-lived program")
                : SlotClass(
                    volatility: .constant, kind: .value,
                    reason: "`\(root)` is a module-level value of this module, computed once per process")
        } else if let setting = SlotClassifier().settingsClass(expression: short) {
            // A field of the deployment's settings object (`settings.MED_SPA_NAME` after `settings =
            // get_settings()`), whatever the placeholder it fills is called (`{med_spa_name}`, `{phone}`).
            slot.provenance = setting
        } else if Self.readsMachineTimeZone(text) {
            slot.provenance = SlotClass(
                volatility: .constant, kind: .value, reason: "`\(short)` is the time zone the machine runs in, fixed per deployment")
        } else if let getter = promptGetter(expression, scope: scope, bindings: bindings) {
            slot.provenance = SlotClass(
                volatility: .constant, kind: .value,
                reason: "`\(short)` is what `\(getter)()` returns, a prompt this file makes without any value of the request")
        } else if Self.namedDynamic(slot.variable ?? short) != nil, builtFromConstructionState(slot.variable, scope: scope) {
            // `examples_str = "\n".join(self.examples)` with `self.examples` loaded by the constructor: the code
            // shows a value of the object's start-up state, whatever its name (`dynamic_examples_str`) says.
            slot.provenance = SlotClass(
                volatility: .constant, kind: .value,
                reason: "`\(short)` is built from state the object sets when it is created, the same for each request it serves")
        } else if let dynamic = Self.namedDynamic(slot.variable ?? short) {
            slot.provenance = dynamic
        } else {
            let head = slot.variable ?? short
            if SlotClassifier().nameClass(of: head) == nil {
                slot.provenance = SlotClass(
                    volatility: .constant, kind: .value, reason: "`\(short)` is not traced to a clock, random, user or request value")
            }
        }
        return .slot(slot)
    }
}

extension SourceAnalysis {
    /// Words naming the business a multi-tenant assistant answers for (a clinic's receptionist, a restaurant's
    /// order line): a record of one of them holds that business's own name, phone and address.
    private static let businessWords: Set<String> = [
        "clinic", "business", "company", "restaurant", "store", "shop", "salon", "practice", "hotel", "organization",
        "organisation", "merchant", "venue",
    ]

    /// True for a name whose words name such a business (`clinic`, `business_info`, `restaurantConfig`).
    static func namesBusiness(_ name: String) -> Bool {
        !Set(NameTokens.split(name)).isDisjoint(with: businessWords)
    }

    /// The read, as written, when `node` is a field of the deployment's settings object (`settings.TIMEZONE`,
    /// `SlotClassifier.settingsClass`) or a field of a record of the business a deployment serves
    /// (`restaurant.timezone`, `clinic.opening_hour`) whose own name does not say it holds a request's input,
    /// retrieved text or a conversation (a business has a name, a phone, a time zone and hours as a person has
    /// a name and a time zone); nil otherwise (`restaurant.reviews_context`, `user.timezone`).
    func deploymentRead(_ node: SourceNode) -> String? {
        guard case .member(let base, let field) = node.kind else { return nil }
        let written = text(of: node)
        if SlotClassifier().settingsClass(expression: written) != nil { return written }
        guard case .name(let owner) = base.kind, Self.namesBusiness(owner) else { return nil }
        if let named = SlotClassifier().nameClass(of: field), [.input, .documents, .history, .attachment].contains(named.kind) { return nil }
        return written
    }

    /// True for a name whose words say it is made once per period (`dailySummaries`, `weekly_digest`,
    /// `monthlyReport`).
    static func namesPeriod(_ name: String) -> Bool {
        !Set(NameTokens.split(name)).isDisjoint(with: ["daily", "weekly", "monthly", "yearly", "annual", "nightly"])
    }

    /// A per-request class for a value the code itself names dynamic (`dynamicContext`,
    /// `dynamic_system_prompt`, `this.dynamicPrompt`) when nothing traced says otherwise: the author's
    /// word that it is rebuilt between calls (the part kept apart from the static prompt), which is all a
    /// file can see of a value another module's hook or handler builds. Nil for any other name.
    static func namedDynamic(_ variable: String) -> SlotClass? {
        let last = variable.split(separator: ".").last.map(String.init) ?? variable
        let words = NameTokens.split(last)
        guard words.count >= 2, words[0] == "dynamic" else { return nil }
        return SlotClass(
            volatility: .perRequest, kind: .value,
            reason: "`\(variable)` is named dynamic: the code keeps it apart from the static prompt because it is rebuilt between calls")
    }

    /// The class the name of a collection gives an item of it (`m` of `memories.forEach((m) => …)` or of `for
    /// (const m of memories)`), when the item's own name says nothing and the collection's says it changes; nil
    /// otherwise.
    func itemClass(_ variable: String?, short: String, at offset: Int, scope: Int) -> SlotClass? {
        if let turn = conversationTurnClass(variable, short: short, at: offset, scope: scope) { return turn }
        guard let variable, let root = variable.split(separator: ".").first.map(String.init), !root.isEmpty,
            SlotClassifier().nameClass(of: variable) == nil,
            let (collection, _) = itemCollection(root, scope: scope, before: offset),
            let path = collection.dottedPath, var named = SlotClassifier().nameClass(of: path), named.volatility != .constant
        else { return nil }
        named.reason = "`\(short)` is an item of `\(path)`: \(named.reason)"
        named.evidence = .name
        return named
    }

    /// The root name of `variable` when it names a value assigned at the top level of this module (not
    /// an empty placeholder such as `None`, `""` or `[]`) that no function of the module reassigns; nil otherwise.
    func moduleLevelValue(_ variable: String?, at offset: Int, scope: Int, bindings: Bindings) -> String? {
        guard let root = variable?.split(separator: ".").first.map(String.init), !root.isEmpty,
            !["self", "this", "cls"].contains(root),
            case .value(let value, 0, _) = lookup(root, scope: scope, before: offset, bindings: bindings),
            !scopes.dropFirst().contains(where: { $0.assignments[root] != nil })
        else { return nil }
        switch value.kind {
        case .literal: return nil
        case .string where value.plainString == "": return nil
        case .list(let items, _) where items.isEmpty: return nil
        case .dict(let entries) where entries.isEmpty: return nil
        default: return root
        }
    }

    /// The conversation's class for a part of one stored turn rendered as text: an item of a collection named for
    /// the conversation (`msg` of `for msg in trimmed_history`, `m` of `history.map((m) => …)`), or a name the
    /// loop binds to a field of it (`content = msg.get("content")`, then `{content}`), whatever that name
    /// says on its own (`content`, `author_name`); nil otherwise.
    func conversationTurnClass(_ variable: String?, short: String, at offset: Int, scope: Int) -> SlotClass? {
        guard let variable, let root = variable.split(separator: ".").first.map(String.init), !root.isEmpty,
            !["self", "this", "cls"].contains(root)
        else { return nil }
        var item = root
        var found = itemCollection(root, scope: scope, before: offset)
        if found == nil, case .value(let value, let s, _) = lookup(root, scope: scope, before: offset, bindings: Bindings()),
            let base = Self.itemRoot(value), base != root
        {
            item = base
            found = itemCollection(base, scope: s, before: value.range.lowerBound)
        }
        guard let (collection, _) = found, let path = collection.dottedPath,
            var named = SlotClassifier().nameClass(of: path), named.kind == .history
        else { return nil }
        let via = item == root ? "" : " (read from `\(item)`)"
        named.reason = "`\(short)`\(via) is part of a turn of `\(path)`, rendered as text: \(named.reason)"
        named.evidence = .name
        return named
    }

    /// The name a field read starts from: `msg` of `msg.get("content", "")`, `msg["content"]`, `m.text`; nil for
    /// anything else.
    static func itemRoot(_ node: SourceNode) -> String? {
        switch node.unwrapped.kind {
        case .name(let n): return n.contains(".") ? n.split(separator: ".").first.map(String.init) : n
        case .member(let base, _): return itemRoot(base)
        case .index(let base, _): return itemRoot(base)
        case .call(let callee, _):
            guard case .member(let base, let method) = callee.kind, ["get", "strip", "trim", "lower"].contains(method) else { return nil }
            return itemRoot(base)
        default: return nil
        }
    }
}
