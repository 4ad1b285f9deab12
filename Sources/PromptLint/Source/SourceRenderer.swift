import Foundation

/// Values substituted into `.format(...)`, `%` or template fields: by name and by position.
struct FieldValues {
    var named: [String: SourceNode] = [:]
    var positional: [SourceNode] = []
    var scope: Int
    /// True when fields are template variables filled later (LangChain): slots without values.
    var template = false
    /// True when only the named fields are replaced and any other `{…}` stays text (`.replace` with a
    /// table of values), unlike `.format`, where every field is filled.
    var onlyNamed = false
    /// True when the values are all a Python `str.format` call passes (no `*args` or `**kwargs`) to a
    /// plain string: a field it does not name raises `KeyError`, so no request is sent with it.
    var complete = false
    /// The module the values are expressions of, when it is not the one whose text is rendered (a
    /// constant of another module formatted here), with the bindings they are evaluated under.
    var owner: SourceAnalysis?
    var ownerBindings = Bindings()
    /// True when the fields are Jinja expressions (`{{ name }}`, `{{ name | filter }}`), as instructor renders
    /// message text with its `context=` values: single braces are text.
    var jinja = false
    /// With `jinja`: a field no value fills is read whole (`{{ now() }}`, `{{ name | upper }}`), as a Jinja
    /// template file's are, not by its leading name alone.
    var wholeJinjaFields = false
    /// Fields a helper of another module sets itself (`context["current_date"] = datetime.now()…` before
    /// `template.format(**context)`): the value in that module and function, the helper's call here, its name.
    var setBy: [String: (owner: SourceAnalysis, value: SourceNode, scope: Int, site: SourcePosition, helper: String)] = [:]
}

extension SourceAnalysis {
    /// Operators that pick a default when the first value is missing (`custom || DEFAULT_PROMPT`, `a ?? b`, `a or b`).
    static let defaultOperators: Set<String> = ["||", "??", "or"]

    /// The text and slots a prompt-valued expression produces, in order.
    func render(_ node: SourceNode, scope: Int, bindings: Bindings, fields: FieldValues? = nil, depth: Int = 0)
        -> [TemplateSegment]
    {
        renderBudget -= 1
        guard depth < 16, renderBudget > 0 else { return [slot(node, scope: scope, bindings: bindings)] }
        let next = depth + 1
        // `system = await build_system_prompt(…)`: the awaited helper's text, as without `await`.
        if let awaited = awaitedValue(node) {
            return render(awaited, scope: scope, bindings: bindings, fields: fields, depth: next)
        }
        switch node.kind {
        case .string(let literal):
            return renderString(literal, scope: scope, bindings: bindings, fields: fields, depth: next)
        case .binary("+", _, _):
            return node.concatenatedOperands.enumerated().flatMap { k, operand in
                let rendered = render(operand, scope: scope, bindings: bindings, fields: fields, depth: next)
                // `system_prompt += extra_context` after `extra_context += link_ctx`: text built elsewhere and added
                // to the prompt here, where its values enter it (as a field that interpolates it).
                guard k > 0, case .name = operand.kind else { return rendered }
                return Self.entering(rendered, at: RelatedLocation(at(operand.range.lowerBound), snippet: text(of: operand)))
            }
        case .binary("%", let format, let values) where format.literal != nil:
            var f = FieldValues(scope: scope)
            if case .list(let items, _) = values.kind { f.positional = items } else if case .dict(let entries) = values.kind {
                for e in entries { if let k = e.keyName { f.named[k] = e.value } }
            } else {
                f.positional = [values]
            }
            return percentFields(render(format, scope: scope, bindings: bindings, depth: next), values: f, bindings: bindings, depth: next)
        case .name, .member:
            // `recall_block = _build_recall_block(store, user_input)`: content retrieved for the request's
            // input is one per-request value where it is used, whatever the helper writes around it.
            if let name = Self.referenceName(node),
                case let (value, s, _)? = boundValue(of: name, at: node, scope: scope, bindings: bindings),
                let input = retrievalInput(value, scope: s)
            {
                var item = slot(node, scope: scope, bindings: bindings)
                if case .slot(var retrieved) = item {
                    if retrieved.provenance?.volatility != .perRequest {
                        retrieved.provenance = SlotClass(
                            volatility: .perRequest, kind: .documents,
                            reason: "`\(name)` is retrieved for the request's input `\(input)` (`\(callName(value))`)")
                    }
                    // A helper of another module writes the content into its text: that line is named too.
                    retrieved.partialSite = retrieved.partialSite ?? retrievedTextEntry(value)
                    item = .slot(retrieved)
                }
                return [item]
            }
            if let name = Self.referenceName(node),
                case let (value, s, b)? = boundValue(of: name, at: node, scope: scope, bindings: bindings),
                isTextual(value), !scopes[s].accumulatedInLoop.contains(name)
            {
                consumed.insert(name)
                return render(value, scope: s, bindings: b, fields: fields, depth: next)
            }
            // `prompt = base(); prompt += clock; for m in found: prompt += …`: the text written before the loop
            // stays in front of what the loop adds (a slot).
            if let name = Self.referenceName(node),
                case .value(_, let s, let b) = lookup(name, scope: scope, before: node.range.lowerBound, bindings: bindings),
                let before = scopes[s].builtBeforeLoop[name], isTextual(before)
            {
                // The slot is reported where the loop adds its items (the last `name += …` before this use), the
                // line the data enters on.
                let added = scopes[s].assignments[name]?.last(where: { $0.range.upperBound <= node.range.lowerBound && $0.range != before.range })
                var item = slot(node, scope: scope, bindings: bindings)
                if let added, foreignSite == nil, case .slot(var moved) = item {
                    // `name += f"…"` is kept as `name + f"…"`: the added text is its right operand.
                    var start = added.range.lowerBound
                    if case .binary("+", _, let right) = added.kind { start = right.range.lowerBound }
                    moved.position = source.position(start)
                    item = .slot(moved)
                }
                return render(before, scope: s, bindings: b, fields: fields, depth: next) + [item]
            }
            // `self.qa_prompt = SYSTEM_QA_PROMPT`: another name for text (of this module or imported), read as that text;
            // also a class attribute naming an imported module's text (`INSTRUCTION = prompts.INSTRUCTION`).
            if let name = Self.referenceName(node),
                case let (value, s, b)? = boundValue(of: name, at: node, scope: scope, bindings: bindings),
                let aliased = Self.aliasedName(value)
            {
                // Text of another module is reported where this prompt uses it, not where the alias is set.
                let saved = foreignSite
                if saved == nil, case .imported = lookup(aliased, scope: s, before: value.range.lowerBound, bindings: b) {
                    foreignSite = at(node.range.lowerBound)
                }
                let rendered = render(value, scope: s, bindings: b, fields: fields, depth: next)
                foreignSite = saved
                if rendered.holdsText { return rendered }
            }
            if case .name(let name) = node.kind,
                case let (value, s, b)? = boundValue(of: name, at: node, scope: scope, bindings: bindings),
                let rendered = renderedPromptAttribute(value, scope: s, bindings: b, fields: fields, depth: next)
            {
                return rendered
            }
            // `def generate(…, system_prompt=SYSTEM_PROMPT)`, then `system_prompt.format(…)`: a prompt-named
            // parameter whose default names text is that text when the caller's value is not known here.
            if case .name(let name) = node.kind, SourceReader.isPromptName(name),
                case .parameter = lookup(name, scope: scope, before: node.range.lowerBound, bindings: bindings),
                let (value, s) = namedDefault(name, scope: scope)
            {
                let rendered = render(value, scope: s, bindings: bindings, fields: fields, depth: next)
                if rendered.holdsText {
                    // A constant of this module read here is not read again as a prompt of its own.
                    if case .name(let constant) = value.kind { consumed.insert(constant) }
                    return rendered
                }
            }
            if let path = node.dottedPath, case .value(let a, let value, let s)? = foreign(path), a.isTextual(value) {
                return a.renderForeign(value, scope: s, fields: ownedFields(fields, bindings: bindings), site: at(node.range.lowerBound), depth: next)
            }
            // An attribute of an object whose class is in another module (`configuration.system_prompt`).
            if case .member(_, let attribute) = node.kind, SourceReader.isPromptName(attribute),
                Self.referenceName(node) == nil || attributes[attribute] == nil, rootIsUnknown(node, scope: scope), case .value(let a, let value, let s)? = memberDefinition(attribute, prompt: true)
            {
                return a.renderForeign(value, scope: s, fields: ownedFields(fields, bindings: bindings), site: at(node.range.lowerBound), depth: next)
            }
            // Only text built there reads as part of the prompt; a value stays a slot where it is used.
            if let (value, s, b) = returnedEntry(node, scope: scope, bindings: bindings) {
                let rendered = render(value, scope: s, bindings: b, fields: fields, depth: next)
                if rendered.holdsText {
                    if let name = scopes[s].name { consumed.insert(name) }
                    return rendered
                }
            }
        case .call(let callee, let args):
            if let rendered = renderCall(node, callee: callee, args: args, scope: scope, bindings: bindings, fields: fields, depth: next) {
                return rendered
            }
        case .binary(let op, let a, let b) where Self.defaultOperators.contains(op):
            // `this.options?.systemPrompt || defaultSystemPrompt`: the default the code writes out, as for a conditional.
            // An empty fallback (`template.format(…) or ""`) adds no text: the other side is the prompt.
            let written = [a, b].filter { ($0.plainString.map { !$0.isEmpty } ?? true) && (isTextual($0) || Self.referenceName($0).map { namesText($0) } == true) }
            if written.count == 1 { return render(written[0], scope: scope, bindings: bindings, fields: fields, depth: next) }
        case .index(let base, let subscripts) where fields != nil && subscripts.count == 1:
            // `PROMPTS["chat"].format(…)` with `PROMPTS` a dict of templates of this module or of another one:
            // the entry's text, filled.
            if let key = subscripts[0].plainString, let path = base.dottedPath {
                if case .name(let name) = base.kind,
                    case .value(let table, let s, let b) = lookup(name, scope: scope, before: node.range.lowerBound, bindings: bindings),
                    table.range != base.range, let entry = table.entry(key), isTextual(entry)
                {
                    return render(entry, scope: s, bindings: b, fields: fields, depth: next)
                }
                if case .value(let a, let table, let s)? = foreign(path), let entry = table.entry(key), a.isTextual(entry) {
                    return a.renderForeign(entry, scope: s, fields: ownedFields(fields, bindings: bindings), site: at(node.range.lowerBound), depth: next)
                }
            }
        case .conditional(let options):
            // `custom or DEFAULT_PROMPT`, `custom if custom else DEFAULT_PROMPT`: the branch the code writes
            // out as text (the other is a value passed in, which the file cannot read).
            let written = options.filter { isTextual($0) || Self.referenceName($0).map { namesText($0) } == true }
            // `memory ? formatMemory(memory) : ""`: an empty branch is the value left out, not a default written
            // in its place; the value stays (a slot).
            // `memory.content if memory else "Nothing known yet."` with a memory the folder rewrites from the model's
            // output (`SourceRewrittenFields`): the value the code reads, not a custom text defaulting to the written one.
            if written.count == 1, written[0].plainString?.isEmpty != true,
                !options.contains(where: { option in
                    option.range != written[0].range
                        && trace(option, scope: scope, bindings: bindings).volatile.map { Self.isRewrittenField($0.source) } == true
                })
            {
                return render(written[0], scope: scope, bindings: bindings, fields: fields, depth: next)
            }
            // `const systemPrompt = deep ? `…` : `…`` with every branch a literal text or a name of one, none empty:
            // the same, unfilled. The first branch that fills no value of its own stands for them, else the first: a
            // branch that alone quotes a value (`isVip ? `VIP ${userId}…` : `…``) is one case's text, not a slot of
            // the other requests, while a section present when its value is (`tone ? `…${tone}…` : `…``) is that
            // value's slot. A branch built by a call, such as `found.map(…).join("\n")`, is a value of the request,
            // not a variant written here; a condition on the clock or a random draw, `hour < 12 ? "am" : "pm"`,
            // picks a value per request.
            let variants = options.dropLast()
            if fields == nil, options.count >= 3, let first = variants.first, let condition = options.last,
                variants.allSatisfy({ variant in
                    guard variant.plainString?.isEmpty != true else { return false }
                    if case .string = variant.kind { return true }
                    return Self.referenceName(variant).map { namesText($0) } == true
                }),
                trace(condition, scope: scope, bindings: bindings).volatile.map({ [.time, .identifier].contains($0.source.kind) }) != true
            {
                // The branch quoting what the condition tests (`cart.length === 0 ? "Empty." : `Cart: ${cart…}``) is that value's slot.
                let standing = variants.first { Self.quotesCondition($0, condition) } ?? variants.first { $0.plainString != nil } ?? first
                let rendered = render(standing, scope: scope, bindings: bindings, fields: fields, depth: next)
                if rendered.holdsText { return rendered }
            }
            // `(RESEARCH_ONLY_PROMPT if research_only else RESEARCH_PROMPT).format(...)`: a template chosen among
            // alternatives (the condition last), each a prompt of one request. The first that reads as text stands
            // for them: variants of one prompt share its layout, and the condition picks one of a handful.
            if fields != nil, options.count >= 3 {
                for option in variants {
                    let rendered = render(option, scope: scope, bindings: bindings, fields: fields, depth: next)
                    if rendered.holdsText { return rendered }
                }
            }
        default:
            break
        }
        return [slot(node, scope: scope, bindings: bindings)]
    }

    /// The name a value merely renames: `SYSTEM_PROMPT`, or the module attribute `prompts.SYSTEM_PROMPT`
    /// (the module's name, the one looked up); nil for any other value.
    static func aliasedName(_ value: SourceNode) -> String? {
        switch value.kind {
        case .name(let n): return n
        case .member(let base, _):
            guard case .name(let root) = base.kind, !["self", "this", "cls"].contains(root) else { return nil }
            return root
        default: return nil
        }
    }

    /// Whether `variant` quotes the value its choice tests (`tone ? `…${tone}…` : …`): an optional section of
    /// that value rather than one case's text.
    static func quotesCondition(_ variant: SourceNode, _ condition: SourceNode) -> Bool {
        guard let tested = testedName(condition) else { return false }
        guard let pieces = variant.literal?.pieces else { return false }
        return pieces.contains { piece in
            guard case .field(let field) = piece else { return false }
            return field.tokens.contains { $0.kind == .name && $0.text == tested }
        }
    }

    /// The name a condition tests: `tone`, `ctx.tone` (`tone`), and the collection whose size a comparison
    /// tests (`cart.length === 0`, `len(cart) > 0`: `cart`); nil for anything else.
    static func testedName(_ condition: SourceNode) -> String? {
        switch condition.kind {
        case .name(let n): return n
        case .member(let base, let n): return ["length", "size"].contains(n) ? testedName(base) : n
        case .call(let callee, let args) where callee.dottedPath == "len" && args.count == 1: return testedName(args[0].value)
        case .binary(let op, let left, _) where ["==", "===", "!=", "!==", ">", ">=", "<", "<="].contains(op): return testedName(left)
        default: return nil
        }
    }

    /// The name a reference looks up: `x`, or `self.x`/`this.x`/`cls.x` (attributes set in the class).
    static func referenceName(_ node: SourceNode) -> String? {
        switch node.kind {
        case .name(let n): return n
        case .member(let base, let n):
            guard case .name(let owner) = base.kind, ["self", "this", "cls"].contains(owner) else { return nil }
            return owner == "cls" ? "self.\(n)" : "\(owner).\(n)"
        default: return nil
        }
    }

    /// The segments an interpolated value renders to when it is text built in this file (a constant, a
    /// concatenation, a helper returning text), so that it reads as part of the prompt; nil when it
    /// stays a slot.
    func inlined(_ node: SourceNode, scope: Int, bindings: Bindings, depth: Int) -> [TemplateSegment]? {
        switch node.kind {
        case .name, .member, .call, .binary("+", _, _), .string: break
        default: return nil
        }
        guard Self.referenceName(node) != nil || isTextual(node) else { return nil }
        let segments = render(node, scope: scope, bindings: bindings, depth: depth)
        if segments.count == 1, case .slot(let s) = segments[0], s.position == at(node.range.lowerBound) { return nil }
        // A value that adds no text of its own (`${injectedDocs}`, computed a few lines up) stays one slot
        // where it enters the prompt; its origin is named in the slot's reason.
        if !segments.contains(where: { if case .text(let t, _) = $0 { t.contains { $0.isLetter } } else { false } }) { return nil }
        return segments
    }

    /// True when `name` is bound to text built in this file (`depth` bounds chains of names, which may
    /// loop: `prompt = prompt + "…"`).
    private func namesText(_ name: String, depth: Int = 0) -> Bool {
        guard depth < 8, case .value(let value, _, _) = lookup(name, scope: 0, before: Int.max, bindings: Bindings()) else {
            return false
        }
        return isTextual(value, depth: depth + 1)
    }

    /// True when `node` is a name bound, in `scope`, to text built in this file.
    func namesText(_ node: SourceNode, in scope: Int) -> Bool {
        guard case .name(let name) = node.kind,
            case .value(let value, _, _) = lookup(name, scope: scope, before: node.range.lowerBound, bindings: Bindings())
        else { return false }
        return isTextual(value)
    }

    /// True when a value is text built in code (a literal, concatenation, format, join, dedent, helper call).
    func isTextual(_ node: SourceNode) -> Bool { isTextual(node, depth: 0) }

    private func isTextual(_ node: SourceNode, depth: Int) -> Bool {
        // The node tree is finite; only following a name can come back to the same value.
        func textOrNamesText(_ n: SourceNode) -> Bool {
            isTextual(n, depth: depth) || Self.referenceName(n).map { namesText($0, depth: depth + 1) } == true
        }
        if let awaited = awaitedValue(node) { return isTextual(awaited, depth: depth) }
        switch node.kind {
        case .string: return true
        case .conditional(let options): return options.contains(where: textOrNamesText)
        // `BASE_PROMPT + extra + "\n\n" + TAIL`: text when either side is text or names text of this module.
        case .binary("+", let a, let b): return textOrNamesText(a) || textOrNamesText(b)
        case .binary(let op, let a, let b) where Self.defaultOperators.contains(op): return textOrNamesText(a) || textOrNamesText(b)
        case .binary(let op, let a, _): return op == "%" && isTextual(a, depth: depth)
        case .call(let callee, _):
            let last = callee.lastName ?? ""
            if ["format", "join", "dedent", "cleandoc", "strip", "trim", "lstrip", "rstrip", "trimStart", "trimEnd", "replace",
                "replaceAll"].contains(last) {
                return true
            }
            return Self.templateText(of: node) != nil || functionScope(named: callee.dottedPath ?? "") != nil
                || isForeignFormatHelper(callee)
        default: return false
        }
    }

    private func renderCall(
        _ node: SourceNode, callee: SourceNode, args: [SourceArgument], scope: Int, bindings: Bindings,
        fields: FieldValues?, depth: Int
    ) -> [TemplateSegment]? {
        let path = callee.dottedPath ?? ""
        let last = callee.lastName ?? ""
        if case .member(let receiver, _) = callee.kind {
            switch last {
            case "format":
                var f = FieldValues(scope: scope)
                for arg in args {
                    if let label = arg.label { f.named[label] = arg.value } else if !arg.spread { f.positional.append(arg.value) }
                    // `**kw` where `kw` is a dict built in this file: its entries.
                    if arg.spread { for (k, v) in dictEntries(arg.value, scope: scope, bindings: bindings) where f.named[k] == nil { f.named[k] = v } }
                    // `context["current_date"] = datetime.now()…` before `template.format(**context)`: the
                    // entry set by key fills its field too (set after the dict was built, it wins).
                    if arg.spread, case .name(let n) = arg.value.kind {
                        for (k, v) in keyedEntries(n, scope: scope, before: node.range.lowerBound) { f.named[k] = v }
                    }
                }
                f.complete = module.language == .python && !args.contains(where: \.spread) && isPlainString(receiver, scope: scope)
                let rendered = render(receiver, scope: scope, bindings: bindings, fields: f, depth: depth)
                return withFormatValues(rendered, receiver: receiver, values: f, bindings: bindings)
            case "join":
                // `text.split("{name}").join(value)`: every `{name}` replaced by the value, as `replaceAll` does.
                if module.language == .script, args.count == 1, case .call(let splitter, let parts) = receiver.kind,
                    case .member(let text, "split") = splitter.kind, parts.count == 1, !parts[0].spread
                {
                    let replaced = SourceNode(kind: .member(text, "replaceAll"), range: splitter.range)
                    let call = SourceNode(kind: .call(replaced, [parts[0], args[0]]), range: node.range)
                    return render(call, scope: scope, bindings: bindings, fields: fields, depth: depth)
                }
                let (separator, items) = module.language == .python ? (receiver, args.first?.value) : (args.first?.value, receiver)
                let sep = separator.map { $0.plainString ?? "" } ?? ","
                guard let items else { return nil }
                guard let elements = joinedElements(items, scope: scope, bindings: bindings) else {
                    // `"\n- ".join(memories)` after `memories = search_memory(chat_id, user_text)`: the list retrieved
                    // for the request's input, whatever separator lays it out (rendered as the name, per request).
                    if isRetrievedForInput(items, scope: scope, bindings: bindings) {
                        return render(items, scope: scope, bindings: bindings, depth: depth)
                    }
                    // A table of a module constant rendered by a comprehension: its text, the same on every request.
                    guard let text = constantJoin(separator: separator, items: items, scope: scope) else { return nil }
                    return [.text(text, at(node.range.lowerBound))]
                }
                var out: [TemplateSegment] = []
                for (k, e) in elements.enumerated() {
                    if k > 0, !sep.isEmpty { out.append(.text(sep, at(e.node.range.lowerBound))) }
                    var parts = render(e.node, scope: e.scope, bindings: bindings, depth: depth)
                    // A part a callback pushes (`memories.forEach((m) => lines.push(…))`) has no place of its own in
                    // the text: it enters where the list is joined.
                    if e.scope != scope, scopes[e.scope].iterated != nil {
                        parts = parts.map { part in
                            guard case .slot(var s) = part else { return part }
                            s.position = at(node.range.lowerBound)
                            return .slot(s)
                        }
                    }
                    out += parts
                }
                return out
            case "strip", "lstrip", "rstrip", "trim", "trimStart", "trimEnd":
                return render(receiver, scope: scope, bindings: bindings, fields: fields, depth: depth)
            case "replace", "replaceAll":
                // `template.replace(/{([^}]+)}/g, (m, key) => values[key] || m)`: every `{field}` filled from
                // the table, as `.format(**values)` fills it.
                if args.count == 2, let table = replacementTable(args[1].value, scope: scope, bindings: bindings)
                    ?? loopFillTable(args, scope: scope, bindings: bindings) ?? entryLoopTable(args, scope: scope, bindings: bindings)
                {
                    var f = FieldValues(scope: scope)
                    f.onlyNamed = true
                    for (k, v) in table { f.named[k] = v }
                    let rendered = render(receiver, scope: scope, bindings: bindings, fields: f, depth: depth)
                    return withFormatValues(rendered, receiver: receiver, values: f, bindings: bindings)
                }
                // `text.replace("{{x}}", value)`: the text, with the replacement as one more slot after it
                // when it is not a constant (where exactly it lands is not tracked).
                var out = render(receiver, scope: scope, bindings: bindings, fields: fields, depth: depth)
                // Text known whole (no value in it) that does not hold the placeholder is returned unchanged:
                // `.replace` fills nothing there (`"{{TODAY}}"` replaced in a prompt written with `{{today}}`).
                if let key = args.first.flatMap({ replacedText($0.value) }), !key.isEmpty, !out.isEmpty,
                    case let texts = out.compactMap({ if case .text(let t, _) = $0 { t } else { nil } }),
                    texts.count == out.count, !texts.joined().contains(key)
                {
                    return out
                }
                if args.count >= 2, case .slot(var s) = slot(args[1].value, scope: scope, bindings: bindings),
                    s.provenance?.volatility != .constant
                {
                    // Where the placeholder is in the text, the value goes there; otherwise after it.
                    if let key = replacedText(args[0].value), !key.isEmpty,
                        let k = out.firstIndex(where: { if case .text(let t, _) = $0 { t.contains(key) } else { false } }),
                        case .text(let t, let position) = out[k], let r = t.range(of: key)
                    {
                        // Reported at the placeholder, as a `.format` field is: that is the line to move.
                        let fill = at(args[1].value.range.lowerBound)
                        let placeholder = position.advanced(over: t[..<r.lowerBound])
                        // Only where the placeholder is written in this file (text rendered from another module
                        // is reported at the reference, so its offsets do not point into this file).
                        let end = placeholder.offset + key.utf8.count
                        let written = placeholder.offset >= 0 && end <= source.bytes.count && source.string(placeholder.offset..<end) == key
                        if placeholder.line != fill.line, written {
                            if s.provenance?.reason.contains("line \(fill.line)") == false { s.provenance?.reason += "; it fills `\(key)` at line \(fill.line)" }
                            s.position = placeholder
                            s.source = key
                        } else if !written, s.promptSite == nil, let site = foreignPlaceholder(key, receiver: receiver) {
                            // `SYSTEM_PROMPT.replace("{TODAY_ISO}", today)` with the prompt imported: reported at the
                            // value here, naming the placeholder in the prompt's own file.
                            s.provenance?.reason += "; it fills `\(key)` of the prompt in \(site.path ?? "") line \(site.line)"
                            s.promptSite = site
                        }
                        out.replaceSubrange(k...k, with: Self.splicing(s, into: t, at: r, position: position))
                    } else {
                        out.append(.slot(s))
                    }
                }
                return out
            default:
                break
            }
        }
        if let template = Self.templateText(of: node) {
            return render(template, scope: scope, bindings: bindings, fields: fields, depth: depth)
        }
        if ["dedent", "cleandoc", "str", "String"].contains(last), let first = args.first?.value {
            return render(first, scope: scope, bindings: bindings, fields: fields, depth: depth)
        }
        if let function = functionScope(named: path), let value = largestTextualReturn(of: function) {
            if let name = scopes[function].name { consumed.insert(name) }
            let b = bind(function, args: args, callerScope: scope, bindings: bindings)
            return render(value, scope: function, bindings: b, depth: depth)
        }
        if let function = functionScope(named: path),
            let filled = renderFill(function, args: args, callerScope: scope, bindings: bindings, depth: depth)
        {
            return filled
        }
        if functionScope(named: path) == nil,
            let filled = renderForeignFormatHelper(node, callee: callee, args: args, scope: scope, bindings: bindings, depth: depth)
        {
            return filled
        }
        // A text cleaner this file does not define (`removeExtraLineBreaks(sections.join("\n\n"))`,
        // `clean(prompt)`): one text argument in, text out, with the argument's layout (a value at the top
        // stays at the top).
        if functionScope(named: path) == nil, case .name = callee.kind, args.count == 1, args[0].label == nil, !args[0].spread,
            isTextual(args[0].value), !Self.opaqueCalls.contains(last)
        {
            return render(args[0].value, scope: scope, bindings: bindings, fields: fields, depth: depth)
        }
        return nil
    }

    /// True when `node` is a string literal, or a name bound to one in this module or imported from
    /// another (`PROMPT = """…"""`), not a template object that may fill fields of its own (`partial`).
    func isPlainString(_ node: SourceNode, scope: Int, depth: Int = 0) -> Bool {
        switch node.kind {
        case .string: return true
        case .name(let name) where depth < 4:
            if let bound = boundValue(of: name, at: node, scope: scope) {
                return isPlainString(bound.node, scope: bound.scope, depth: depth + 1)
            }
            if case .value(let other, let value, let s)? = foreign(name) { return other.isPlainString(value, scope: s, depth: depth + 1) }
            return false
        default: return false
        }
    }

    /// The text `text` (a segment at `position`) with the placeholder at `range` replaced by `slot`: the text
    /// before it, the slot, the text after it (a `.replace` fill or an ADK state fill put where its key is written).
    static func splicing(_ slot: TemplateSlot, into text: String, at range: Range<String.Index>,
                         position: SourcePosition) -> [TemplateSegment] {
        var parts: [TemplateSegment] = []
        if range.lowerBound > text.startIndex { parts.append(.text(String(text[..<range.lowerBound]), position)) }
        parts.append(.slot(slot))
        if range.upperBound < text.endIndex {
            parts.append(.text(String(text[range.upperBound...]), position.advanced(over: text[..<range.upperBound])))
        }
        return parts
    }

    /// Where `key` is written in the text of another module that a `.replace` chain starts from
    /// (`SYSTEM_PROMPT.replace("{TOOLS}", …).replace("{TODAY_ISO}", …)` with `SYSTEM_PROMPT` imported).
    func foreignPlaceholder(_ key: String, receiver: SourceNode) -> RelatedLocation? {
        var base = receiver
        while case .call(let callee, _) = base.kind, case .member(let inner, let method) = callee.kind,
            method == "replace" || method == "replaceAll"
        {
            base = inner
        }
        guard let dotted = base.dottedPath, case .value(let other, let value, _)? = foreign(dotted) else { return nil }
        let bytes = other.source.bytes
        let end = min(value.range.upperBound, bytes.count)
        guard !key.isEmpty, value.range.lowerBound >= 0, value.range.lowerBound < end,
            let found = bytes[value.range.lowerBound..<end].firstRange(of: Array(key.utf8))
        else { return nil }
        return RelatedLocation(other.source.position(found.lowerBound), snippet: key, path: other.path)
    }

    /// Of a function's text-valued returns (`if automode: return A + B + C` / `return A + C`), the one
    /// that writes out the most text: the rendering in which a value inside breaks the most cacheable text.
    /// A name the function binds to joined parts counts too (`prompt = " ".join(parts)` then `return prompt`).
    /// Sizes are estimated from the literals and the names of text they join (no rendering, no tracing).
    func largestTextualReturn(of function: Int) -> SourceNode? {
        var textual = scopes[function].returns.filter {
            isTextual($0) || namesLoopFill($0, in: function) || namesJoin($0, in: function)
                || namesGrownText($0, in: function)
        }
        guard textual.count > 1 else { return textual.first }
        // A short fixed fallback (`if not memories: return "Nothing comes to mind."`) renders no value: the
        // returns that compose text are the renderings worth reading.
        let composed = textual.filter { $0.plainString.map { $0.utf8.count >= 200 } ?? true }
        if !composed.isEmpty { textual = composed }
        guard textual.count > 1 else { return textual.first }
        let sizes = textual.map { writtenSize($0, scope: function, depth: 0) }
        return sizes.indices.max { sizes[$0] < sizes[$1] }.map { textual[$0] }
    }

    /// The return a caller sends: the last one, unless that is short fixed text (the fallback of a
    /// `catch` block, `return "You are a helpful assistant."`) and another return composes the prompt
    /// (`return sections.join("\n")` inside the `try`).
    func principalReturn(of function: Int) -> SourceNode? {
        let returns = scopes[function].returns
        guard let last = returns.last else { return nil }
        guard returns.count > 1, let plain = last.plainString, plain.utf8.count < 200,
            let largest = largestTextualReturn(of: function), largest.range != last.range
        else { return last }
        return largest
    }

    /// `return system` after `system = BASE_PROMPT` and `system += MEMORY_SECTION.format(…)` in a Python function
    /// named for a prompt (`_build_system_prompt`): the prompt it grows by appending text. A local only reassigned
    /// (`base = base.replace(…)`), or grown by a helper that returns a fragment (`get_platform_info`), is not followed:
    /// such a value is reported where the caller puts it in a prompt.
    private func namesGrownText(_ node: SourceNode, in scope: Int) -> Bool {
        guard module.language == .python, let function = scopes[scope].name, SourceReader.isPromptName(function),
            case .name(let name) = node.kind,
            case .value(let value, let s, _) = lookup(name, scope: scope, before: node.range.lowerBound, bindings: Bindings()),
            s == scope, case .binary("+", let previous, _) = value.kind,
            scopes[scope].assignments[name]?.contains(where: { $0.range == previous.range }) == true
        else { return false }
        return isTextual(value)
    }

    /// `return prompt` after `prompt = " ".join(parts)` (or `parts.join("\n")`): the joined parts, each rendered.
    private func namesJoin(_ node: SourceNode, in scope: Int) -> Bool {
        guard case .name(let name) = node.kind,
            case .value(let value, _, _) = lookup(name, scope: scope, before: node.range.lowerBound, bindings: Bindings()),
            case .call(let callee, _) = value.kind, case .member = callee.kind
        else { return false }
        return callee.lastName == "join"
    }

    /// `return formatted` after `formatted = formatted.replace(new RegExp(…), values[key])` in a loop: the text
    /// filled from an object (`loopFillTable`).
    private func namesLoopFill(_ node: SourceNode, in scope: Int) -> Bool {
        guard case .name(let name) = node.kind,
            case .value(let value, let s, let b) = lookup(name, scope: scope, before: node.range.lowerBound, bindings: Bindings()),
            case .call(let callee, let args) = value.kind, case .member = callee.kind,
            callee.lastName == "replace" || callee.lastName == "replaceAll", args.count == 2
        else { return false }
        return loopFillTable(args, scope: s, bindings: b) != nil
    }

    /// Bytes of literal text an expression writes: its string literals, through `+`, `.format` receivers and
    /// names bound to text (a few levels deep).
    private func writtenSize(_ node: SourceNode, scope: Int, depth: Int) -> Int {
        guard depth < 6 else { return 0 }
        switch node.kind {
        case .string(let literal):
            return literal.pieces.reduce(0) { sum, piece in
                if case .text(let d) = piece { return sum + d.text.utf8.count }
                return sum
            }
        case .binary("+", let a, let b):
            return writtenSize(a, scope: scope, depth: depth) + writtenSize(b, scope: scope, depth: depth)
        case .call(let callee, let args):
            // `"\n".join(lines)` / `lines.join("\n")`: the parts it joins, as written and appended before it
            // (a part appended in a loop counts once).
            if case .member(let receiver, "join") = callee.kind, args.count == 1 {
                let items = module.language == .python ? args[0].value : receiver
                guard let parts = joinedElements(items, scope: scope, bindings: Bindings()) else { return 0 }
                return parts.reduce(0) { $0 + writtenSize($1.node, scope: $1.scope, depth: depth + 1) }
            }
            guard case .member(let receiver, "format") = callee.kind else { return 0 }
            return writtenSize(receiver, scope: scope, depth: depth)
        case .name, .member:
            guard let name = Self.referenceName(node), let bound = boundValue(of: name, at: node, scope: scope) else { return 0 }
            return writtenSize(bound.node, scope: bound.scope, depth: depth + 1)
        default:
            return 0
        }
    }

    /// The text of a LangChain template object (`PromptTemplate.from_template(T)`, `PromptTemplate(template=T)`),
    /// which `.format(…)` fills like a string.
    static func templateText(of node: SourceNode) -> SourceNode? {
        guard case .call(let callee, _) = node.kind else { return nil }
        switch callee.lastName ?? "" {
        case "from_template", "fromTemplate": return node.argument("template", position: 0)
        case "PromptTemplate": return node.argument("template")
        default: return nil
        }
    }

    /// Calls of one text argument whose result is not that text's layout.
    private static let opaqueCalls: Set<String> = [
        "len", "hash", "print", "open", "int", "float", "bool", "encode", "tokenize", "count_tokens", "summarize",
        "translate", "encodeURIComponent", "btoa", "atob", "Number", "Boolean", "parseInt", "parseFloat",
    ]

    /// `prompt.system` where `prompt = getPrompt(…)` (directly or through a parameter its caller binds),
    /// `const { system } = getPrompt(…)` and `getPrompt(…).system`: the entry of the object literal a function of this file returns, with the
    /// call's arguments bound.
    func returnedEntry(_ node: SourceNode, scope: Int, bindings: Bindings, depth: Int = 0) -> (SourceNode, Int, Bindings)? {
        guard depth < 6 else { return nil }
        switch node.kind {
        case .name(let n):
            guard case .value(let v, let s, let b) = lookup(n, scope: scope, before: node.range.lowerBound, bindings: bindings),
                case .member = v.kind
            else { return nil }
            return returnedEntry(v, scope: s, bindings: b, depth: depth + 1)
        case .member(let base, let key):
            return returnedEntry(key, of: base, scope: scope, bindings: bindings)
        default:
            return nil
        }
    }

    /// The entry `key` of the object literal a function of this file returns, where `base` is the call or a name
    /// bound to it (`base.key`), with the call's arguments bound; nil when it is neither.
    func returnedEntry(_ key: String, of base: SourceNode, scope: Int, bindings: Bindings) -> (SourceNode, Int, Bindings)? {
        // A name bound to the call, through a few names (`g` a parameter whose caller passes `bg`, and
        // `const bg = gather(row)`).
        let (named, callScope, callBindings) = throughNames(base, scope: scope, bindings: bindings)
        let call = awaitedOperand(named) ?? named
        guard case .call(let callee, let args) = call.kind, let function = functionScope(named: callee.dottedPath ?? "")
        else { return nil }
        guard let entry = returnedObjectEntry(of: function, key) else { return nil }
        return (entry, function, bind(function, args: args, callerScope: callScope, bindings: callBindings))
    }

    /// The entry `key` of the object literal `function` returns (its last return that holds one).
    func returnedObjectEntry(of function: Int, _ key: String) -> SourceNode? {
        scopes[function].returns.reversed().lazy.compactMap { $0.entry(key) }.first
    }
}

extension SourceAnalysis {
    /// The entries of the table a replacement callback looks each match up in (`(m, key) => values[key]
    /// || m`, `lambda m: values[m.group(1)]`): a dict of this scope indexed in the callback's text; nil
    /// when the replacement is not such a callback.
    /// `for (const key in env) prompt = prompt.replace(new RegExp(`{${key}}`, 'g'), env[key])`: a placeholder
    /// built in code, filled with an entry of an object this file writes out; every `{field}` of the text is
    /// filled from that object, as `.format(**env)` fills it.
    func loopFillTable(_ args: [SourceArgument], scope: Int, bindings: Bindings) -> [(String, SourceNode)]? {
        guard args[0].value.plainString == nil, case .index(let table, let subscripts) = args[1].value.kind,
            subscripts.count == 1, case .name = table.kind
        else { return nil }
        let entries = dictEntries(table, scope: scope, bindings: bindings)
        return entries.isEmpty ? nil : entries
    }

    /// `prompt.replaceAll(`{${key}}`, value)` (or `.split(…).join(value)`) inside `for (const [key, value] of
    /// Object.entries(values))`: the entries of `values`, each filling the placeholder its key names.
    func entryLoopTable(_ args: [SourceArgument], scope: Int, bindings: Bindings) -> [(String, SourceNode)]? {
        guard args[0].value.plainString == nil, case .name(let value) = args[1].value.kind,
            let loop = scopes[scope].entryLoops[value], text(of: args[0].value).contains(loop.key)
        else { return nil }
        let entries = dictEntries(loop.table, scope: scope, bindings: bindings)
        return entries.isEmpty ? nil : entries
    }

    func replacementTable(_ callback: SourceNode, scope: Int, bindings: Bindings) -> [(String, SourceNode)]? {
        guard isFunctionLiteral(callback) else { return nil }
        let code = text(of: callback)
        var name = ""
        for character in code {
            if character.isNameCharacter {
                name.append(character)
                continue
            }
            if character == "[", !name.isEmpty, !(name.first?.isNumber ?? true) {
                let reference = SourceNode(kind: .name(name), range: callback.range)
                let entries = dictEntries(reference, scope: scope, bindings: bindings)
                if !entries.isEmpty { return entries }
            }
            name = ""
        }
        return nil
    }

    /// True when `node` is a function written in place: a Python `lambda`, a JavaScript arrow function or
    /// `function` expression.
    func isFunctionLiteral(_ node: SourceNode) -> Bool {
        let code = text(of: node)
        return code.contains("=>") || code.hasPrefix("lambda") || code.hasPrefix("function")
    }
}

extension SourceAnalysis {
    /// Words of a function's name that say it retrieves content (`_build_recall_block`, `load_memories`,
    /// `search_docs`, `recall_candidates`, `get_relevant_context`).
    static let retrievalWords: Set<String> = VolatilityKeywords.documents.union(VolatilityKeywords.retrievalQualifiers)
        .union(["retrieve", "recall", "remember", "rank", "rerank"])

    /// Words naming a store of entries picked by the keywords of the message (a roleplay bot's lorebook, its
    /// world info), whose selection changes with what the user writes.
    static let keywordMatchedStores: Set<String> = ["lore", "lorebook", "lorebooks", "worldinfo", "wiki"]

    /// True for a method of an object named for a keyword-matched store (`self.lorebook_manager.get_section(…)`,
    /// `lore.entries_for(…)`): what it returns for the message is the entries that message triggers.
    static func keywordMatchedStore(_ callee: SourceNode) -> Bool {
        guard case .member(let receiver, _) = callee.kind, let path = receiver.dottedPath else { return false }
        return path.split(separator: ".").contains { !Set(NameTokens.split(String($0))).isDisjoint(with: keywordMatchedStores) }
    }

    /// When `value` is a call of a function named for retrieval given the request's input (an argument
    /// named as the user's question or message: `user_input`, `query`, `self._last_user_message`), that
    /// argument as written; nil otherwise.
    func retrievalInput(_ value: SourceNode, scope: Int) -> String? {
        // `ctx, links = build_search_context(query)`: an element of what the call returns (`SourceModule` marks
        // it `call[#0]`) is retrieved as the whole is.
        if case .index(let picked, let keys) = value.kind, keys.count == 1, Self.pickedElement(keys[0]) != nil {
            return retrievalInput(picked, scope: scope)
        }
        // `await f(…)` or `f(…)`.
        guard case .call(let callee, let args) = value.unwrapped.kind, let last = callee.lastName else { return nil }
        let words = Set(NameTokens.split(last))
        guard words.isDisjoint(with: VolatilityKeywords.history),
            !words.isDisjoint(with: Self.retrievalWords) || Self.keywordMatchedStore(callee)
        else { return nil }
        for arg in args where !arg.spread {
            guard let path = arg.value.dottedPath, !path.contains("("), let argName = path.split(separator: ".").last.map(String.init),
                SlotClassifier().nameClass(of: argName)?.kind == .input
            else { continue }
            return text(of: arg.value)
        }
        return nil
    }

    /// True when `node` names a value bound to a call of a function named for retrieval given the request's
    /// input (`memories` after `memories = await db.search_memory(chat_id, user_text)`; see `retrievalInput`).
    func isRetrievedForInput(_ node: SourceNode, scope: Int, bindings: Bindings) -> Bool {
        guard let name = Self.referenceName(node),
            case let (value, s, _)? = boundValue(of: name, at: node, scope: scope, bindings: bindings)
        else { return false }
        return retrievalInput(value, scope: s) != nil
    }

    /// `fields`, values written in this module under `bindings`, marked as this module's for text of another
    /// module rendered with them; values that already name their module keep it, and no values stay none.
    func ownedFields(_ fields: FieldValues?, bindings: Bindings) -> FieldValues? {
        guard var owned = fields, owned.owner == nil else { return fields }
        owned.owner = self
        owned.ownerBindings = bindings
        return owned
    }

    /// The call `node` awaits in Python (`await build(…)`); nil for anything else (`not x`, `-x`, a plain call, a
    /// script's `await`, whose helpers stay reported at the send site they fold into).
    func awaitedValue(_ node: SourceNode) -> SourceNode? {
        guard module.language == .python, let operand = awaitedOperand(node), case .call = operand.kind else { return nil }
        return operand
    }

    /// The operand of `node` when it is an `await` expression, in either language (`await build(…)`, `await
    /// history`); nil for anything else (another prefix operator, an arrow function whose parameter starts with
    /// the word, `awaitTurn => …`).
    func awaitedOperand(_ node: SourceNode) -> SourceNode? {
        guard case .other(let inner) = node.kind, inner.count == 1 else { return nil }
        let written = text(of: node).utf8
        guard written.starts(with: "await".utf8), let after = written.dropFirst(5).first, !SourceBytes.isIdentifierPart(after)
        else { return nil }
        return inner[0]
    }

    /// The callee of a call as written, for messages.
    func callName(_ value: SourceNode) -> String {
        if case .call(let callee, _) = value.unwrapped.kind { return (callee.dottedPath ?? text(of: callee)) + "(…)" }
        return text(of: value)
    }
}
