/// Message lists a file builds and hands to code the readers do not know (its own client wrapper,
/// `self.process_chat_completion(messages)`), found by their shape rather than by the call that sends
/// them: a list variable extended with `append`/`push` that holds a system message with text, and a
/// function named as a prompt (`getSystemMessage`) that returns a list of messages.
extension SourceReader {
    /// The list `name` is built as: its last assignment, or, when that only passes the list through a call
    /// that trims it (`messages = self.trim_messages_to_fit(messages, max_tokens)`), the assignment
    /// before it (the messages are the same, fewer of the oldest perhaps).
    static func builtValue(_ name: String, _ assignments: [SourceNode]) -> SourceNode? {
        var values = assignments
        while let last = values.last, values.count > 1, SourceAnalysis.trimmedList(last) == name { values.removeLast() }
        return values.last
    }

    /// The requests these lists make, for lists no request of the file already read (none in the scopes `skipping`).
    static func builtMessageLists(_ analysis: SourceAnalysis, skipping: Set<Int> = []) -> [[SourceMessage]] {
        var out: [[SourceMessage]] = []
        let readByRequests = analysis.consumed
        for (index, scope) in analysis.scopes.enumerated() where !skipping.contains(index) {
            let readBefore = analysis.consumed
            // A function whose lists a caller's list read in this pass (`messages = self.build()`).
            let readByCaller = scope.name.map { analysis.consumed.contains($0) && !readByRequests.contains($0) } == true
            // Lists extended with `append`/`push`, and list literals written as messages
            // (`const output = [{ role: "system", content: … }, ...messages]`, returned to the caller).
            // A list joined with `+`, passed through `list(…)` or opening with `SystemMessage(…)` counts only when the
            // function does not return it (`messages = [system] + history; return messages` is read where the
            // caller sends it, and a rendered template file keeps its own finding).
            let returned = Set(scope.returns.map(returnedName))
            // TypeScript/JavaScript: an item may be a message object bound to a name first (`const systemMessage:
            // Message = { role: "system", … }`), the way typed code writes one.
            let named = analysis.module.language == .script ? scope : nil
            let literals = scope.assignments.compactMap { name, values in
                values.last.map { holdsMessageLiterals($0, joined: !returned.contains(name), in: named) } == true ? name : nil
            }
            let names = Set(scope.appends.keys).union(scope.prepends.keys).union(literals)
            for name in names.sorted() where !name.contains(".")
                && !alreadyRead(name, byRequests: readByRequests, before: readBefore, byCaller: readByCaller, analysis)
            {
                // A list the function received or filtered (`history = [m for m in history if …]`) with a
                // message put in front of it: the caller's conversation after that message.
                if let front = scope.prepends[name]?.last, receivedList(name, in: scope, before: front.range.lowerBound) {
                    let reference = SourceNode(kind: .name(name), range: front.range.upperBound..<front.range.upperBound)
                    let messages = analysis.messageList(reference, scope: index)
                    if messages.contains(where: { $0.role == .system }) { out.append(messages) }
                    continue
                }
                // The list as it stands after its last assignment in this scope, with every append: a list
                // literal, or one joined with `+` to other lists (`payload = [system] + stored_turns`).
                guard let value = builtValue(name, scope.assignments[name] ?? []),
                    let list = returned.contains(name) ? value : leadingList(value), case .list(_, false) = list.kind
                else { continue }
                // A list built in the function's body and replaced only in a branch (`if event: messages = […]`):
                // the path that skips the branch sends the list as first built, with its appends.
                for built in [branchShadowedList(name, in: scope, analysis), value].compactMap({ $0 }) {
                    let reference = SourceNode(kind: .name(name), range: built.range.upperBound..<built.range.upperBound)
                    let messages = analysis.messageList(reference, scope: index)
                    // A returned list counts with a system message written in it, or appended to it as a literal
                    // (`messages = []; messages.append({"role": "system", "content": system_prompt});
                    // messages.extend(history); return messages`), unless a caller here already read the function.
                    let written = holdsMessageLiterals(built, joined: !returned.contains(name), in: named)
                        || returned.contains(name) && appendsSystemLiteral(name, in: scope)
                            && !(scope.name.map(analysis.consumed.contains) ?? false)
                    if holdsSystemText(messages) || written && systemBeforeConversation(messages) {
                        out.append(messages)
                    }
                }
            }
            // `request.messages = [SystemMessage(content=block), *request.messages]`: a message put in front of the
            // conversation a request object carries, written back to it for the framework to send.
            for (name, values) in scope.assignments.sorted(by: { $0.key < $1.key }) where name.contains(".") {
                guard !analysis.consumed.contains(name), let value = values.last,
                    let messages = analysis.prependedToOwnConversation(name, value: value, scope: index)
                else { continue }
                analysis.consumed.insert(name)
                out.append(messages)
            }
            guard let name = scope.name, !analysis.consumed.contains(name) else { continue }
            for returned in scope.returns {
                // `messages_list = [system] + history; return messages_list`: the list the local name holds.
                let value = names.contains(returnedName(returned)) ? returned : localList(returned, scope: index, analysis)
                // Any function may return a list literal of messages; other shapes only count in prompt functions.
                // A returned list joined with `+` (`return [{"role": "system", …}] + history`) is read here too, but
                // counts below only with system text of its own (a rendered template file keeps its own finding).
                guard isPromptName(name) || holdsMessageLiterals(value) else { continue }
                // A list literal, or lists joined with `+` (`[system, context] + history + [question]`).
                switch value.kind {
                case .list(let items, false) where !items.isEmpty: break
                case .binary("+", _, _) where analysis.holdsMessageList(value, scope: index): break
                default: continue
                }
                let messages = analysis.messageList(value, scope: index)
                if holdsSystemText(messages) || holdsMessageLiterals(value, joined: false) && systemBeforeConversation(messages) {
                    analysis.consumed.insert(name)
                    out.append(messages)
                }
            }
        }
        return out
    }

    /// True when the local list `name` was already read: by a request of the file, by another list of its own
    /// function, or by a caller's list of this pass. A list of the same name that another function's list read (a
    /// helper's `messages` of fetched chat events) is a different list.
    static func alreadyRead(_ name: String, byRequests: Set<String>, before: Set<String>, byCaller: Bool,
                            _ analysis: SourceAnalysis) -> Bool
    {
        byRequests.contains(name) || analysis.consumed.contains(name) && (byCaller || !before.contains(name))
    }

    /// True when the list `name` holds in `scope` at `offset` is one the function did not write: a parameter
    /// it has not assigned yet, a comprehension over another list (a filtered copy of the conversation), or a
    /// copy or a conversation entry of what it received (`receivedCopy`).
    static func receivedList(_ name: String, in scope: SourceModule.Scope, before offset: Int, depth: Int = 0) -> Bool {
        guard let value = scope.assignments[name]?.last(where: { $0.range.upperBound <= offset }) else {
            return scope.parameters.contains(name)
        }
        if case .comprehension = value.kind { return true }
        guard depth < 4, let source = receivedCopy(value), case .name(let origin) = source.kind else { return false }
        return receivedList(origin, in: scope, before: value.range.lowerBound, depth: depth + 1)
    }

    /// The list `value` copies or reads its conversation from: `messages.copy()`, `list(messages)`,
    /// `copy.deepcopy(messages)`, or the conversation entry of a state the function was given
    /// (`state["messages"]`, `state.get("messages", [])`, named for the conversation); nil for anything else.
    static func receivedCopy(_ value: SourceNode) -> SourceNode? {
        func namesConversation(_ key: SourceNode?) -> Bool {
            guard let key = key?.plainString else { return false }
            return SlotClassifier().nameClass(of: key)?.kind == .history
        }
        switch value.kind {
        case .call(let callee, let args):
            if case .member(let receiver, let method) = callee.kind {
                if method == "copy", args.isEmpty { return receiver }
                if method == "get", namesConversation(args.first?.value) { return receiver }
                if ["copy", "deepcopy"].contains(method), receiver.dottedPath == "copy", args.count == 1 { return args[0].value }
            } else if case .name(let function) = callee.kind, ["list", "copy", "deepcopy"].contains(function), args.count == 1 {
                return args[0].value
            }
        case .index(let base, let keys) where keys.count == 1 && namesConversation(keys[0]):
            return base
        default:
            break
        }
        return nil
    }

    /// The name a return gives back, or "" (lists read above by their name are not read again).
    private static func returnedName(_ node: SourceNode) -> String {
        if case .name(let name) = node.kind { return name }
        return ""
    }

    /// The value a returned local name was last assigned in the function itself before the return, when
    /// that is a list literal or lists joined with `+`; otherwise the returned node as it is.
    private static func localList(_ returned: SourceNode, scope: Int, _ analysis: SourceAnalysis) -> SourceNode {
        guard case .name(let name) = returned.kind, !name.contains("."),
            let value = analysis.scopes[scope].assignments[name]?.last(where: { $0.range.upperBound <= returned.range.lowerBound })
        else { return returned }
        switch value.kind {
        case .list(_, false), .binary("+", _, _): return value
        default: return returned
        }
    }

    /// The list literal a value starts with: the value itself, or the first operand of lists joined with `+`
    /// (`[{"role": "system", …}] + history`); nil for any other value.
    static func leadingList(_ node: SourceNode, depth: Int = 0) -> SourceNode? {
        switch node.kind {
        case .list(_, false): return node
        case .binary("+", let first, _) where depth < 8: return leadingList(first, depth: depth + 1)
        case .call where depth < 8:
            // `list(merge_message_runs(messages=[system] + history))`: the list it is given.
            return SourceAnalysis.passedThrough(node).flatMap { leadingList($0, depth: depth + 1) }
        case .conditional(let parts) where parts.count >= 2 && depth < 8:
            // `hasSystem ? [...history] : [{ role: "system", … }, ...history]`: the options are alternatives; the
            // one that writes a system message (else the first that starts with a list) is the request to judge.
            let lists = parts.dropLast().compactMap { leadingList($0, depth: depth + 1) }
            return lists.first(where: holdsSystemLiteral) ?? lists.first
        default: return nil
        }
    }

    /// True for a list literal holding a message of the system role written in it (`{ role: "system", … }`).
    static func holdsSystemLiteral(_ list: SourceNode) -> Bool {
        guard case .list(let items, _) = list.kind else { return false }
        return items.contains { $0.entry("role")?.plainString.flatMap(RoleNames.role) == .system }
    }

    /// True for a list literal with an item written as a message (`{ role: "system", content: … }`); when `joined`
    /// (a list the function does not return), also lists joined with `+` that open with one, and
    /// `SystemMessage(…)` objects. Given the list's `scope`, an item may be a name the scope bound to such a
    /// message before the list (`const systemMessage: Message = { role: "system", … }; [systemMessage, ...turns]`).
    private static func holdsMessageLiterals(_ node: SourceNode, joined: Bool = true, in scope: SourceModule.Scope? = nil) -> Bool {
        guard let list = joined ? leadingList(node) : node, case .list(let items, false) = list.kind else { return false }
        return items.contains { written in
            var item = written
            if let scope, case .name(let name) = written.kind,
                let bound = scope.assignments[name]?.last(where: { $0.range.upperBound <= written.range.lowerBound }),
                case .dict = bound.kind
            {
                item = bound
            }
            // `SystemMessage(content=instruction)`: a system message object, written as one.
            if joined, case .call(let callee, _) = item.kind, callee.lastName == "SystemMessage" { return true }
            guard let role = item.entry("role")?.plainString else { return false }
            return RoleNames.role(role) == .system && item.entry("content") != nil
        }
    }

    /// True when `scope` appends to the list `name` a message literal of the system role (`{"role": "system", …}`).
    private static func appendsSystemLiteral(_ name: String, in scope: SourceModule.Scope) -> Bool {
        (scope.appends[name] ?? []).contains { item in
            guard let role = item.entry("role")?.plainString else { return false }
            return RoleNames.role(role) == .system && item.entry("content") != nil
        }
    }

    /// True when a system message comes before the conversation (a value of the history kind) in the
    /// messages: with a list literal that writes the system message (`[{ role: "system", content:
    /// systemPrompt }, …, ...history]`), the shape of a request whatever the system text is (a parameter,
    /// another function's result), and what sits between the two is read like any prompt.
    private static func systemBeforeConversation(_ messages: [SourceMessage]) -> Bool {
        guard let system = messages.firstIndex(where: { $0.role == .system }) else { return false }
        return messages[(system + 1)...].contains { message in
            message.segments.contains { if case .slot(let s) = $0 { s.provenance?.kind == .history } else { false } }
        }
    }

    /// True when the messages include system messages whose text adds up to a prompt (40 bytes or more), or
    /// one whose text a prompt function returns (`get_system_prompt()`, from another module), which a list of
    /// data or of user turns alone never does.
    private static func holdsSystemText(_ messages: [SourceMessage]) -> Bool {
        let bytes = messages.filter { $0.role == .system }.reduce(0) { sum, m in
            sum + m.segments.reduce(0) { n, s in if case .text(let t, _) = s { return n + t.utf8.count } else { return n } }
        }
        return bytes >= 40 || messages.contains { $0.role == .system && $0.segments.contains(where: isPromptFunctionCall) }
    }
}
