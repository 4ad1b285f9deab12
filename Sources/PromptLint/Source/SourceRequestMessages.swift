/// Reading the message lists a request sends: list literals, names bound to lists, helpers that return one,
/// pushes and spreads, each item as a message with its role (split from `SourceRequests.swift`).
extension SourceAnalysis {
    /// The values of instructor's `context=` argument (a dict written in the call, or a name bound to one),
    /// which fill the messages' Jinja fields.
    func instructorContext(_ call: SourceNode, scope: Int) -> FieldValues? {
        guard let context = call.argument("context"), let entries = namedEntries(context, scope: scope) else { return nil }
        var values = FieldValues(scope: scope, template: true)
        values.jinja = true
        for (key, value) in entries { values.named[key] = value }
        return values
    }

    /// True when a list holds content blocks (`{ type: "text", text: … }`) rather than messages or data.
    static func holdsContentBlocks(_ items: [SourceNode]) -> Bool {
        items.contains { $0.entry("text") != nil || $0.entry("type") != nil }
    }

    /// The messages of a list: dicts with role/content, `(role, text)` tuples, message objects, spreads.
    /// Words of a function's name that say it only drops messages from a list it is given, to fit a budget
    /// (`trim_messages_to_fit`, `truncateHistory`, `limit_context_window`): the messages kept are the same ones.
    static let trimmingWords: Set<String> = ["trim", "trimmed", "truncate", "truncated", "fit", "prune", "limit", "cap", "budget", "shrink"]

    /// The name a call only trims, when it is given that list first and named for trimming it
    /// (`self.trim_messages_to_fit(messages, max_tokens)` gives `messages`); nil otherwise.
    static func trimmedList(_ node: SourceNode) -> String? {
        guard case .call(let callee, let args) = node.unwrapped.kind, let last = callee.lastName,
            !Set(NameTokens.split(last)).isDisjoint(with: trimmingWords),
            let first = args.first(where: { $0.label == nil && !$0.spread }), case .name(let name) = first.value.kind
        else { return nil }
        return name
    }

    /// The value `name` is bound to at `node`, looking through rebinding it to a trimmed copy of itself
    /// (`messages = self.trim_messages_to_fit(messages, max_tokens)`): the list as built before.
    func untrimmedList(_ name: String, at node: SourceNode, scope: Int) -> (node: SourceNode, scope: Int, bindings: Bindings)? {
        guard var found = boundValue(of: name, at: node, scope: scope) else { return nil }
        for _ in 0..<4 {
            guard Self.trimmedList(found.node) == name, case .call(_, let args) = found.node.unwrapped.kind,
                let first = args.first(where: { $0.label == nil && !$0.spread }),
                let earlier = boundValue(of: name, at: first.value, scope: found.scope)
            else { break }
            found = earlier
        }
        return found
    }

    /// What `scope` adds in place to the first message of the list `name` (`messages[0]["content"] += …`) or of
    /// a trimmed copy of it (`kept = trim_messages(messages, budget); kept[0]["content"] += summary`): the
    /// copy keeps the first message, so the text ends that message in what is sent.
    /// An addition made after the list was passed to a call (`create(messages=kept)` then `kept[0]["content"] += …`)
    /// is not in what that call sent, and is left out.
    func openingAdditions(to name: String, in scope: Int) -> [SourceNode] {
        scopes[scope].openingContentAdditions.flatMap { target, values -> [SourceNode] in
            let bound = scopes[scope].assignments[target] ?? []
            guard target == name || bound.last.flatMap(Self.trimmedList) == name else { return [] }
            return values.filter { value in
                guard let start = bound.last(where: { $0.range.upperBound <= value.range.lowerBound })?.range.upperBound else { return true }
                return !module.passesToCall(target, in: start..<value.range.lowerBound)
            }
        }.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    func messageList(_ node: SourceNode, scope: Int, template: Bool = false, depth: Int = 0) -> [SourceMessage] {
        guard depth < 8 else { return [] }
        // `messages.push(await this.buildFacts(text))`: the one message a helper of this file builds.
        if let built = returnedMessage(node, scope: scope, template: template, depth: depth) { return built }
        switch node.kind {
        case .list(let items, _):
            return items.flatMap { message($0, scope: scope, template: template, depth: depth + 1) }
        case .binary("+", let a, let b):
            return messageList(a, scope: scope, template: template, depth: depth + 1)
                + messageList(b, scope: scope, template: template, depth: depth + 1)
        case .name(let name):
            if case let (value, s, _)? = untrimmedList(name, at: node, scope: scope),
                !Self.isEmptyDefault(value, of: name, in: scopes[s])
            {
                consumed.insert(name)
                // A name bound to one message (`const now = { role: "system", content: … }`) is that message.
                func items(_ item: SourceNode) -> [SourceMessage] {
                    if case .list = item.kind, item.entry("role") == nil {
                        return messageList(item, scope: s, template: template, depth: depth + 1)
                    }
                    return message(item, scope: s, template: template, depth: depth + 1)
                }
                let inLoop = scopes[s].appendedInLoop.contains(name)
                // `context = [system]; context.append(status); context += recent`: what was appended before the
                // `+=` comes before what it adds (the `+=` is recorded as the list it extended `+` the addition).
                var placed: [SourceNode] = []
                var out: [SourceMessage]
                if !inLoop, case .binary("+", let left, let right) = value.kind,
                    scopes[s].assignments[name]?.contains(where: { $0.range == left.range }) == true
                {
                    placed = (scopes[s].appends[name] ?? []).filter {
                        $0.range.lowerBound >= left.range.upperBound && $0.range.lowerBound < right.range.lowerBound
                    }
                    out = messageList(left, scope: s, template: template, depth: depth + 1) + placed.flatMap(items)
                        + messageList(right, scope: s, template: template, depth: depth + 1)
                } else {
                    out = value.entry("role") != nil || Self.buildsMessage(value)
                        ? message(value, scope: s, template: template, depth: depth + 1)
                        : messageList(value, scope: s, template: template, depth: depth + 1)
                }
                // What the function appends after this send (`messages.append(response)` after
                // `model.invoke(messages)`, kept for the state it returns) is not in this request, unless one loop
                // holds both (a later pass sends it): not when the list is copied before that loop (`[system] +
                // history` made once, then a retry loop appending to `history`). A reference with an empty range
                // stands for the list with every append (`builtMessageLists`).
                let reached = (scopes[s].appends[name] ?? [])
                    .filter { a in
                        s != scope || node.range.isEmpty || a.range.lowerBound < node.range.lowerBound
                            || inLoop && module.sharesLoop(a.range.lowerBound, node.range.lowerBound)
                    }
                    .filter { a in !placed.contains { $0.range == a.range } }
                // `insert(1, holiday)` outside a loop puts its item at that position, not after the list.
                let inserted = (scopes[s].inserts[name] ?? []).filter { i in reached.contains { $0.range == i.item.range } }
                let appendedNodes = reached.filter { a in !inserted.contains { $0.item.range == a.range } }
                let appended = appendedNodes.flatMap(items)
                let asksNoNewQuestion = appendedNodes.allSatisfy { a in
                    !items(a).contains { $0.role == .user } || Self.carriesToolResults(text(of: a))
                }
                if inLoop, appended.contains(where: { $0.role == .assistant }),
                    Self.opensWithTheQuestionOnly(value, out)
                        || (Self.opensWithSystemThenTheQuestion(value, out) || Self.closesWithTheQuestion(value, out)) && asksNoNewQuestion
                {
                    // A tool loop over a list made afresh with the user's question alone (`messages =
                    // [{"role": "user", "content": q}]`), or with the system prompt or the stored conversation and
                    // then the question, whose appends are the model's replies and tool results (no new user turn):
                    // what the loop appends are this question's own rounds, always after it, so the question is the
                    // newest turn, not a prefix of older ones.
                } else if inLoop, s == scope, !node.range.isEmpty,
                    let opening = questionBeforeToolLoop(appendedNodes, send: node, items: items)
                {
                    // The question appended before the loop that sends the list (`messages.append(user)`, then
                    // `for _ in range(5):` posting it and appending the reply and tool results): the loop's appends
                    // are this question's own rounds, always after it, so the question is the newest turn.
                    out += opening
                } else if inLoop, appended.contains(where: { $0.role == .assistant }) {
                    // A chat loop: each pass appends the user's turn and the model's reply, so the list
                    // holds the conversation so far, whatever the turns written here look like. The system
                    // messages appended first (`out.append(system)` before the loop) still open it.
                    out += appended.prefix(while: { $0.role == .system })
                    let turns = TemplateSlot(
                        expression: name, variable: name, source: name, position: source.position(node.range.lowerBound),
                        provenance: SlotClass(volatility: .perRequest, kind: .history,
                                              reason: "`\(name)` gathers each turn of a loop that appends the model's replies: the conversation so far"))
                    out.append(SourceMessage(role: .unknown, segments: [.slot(turns)], position: turns.position))
                } else {
                    out += appended
                }
                // `unshift`/`insert(0, …)` put each item in front of what the list held.
                for item in scopes[s].prepends[name] ?? [] { out = items(item) + out }
                for (index, item) in inserted { out = Self.inserting(items(item), at: index, into: out) }
                // `messages[0]["content"] += f"Summary: {summary}"` before the send: that text ends the first message.
                let added = openingAdditions(to: name, in: s).filter {
                    s != scope || node.range.isEmpty || $0.range.lowerBound < node.range.lowerBound
                }
                if !out.isEmpty {
                    for value in added { out[0].segments += content(out[0].role, value, scope: s).flatMap(\.segments) }
                }
                return out
            }
            // A list the function received (`def reply(messages): messages.insert(0, system)`): the
            // caller's conversation, with what the function puts in front of it and after it.
            if case .parameter = lookup(name, scope: scope, before: node.range.lowerBound, bindings: Bindings()),
                let front = scopes[scope].prepends[name], !front.isEmpty
            {
                consumed.insert(name)
                var out = [conversation(node, scope: scope)]
                out += (scopes[scope].appends[name] ?? []).flatMap { message($0, scope: scope, template: template, depth: depth + 1) }
                for item in front { out = message(item, scope: scope, template: template, depth: depth + 1) + out }
                return out
            }
        case .member:
            if let stored = storedListWithFront(node, scope: scope, template: template, depth: depth) { return stored }
        case .conditional(let parts) where parts.count >= 2:
            // `memory.length > 0 ? [{ role: "user", … }] : []`: the messages of the branch that holds some
            // (the empty branch adds nothing to the request).
            let options = parts.dropLast()
            let branches = options.filter { if case .list(let items, _) = $0.kind { !items.isEmpty } else { false } }
            if branches.count == 1 { return messageList(branches[0], scope: scope, template: template, depth: depth + 1) }
            // `hasSystem ? [...history] : [{ role: "system", … }, ...history]`: the options are alternatives, each a
            // request the code can send; the one that holds a system message is the one whose prefix can break.
            for option in options {
                let messages = messageList(option, scope: scope, template: template, depth: depth + 1)
                if messages.contains(where: { $0.role == .system }) { return messages }
            }
        case .index(let base, let keys) where keys.count == 1:
            // `messages, n = self.assemble(…)`: the element the name takes of the tuple a helper of this file
            // returns (`return messages, len(messages)`), read as that list with what the call passes.
            if let k = Self.pickedElement(keys[0]), case .call(let callee, _) = base.kind,
                let function = functionScope(named: callee.dottedPath ?? ""),
                let returned = scopes[function].returns.last, let element = tupleElement(returned, k),
                case .name = element.kind
            {
                if let name = scopes[function].name { consumed.insert(name) }
                let messages = messageList(element, scope: function, template: template, depth: depth + 1)
                return passingArguments(messages, of: function, in: self, call: base, scope: scope) ?? messages
            }
        case .other(let inner) where inner.count == 1 && isSpread(node):
            // `*FEW_SHOT`, `...history`: the spread list's own messages.
            return messageList(inner[0], scope: scope, template: template, depth: depth + 1)
        case .other where awaitedOperand(node) != nil:
            // `messages = await self.build_messages(…)`: the list the awaited helper returns, as without `await`.
            return messageList(node.unwrapped, scope: scope, template: template, depth: depth + 1)
        case .call(let callee, _):
            // `list(merge_message_runs(messages=[system] + history))`: the same messages in the same order.
            if let inner = Self.passedThrough(node) {
                return messageList(inner, scope: scope, template: template, depth: depth + 1)
            }
            // `def build(…): out = []; out.append(system); out.extend(history); return out`: the list the
            // helper builds with appends, extends and inserts, as it stands at the return.
            if let function = functionScope(named: callee.dottedPath ?? ""), let returned = builtListReturn(of: function) {
                if let name = scopes[function].name { consumed.insert(name) }
                let messages = messageList(returned, scope: function, template: template, depth: depth + 1)
                return passingArguments(messages, of: function, in: self, call: node, scope: scope) ?? messages
            }
            // `def prepare(history, system_prompt): return [{"role": "system", "content": system_prompt}] + history`:
            // the system text and the conversation the call passes (`SourceHelperParameters`).
            if let function = functionScope(named: callee.dottedPath ?? ""), let returned = scopes[function].returns.last,
                case .binary("+", _, _) = returned.kind, SourceReader.leadingList(returned) != nil,
                case let messages = messageList(returned, scope: function, template: template, depth: depth + 1),
                let passed = passingArguments(messages, of: function, in: self, call: node, scope: scope)
            {
                if let name = scopes[function].name { consumed.insert(name) }
                return passed
            }
            // A guard's `return []` (`if (!Array.isArray(history)) return [];`) is the fallback for bad input, not
            // the messages: a helper whose only list is that one reads as the call itself (the conversation it passes).
            if let function = functionScope(named: callee.dottedPath ?? ""),
                let list = scopes[function].returns.last(where: Self.isNonEmptyList)
            {
                if let name = scopes[function].name { consumed.insert(name) }
                var messages = messageList(list, scope: function, template: template, depth: depth + 1)
                messages = passingArguments(messages, of: function, in: self, call: node, scope: scope) ?? messages
                // `history = store.load(…); history.append(question); return history` with a fallback
                // `return [{"role": "user", …}]` (an `except` branch): the question alone is the fallback;
                // the stored list the function returns otherwise is what the request usually sends.
                if Self.opensWithTheQuestionOnly(list, messages),
                    let stored = scopes[function].returns.first(where: { if case .name(let n) = $0.kind { !n.contains(".") } else { false } }),
                    case let other = messageList(stored, scope: function, template: template, depth: depth + 1),
                    other.contains(where: { m in m.segments.contains { if case .slot(let s) = $0 { s.provenance?.kind == .history } else { false } } })
                {
                    return other
                }
                return messages
            }
            if let built = foreignMessages(node, scope: scope) { return built }
        default:
            break
        }
        return [conversation(node, scope: scope)]
    }

    /// Element `k` of the tuple a `return` gives: of `(a, b)`, or of `return a, b` (recorded as `a`, the tuple's
    /// first element, followed by a comma in the source); nil for anything else.
    func tupleElement(_ returned: SourceNode, _ k: Int) -> SourceNode? {
        if case .list(let items, false) = returned.unwrapped.kind, items.count > 1 { return k < items.count ? items[k] : nil }
        let after = source.string(returned.range.upperBound..<returned.range.upperBound + 8)
        return k == 0 && after.drop(while: { $0 == " " || $0 == "\t" }).first == "," ? returned : nil
    }

    /// `messages` with `items` put at list position `index` (`messages.insert(1, holiday)`): there when each
    /// message before that position is one message of the list; after the list when one of them stands for
    /// a conversation of any length (its items, not its messages, are what the index counts).
    static func inserting(_ items: [SourceMessage], at index: Int, into messages: [SourceMessage]) -> [SourceMessage] {
        guard index <= messages.count, messages.prefix(index).allSatisfy({ $0.role != .unknown }) else { return messages + items }
        var out = messages
        out.insert(contentsOf: items, at: index)
        return out
    }

    /// The messages of `request.messages = [SystemMessage(content=block), *request.messages]`: a list written
    /// back to the attribute it spreads (a model-call hook of an agent framework putting a message in front of
    /// the conversation the request carries), that message first and then the conversation so far; nil for a
    /// list that does not spread the attribute it is assigned to, or puts nothing before it.
    func prependedToOwnConversation(_ name: String, value: SourceNode, scope: Int) -> [SourceMessage]? {
        guard name.contains("."), case .list(let items, false) = value.kind,
            let spread = items.firstIndex(where: { item in
                guard case .other(let inner) = item.kind, inner.count == 1, isSpread(item) else { return false }
                return inner[0].dottedPath == name
            }), spread > 0
        else { return nil }
        var out = items[..<spread].flatMap { message($0, scope: scope, template: false, depth: 1) }
        guard out.contains(where: { $0.role == .system }) else { return nil }
        if case .other(let inner) = items[spread].kind { out.append(conversation(inner[0], scope: scope)) }
        out += items[(spread + 1)...].flatMap { message($0, scope: scope, template: false, depth: 1) }
        return out
    }

    /// The list a call hands back unchanged in order: `list(x)`, LangChain's `merge_message_runs(x)` (which
    /// only joins neighbouring messages of one role), or a list literal filtered of its empty items
    /// (`[system, ...history, question].filter(Boolean)`, JavaScript's way to drop an optional message);
    /// nil for any other call.
    static func passedThrough(_ node: SourceNode) -> SourceNode? {
        if let list = filteredList(node) { return list }
        guard case .call(let callee, let args) = node.kind, args.count == 1, let name = callee.dottedPath else { return nil }
        let value = args[0].value
        if name == "list", args[0].label == nil { return value }
        if name == "merge_message_runs" || name.hasSuffix(".merge_message_runs"), args[0].label == nil || args[0].label == "messages" {
            return value
        }
        return nil
    }

    /// The list literal of `[system, ...history, question].filter(Boolean)` (any one-argument `filter`), which
    /// keeps the items it does not drop in their order; nil for anything else.
    static func filteredList(_ node: SourceNode) -> SourceNode? {
        guard case .call(let callee, let args) = node.kind, args.count == 1, case .member(let receiver, "filter") = callee.kind,
            case .list(let items, false) = receiver.kind, !items.isEmpty
        else { return nil }
        return receiver
    }

    /// True for a list literal with at least one item: what a helper returns as its messages (`return []`
    /// is a guard's fallback).
    static func isNonEmptyList(_ node: SourceNode) -> Bool {
        guard case .list(let items, _) = node.kind else { return false }
        return !items.isEmpty
    }

    /// The name a function returns last when it names a list the function itself made (`out = []`) and then
    /// filled with `append`/`extend`/`insert` calls before that return; nil otherwise.
    func builtListReturn(of function: Int) -> SourceNode? {
        guard let returned = scopes[function].returns.last, case .name(let name) = returned.kind, !name.contains("."),
            let value = scopes[function].assignments[name]?.last(where: { $0.range.upperBound <= returned.range.lowerBound }),
            case .list(_, false) = value.kind
        else { return nil }
        let filled = (scopes[function].appends[name] ?? []) + (scopes[function].prepends[name] ?? [])
        guard filled.contains(where: { $0.range.lowerBound > value.range.upperBound && $0.range.lowerBound < returned.range.lowerBound })
        else { return nil }
        return returned
    }

    /// The messages appended before the loop that sends the list (at `send`), when they end with a user turn and
    /// the loop appends only the model's replies and tool results (a tool message or a user turn carrying tool
    /// results, no other user turn): a tool loop over this request's question. Nil otherwise (a chat loop appends
    /// each new question inside the loop; a retry loop appending only replies keeps them before a later pass's
    /// send; a list built wholly in the loop has nothing before it).
    func questionBeforeToolLoop(_ appends: [SourceNode], send: SourceNode,
                                items: (SourceNode) -> [SourceMessage]) -> [SourceMessage]? {
        let inLoop = appends.filter { module.sharesLoop($0.range.lowerBound, send.range.lowerBound) }
        let before = appends.filter { a in a.range.upperBound <= send.range.lowerBound && !inLoop.contains { $0.range == a.range } }
        guard !inLoop.isEmpty, before.count + inLoop.count == appends.count else { return nil }
        let opening = before.flatMap(items)
        guard opening.last?.role == .user else { return nil }
        var replies = false
        for append in inLoop {
            let messages = items(append)
            let toolResults = Self.carriesToolResults(text(of: append))
            if messages.contains(where: { $0.role == .user }) && !toolResults { return nil }
            replies = replies || messages.contains { $0.role == .tool } || toolResults
        }
        return replies ? opening : nil
    }

    /// True when `value` is a list literal whose messages (`messages`, as read) are user turns only: a list
    /// made afresh for one question, which a loop then extends with that question's own rounds.
    static func opensWithTheQuestionOnly(_ value: SourceNode, _ messages: [SourceMessage]) -> Bool {
        guard case .list(let items, _) = value.kind, !items.isEmpty, !messages.isEmpty else { return false }
        return messages.allSatisfy { $0.role == .user }
    }

    /// True when `value` is a list literal whose messages (`messages`, as read) are system messages and then user
    /// turns only (`[{ role: "system", … }, { role: "user", content: question }]`): a list made afresh for one
    /// question; a tool loop then extends it with that question's own rounds.
    static func opensWithSystemThenTheQuestion(_ value: SourceNode, _ messages: [SourceMessage]) -> Bool {
        guard case .list(let items, _) = value.kind, !items.isEmpty else { return false }
        let rest = messages.drop { $0.role == .system }
        return rest.count < messages.count && !rest.isEmpty && rest.allSatisfy { $0.role == .user }
    }

    /// True when `value` is a list literal whose messages (`messages`, as read) are system messages, then the
    /// stored conversation, then user turns only (`[...conversa.history, { role: "user", content: question }]`): this
    /// request's question after the conversation so far; a tool loop then extends it with that question's own rounds.
    static func closesWithTheQuestion(_ value: SourceNode, _ messages: [SourceMessage]) -> Bool {
        guard case .list(let items, _) = value.kind, !items.isEmpty else { return false }
        let rest = messages.drop { $0.role == .system }
        guard let first = rest.first, first.role == .unknown, first.segments.count == 1,
            case .slot(let stored) = first.segments[0], stored.provenance?.kind == .history
        else { return false }
        let question = rest.dropFirst()
        return !question.isEmpty && question.allSatisfy { $0.role == .user }
    }

    /// True for an appended message that carries tool results in a user turn (Anthropic's `tool_result` blocks,
    /// Gemini's `functionResponse` parts): a round of the tool loop, not a new question.
    static func carriesToolResults(_ text: String) -> Bool {
        ["tool_result", "toolResult", "functionResponse", "function_response"].contains { text.contains($0) }
    }

    /// True when `value` is the empty-list default of the parameter `name` (`context: Context = []`): the
    /// messages a caller passes, the conversation so far, not the nothing the default stands for.
    static func isEmptyDefault(_ value: SourceNode, of name: String, in scope: SourceModule.Scope) -> Bool {
        guard scope.parameters.contains(name), scope.defaults[name]?.range == value.range, case .list(let items, _) = value.kind else { return false }
        return items.isEmpty
    }

    /// True for a list literal, or a `+` of lists, or a name bound to one of these: what a chat model's
    /// `invoke` takes as messages (a name bound to a string is a single prompt, not a list).
    func holdsMessageList(_ node: SourceNode, scope: Int) -> Bool {
        holdsList(node, scope: scope) { _, _, _ in true }
    }

    /// True for what a Gemini request's `contents` holds when it is the conversation: a message list, or stored
    /// turns re-shaped to Gemini's fields (`history.map((m) => ({ role: m.role, parts: [{ text: m.text }] }))`),
    /// written there or bound to a name. A text or a name bound to one is a single prompt, not turns.
    func holdsConversation(_ node: SourceNode, scope: Int) -> Bool {
        if holdsMessageList(node, scope: scope) || reshapesStoredTurns(node) { return true }
        guard case .name(let name) = node.kind, let bound = boundValue(of: name, at: node, scope: scope) else { return false }
        return reshapesStoredTurns(bound.node)
    }

    /// True for a name or attribute named for the conversation (`conversationHistory`, `this.history`) that is not
    /// text built in this file: the turns a request sends whole, kept elsewhere.
    func namesConversation(_ node: SourceNode, scope: Int) -> Bool {
        guard let path = node.dottedPath, SlotClassifier().nameClass(of: path)?.kind == .history else { return false }
        guard case .name(let name) = node.kind, let bound = boundValue(of: name, at: node, scope: scope) else { return true }
        return !isTextual(bound.node)
    }

    /// True for a list literal that `accepts` (its items, scope and depth), or a `+` of lists, or a name bound to
    /// one of these, followed up to six levels.
    func holdsList(_ node: SourceNode, scope: Int, depth: Int = 0,
                   accepts: ([SourceNode], Int, Int) -> Bool) -> Bool {
        guard depth < 6 else { return false }
        switch node.kind {
        case .list(let items, _): return accepts(items, scope, depth)
        case .call(let callee, _):
            if let list = Self.filteredList(node) { return holdsList(list, scope: scope, depth: depth + 1, accepts: accepts) }
            // `messages = self._build_messages(data)` then `llm.invoke(messages)`: a helper of this file that
            // makes a list, appends messages to it and returns it.
            guard let function = functionScope(named: callee.dottedPath ?? ""), let returned = builtListReturn(of: function),
                case .name(let name) = returned.kind
            else { return false }
            let filled = (scopes[function].appends[name] ?? []) + (scopes[function].prepends[name] ?? [])
            return filled.contains { Self.buildsMessage($0) || $0.entry("role") != nil }
        case .binary("+", let a, let b):
            return holdsList(a, scope: scope, depth: depth + 1, accepts: accepts)
                || holdsList(b, scope: scope, depth: depth + 1, accepts: accepts)
        case .conditional(let parts) where parts.count >= 2:
            // `ready ? [system, ...history] : [...history]`: a list on the requests that take either option.
            return parts.dropLast().contains { holdsList($0, scope: scope, depth: depth + 1, accepts: accepts) }
        case .name(let name):
            guard let bound = boundValue(of: name, at: node, scope: scope) else { return false }
            return holdsList(bound.node, scope: bound.scope, depth: depth + 1, accepts: accepts)
        default: return false
        }
    }

    /// True for a call that builds one message (`SystemMessage(content=…)`, `HumanMessagePromptTemplate(…)`).
    static func buildsMessage(_ node: SourceNode) -> Bool {
        guard case .call(let callee, _) = node.kind, let name = callee.lastName.map(withoutNew) else { return false }
        return ["SystemMessage", "HumanMessage", "AIMessage", "ChatMessage", "SystemMessagePromptTemplate",
                "HumanMessagePromptTemplate", "AIMessagePromptTemplate"].contains(name)
    }

    /// A constructor's class name without the `new ` the script parser keeps in it (`new SystemMessage` → `SystemMessage`).
    static func withoutNew(_ name: String) -> String {
        name.hasPrefix("new ") ? String(name.dropFirst(4)) : name
    }

    /// `*x`, `...x` (a unary prefix node whose text starts with the spread operator).
    func isSpread(_ node: SourceNode) -> Bool {
        let t = text(of: node)
        return t.hasPrefix("...") || (t.hasPrefix("*") && !t.hasPrefix("**"))
    }

    /// Messages this file does not build (a parameter, an attribute, a call's result): the conversation
    /// so far, unless data flow says more about them.
    func conversation(_ node: SourceNode, scope: Int) -> SourceMessage {
        var segment = slot(node, scope: scope, bindings: Bindings())
        if case .slot(var s) = segment, s.provenance == nil || s.provenance?.volatility == .constant || s.provenance?.kind == .value
            || reshapesStoredTurns(node) && [.time, .identifier].contains(s.provenance?.kind)
        {
            s.provenance = SlotClass(volatility: .perRequest, kind: .history, reason: "messages built elsewhere: the conversation so far")
            segment = .slot(s)
        }
        return SourceMessage(role: .unknown, segments: [segment], position: source.position(node.range.lowerBound))
    }

    /// True for `turns.map((m) => ({ role: m.role, content: m.content }))`: stored messages re-shaped to the
    /// provider's fields by a callback that reads no clock or random source itself. A clock or id the data
    /// flow finds in the list is a field of each stored message (its `timestamp` or `id`, set once when the
    /// message was made), not a value read for this request.
    func reshapesStoredTurns(_ node: SourceNode) -> Bool {
        guard case .call(let callee, let args) = node.unwrapped.kind, case .member(_, "map") = callee.kind, args.count == 1,
            isFunctionExpression(args[0].value), text(of: args[0].value).contains("role")
        else { return false }
        var work = [args[0].value]
        while let next = work.popLast() {
            if case .call(let c, let a) = next.kind, let path = c.dottedPath,
                VolatileSources.source(callee: path, hasArguments: !a.isEmpty) != nil
            {
                return false
            }
            work += next.children
        }
        return true
    }

    func message(_ item: SourceNode, scope: Int, template: Bool, depth: Int) -> [SourceMessage] {
        switch item.kind {
        case .dict:
            let role = roleName(item.entry("role")).flatMap(RoleNames.role) ?? .unknown
            guard let content = item.entry("content") ?? item.entry("parts") ?? item.entry("text") else { return [] }
            // `{"role": m["role"], "content": m["content"]}`: a replayed turn of the conversation.
            if let r = item.entry("role"), r.plainString == nil, r.lastName.flatMap(RoleNames.role) == nil {
                return [conversation(content, scope: scope)]
            }
            var out = self.content(role, content, scope: scope, template: template)
            if role == .system { out = out.map { contextPerItem($0, scope: scope, before: content.range.upperBound) } }
            if SourceCacheMarkers.marks(item), !out.isEmpty { out[out.count - 1].cacheBreakpoint = true }
            return out
        case .list(let pair, _) where pair.count == 2:
            let role = roleName(pair[0]).flatMap(RoleNames.role) ?? .unknown
            return content(role, pair[1], scope: scope, template: true)
        case .call(let callee, let args):
            // `new SystemMessage(text)` (LangChain JS) is the message class itself, built with `new`.
            let name = Self.withoutNew(callee.lastName ?? "")
            // LangChain JS's fields object: `new SystemMessage({ content: text })`.
            if Self.buildsMessage(item), args.count == 1, args[0].label == nil, let content = args[0].value.entry("content"),
                let role = RoleNames.role(name)
            {
                return self.content(role, content, scope: scope, template: template)
            }
            // A message factory given the message's fields: `createMessage({ role: "system", content })`.
            if args.count == 1, args[0].label == nil, case .dict = args[0].value.kind, args[0].value.entry("role") != nil {
                return message(args[0].value, scope: scope, template: template, depth: depth)
            }
            // A typed message given its fields as keywords: `ChatCompletionSystemMessageParam(role="system", content=…)`.
            if args.contains(where: { $0.label == "role" }), args.contains(where: { $0.label == "content" }) {
                let entries = args.compactMap { a in a.label.map { SourceEntry(keyName: $0, key: nil, value: a.value) } }
                return message(SourceNode(kind: .dict(entries), range: item.range), scope: scope, template: template, depth: depth)
            }
            // A message object turned into its dict (`SystemMessage(content=…).model_dump()`): the same message.
            if args.isEmpty, case .member(let built, let method) = callee.kind,
                ["model_dump", "dict", "to_dict", "toJSON"].contains(method), Self.buildsMessage(built)
            {
                return message(built, scope: scope, template: template, depth: depth)
            }
            if name == "MessagesPlaceholder" || name == "ChatMessageHistory" {
                let variable = item.argument("variable_name", position: 0)?.plainString ?? "history"
                let s = TemplateSlot(expression: variable, variable: variable, source: text(of: item),
                                     position: source.position(item.range.lowerBound))
                return [SourceMessage(role: .unknown, segments: [.slot(s)], position: s.position)]
            }
            var role = RoleNames.role(name.replacingOccurrences(of: "PromptTemplate", with: "")) ?? RoleNames.role(name)
            if name == "ChatMessage" { role = roleName(item.argument("role")).flatMap(RoleNames.role) }
            if let role, let content = item.argument("content", position: name == "ChatMessage" ? 1 : 0)
                ?? item.argument("template", position: 0)
            {
                return self.content(role, content, scope: scope, template: template || name.hasSuffix("PromptTemplate"))
            }
            if name.hasSuffix("from_template"), case .member(let owner, _) = callee.kind, let content = item.argument("template", position: 0) {
                let r = RoleNames.role((owner.lastName ?? "").replacingOccurrences(of: "PromptTemplate", with: "")) ?? .unknown
                return self.content(r, content, scope: scope, template: true)
            }
        default:
            break
        }
        return messageList(item, scope: scope, template: template, depth: depth + 1)
    }

    /// `message` with each slot read as a turn of the conversation only for being an item of a collection named so
    /// (`for link in link_messages: messages.append({"role": "system", "content": link})`) read as context this
    /// request adds: a system message is written by the code, not a turn of the conversation (those are the user's
    /// and the model's), whatever the collection is called.
    func contextPerItem(_ message: SourceMessage, scope: Int, before offset: Int) -> SourceMessage {
        message.reclassifyingSlots { slot in
            guard var named = slot.provenance, named.kind == .history, named.evidence == .name,
                let root = (slot.variable ?? slot.expression).split(separator: ".").first.map(String.init),
                itemCollection(root, scope: scope, before: offset) != nil
            else { return nil }
            named.kind = .documents
            named.reason = "`\(root)` is an item written into a system message per item: context this request adds, not a turn"
            return named
        }
    }

    /// `"system"`, `MessageRole.SYSTEM`, `Role.user` → the role's name.
    private func roleName(_ node: SourceNode?) -> String? {
        guard let node else { return nil }
        if let s = node.plainString { return s }
        return node.lastName?.lowercased()
    }
}

extension SourceAnalysis {
    /// The stored history a Gemini chat session of this module starts from (`model.startChat({ history })`,
    /// `model.start_chat(history=…)`): each message of the session resends the model's system instruction,
    /// then that history, then the new message. A parameter left at its empty default by every caller
    /// (`SourceEmptyDefaults`) is no history: the session starts empty on every request.
    func chatSessionHistory() -> (node: SourceNode, scope: Int)? {
        for name in ["startChat", "start_chat"] {
            for site in module.otherCalls[name] ?? [] {
                guard let call = module.parsedCall(at: site.token), case .call(_, let args) = call.kind else { continue }
                if let history = call.argument("history") ?? args.first?.value.entry("history"),
                    !isEmptyUnfilledDefault(history, scope: site.scope)
                {
                    return (history, site.scope)
                }
            }
        }
        return nil
    }
}

