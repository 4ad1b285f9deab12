/// What one pass over a file's tokens finds: functions with their parameters and return values,
/// assignments per scope, list appends, and the calls that may send prompts.
///
/// Python scopes follow indentation (`def`); script scopes follow braces (`function`, methods, arrow
/// functions). The sweep visits every token, so calls nested in callbacks and arrow-function bodies are
/// found as well as top-level ones.
struct SourceModule {
    /// A module or function scope.
    struct Scope {
        /// The function's name (nil for the module and anonymous functions).
        var name: String?
        /// Parameter names.
        var parameters: [String] = []
        /// Default values of script parameters (`date = new Date()`), evaluated per call when the caller
        /// passes nothing. Python defaults are evaluated once, at definition, and are not recorded.
        var defaults: [String: SourceNode] = [:]
        /// Python defaults that name a value (`system_prompt=SYSTEM_PROMPT`): bound once, at definition, so
        /// what the function uses when the caller passes nothing (read only for prompt-named parameters).
        var namedDefaults: [String: SourceNode] = [:]
        /// The enclosing scope.
        var parent: Int?
        /// Assignments by target (`now`, `self.prompt`), in source order.
        var assignments: [String: [SourceNode]] = [:]
        /// Items appended to a list variable (`messages.append(x)`, `messages.push(x)`).
        var appends: [String: [SourceNode]] = [:]
        /// Items put in front of a list variable (`messages.unshift(x)`, `messages.insert(0, x)`), in source order.
        var prepends: [String: [SourceNode]] = [:]
        /// Items put at a later fixed position of a list variable (`messages.insert(1, x)`: after the first
        /// message), in source order; each item is in `appends` too, for readers that only gather a list's items.
        var inserts: [String: [(index: Int, item: SourceNode)]] = [:]
        /// Return values.
        var returns: [SourceNode] = []
        /// Where the function is defined.
        var offset: Int = 0
        /// The tokens of the function, from its parameter list to the end of its body.
        var body: Range<Int> = 0..<0
        /// Names extended with `+=` inside a Python `for`/`while` loop: text accumulated over data, whose
        /// length the data decides (a value where it is used, not template text).
        var accumulatedInLoop: Set<String> = []
        /// For a name of `accumulatedInLoop`: the value it held when the first loop extended it (the text
        /// written before the loop, which stays in front of what the loop adds).
        var builtBeforeLoop: [String: SourceNode] = [:]
        /// For a callback given to `items.forEach(…)`/`items.map(…)`: the collection it runs over.
        var iterated: SourceNode?
        /// List variables appended to inside a loop (`while True: … messages.append(…)`).
        var appendedInLoop: Set<String> = []
        /// The names a Python `for` loop or a script `for…of` loop binds, with the collection they run over (`for m
        /// in memories:`, `for i, m in enumerate(memories, 1):`, `for (const m of memories)`), in source order: what
        /// an item read in the loop comes from.
        var loopTargets: [String: [SourceNode]] = [:]
        /// The value name of a script `for (const [key, value] of Object.entries(table))` loop, with its key
        /// name and the object it runs over: what a fill in the loop (`prompt.split(`{${key}}`).join(value)`)
        /// takes its values from.
        var entryLoops: [String: (key: String, table: SourceNode)] = [:]
        /// Python entries set by key on a name (`context["current_date"] = datetime.now()`), in source order:
        /// what a `.format(**context)` later in the scope fills besides the dict's own entries.
        var keyedAssignments: [String: [(key: String, value: SourceNode)]] = [:]
        /// Text added in place to the content of a list's first message (`messages[0]["content"] += summary`,
        /// `messages[0].content += summary`), in source order: it ends that message in what the list sends.
        var openingContentAdditions: [String: [SourceNode]] = [:]
    }

    let tokens: [SourceToken]
    let language: SourceLanguage
    private(set) var scopes: [Scope] = [Scope()]
    /// The source ranges of `for` and `while` loops (header to the end of the body), in source order.
    private(set) var loops: [Range<Int>] = []
    /// Calls that may carry prompts, with their scope, in source order.
    private(set) var calls: [(node: SourceNode, scope: Int)] = []
    /// Functions by name (the last definition wins).
    private(set) var functions: [String: Int] = [:]
    /// Every other call, by the name that ends its callee: the name token and the scope, parsed only when
    /// asked (`parsedCall(at:)`), for calls of helpers that send a request (`SourceHelperRequests`).
    private(set) var otherCalls: [String: [(token: Int, scope: Int)]] = [:]
    var matching: [Int: Int] = [:]
    private(set) var closers: [Int: Int] = [:]

    /// Call names worth parsing at their call site: the requests (`RequestMethods`) and these.
    static let interestingCalls: Set<String> = RequestMethods.chatBodies.union(RequestMethods.converse)
        .union(RequestMethods.aiSDK).union(RequestMethods.gemini).union(RequestMethods.langChain).union([
        "from_messages", "from_template", "fromMessages", "fromTemplate", "SystemMessage",
        "HumanMessage", "AIMessage", "ChatMessage", "SystemMessagePromptTemplate", "HumanMessagePromptTemplate",
        "PromptTemplate", "ChatPromptTemplate", "complete", "acomplete",
        "get_template", "render", "read_text", "readFileSync", "readFile",
        "send_message", "GenerativeModel", "getGenerativeModel", "format", "format_messages", "aformat_messages", "formatMessages", "format_prompt",
        "aformat_prompt", "formatPromptValue", "partial", "astream", "batch", "abatch",
        // Loaded template files filled in code (`SourceTemplateLinks`).
        "replace", "replaceAll", "render_async", "format_map", "substitute", "safe_substitute",
        // Agents given their system prompt when built (`SourceAgents`).
        "Agent", "LlmAgent", "create_react_agent", "create_agent", "createAgent", "createReactAgent",
        // LlamaIndex chat engines given a `context_prompt` (`SourceCrossFile`).
        "as_chat_engine", "from_defaults", "ContextChatEngine", "CondensePlusContextChatEngine",
        // LangChain models given one text (`SourceRequests.buildsLanguageModel`); Claude Agent SDK sessions.
        "call", "predict", "query",
        // `llm`-library conversations (`conversation.prompt(text, system=…)`, `SourceConversationPrompts`).
        "prompt",
        // A request run in a worker thread (`asyncio.to_thread(client.messages.create, system=…)`).
        "to_thread",
    ])
    private static let appendCalls: Set<String> = ["append", "extend", "insert", "push", "unshift"]

    init(tokens: [SourceToken], language: SourceLanguage) {
        self.tokens = tokens
        self.language = language
        matchBrackets()
        sweep()
    }

    private mutating func matchBrackets() {
        var stack: [(String, Int)] = []
        let pairs = [")": "(", "]": "[", "}": "{"]
        for (i, t) in tokens.enumerated() where t.kind == .op {
            if t.text == "(" || t.text == "[" || t.text == "{" {
                stack.append((t.text, i))
            } else if let open = pairs[t.text] {
                while let last = stack.popLast() {
                    if last.0 == open {
                        matching[last.1] = i
                        closers[i] = last.1
                        break
                    }
                }
            }
        }
    }

    func isOp(_ i: Int, _ text: String) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].kind == .op && tokens[i].text == text
    }

    func isName(_ i: Int, _ text: String? = nil) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].kind == .name && (text == nil || tokens[i].text == text)
    }

    private mutating func sweep() {
        var stack: [(scope: Int, end: Int)] = []
        var loopEnds: [Int] = []
        var i = 0
        while i < tokens.count {
            while let top = stack.last, i >= top.end { stack.removeLast() }
            while let end = loopEnds.last, i >= end { loopEnds.removeLast() }
            let scope = stack.last?.scope ?? 0
            let t = tokens[i]
            if language == .python {
                if isName(i, "def"), isName(i + 1), isOp(i + 2, "(") {
                    let end = pythonBlockEnd(after: i)
                    stack.append((openScope(name: tokens[i + 1].text, paramsAt: i + 2, parent: scope, offset: t.range.lowerBound), end))
                    scopes[scopes.count - 1].body = (i + 2)..<max(i + 2, min(end, tokens.count))
                    i = (matching[i + 2] ?? i + 2) + 1
                    continue
                }
                if t.indent >= 0, isName(i, "for") || isName(i, "while") {
                    let end = pythonBlockEnd(after: i)
                    loopEnds.append(end)
                    loops.append(t.range.lowerBound..<max(t.range.lowerBound, tokens[min(end, tokens.count) - 1].range.upperBound))
                }
                if t.indent >= 0, isName(i, "for"), let (names, collection) = forTargets(at: i) {
                    for name in names { scopes[scope].loopTargets[name, default: []].append(collection) }
                }
                if t.indent >= 0, let keyed = keyedAssignment(at: i) {
                    scopes[scope].keyedAssignments[keyed.name, default: []].append((keyed.key, keyed.value))
                }
                if t.indent >= 0, let added = openingContentAddition(at: i) {
                    scopes[scope].openingContentAdditions[added.name, default: []].append(added.value)
                }
                if t.indent >= 0, let target = assignmentTarget(at: i) {
                    assign(target.name, at: target.rhs, scope: scope)
                    if !loopEnds.isEmpty, isOp(target.rhs - 1, "+=") {
                        let values = scopes[scope].assignments[target.name] ?? []
                        if !scopes[scope].accumulatedInLoop.contains(target.name), values.count >= 2 {
                            scopes[scope].builtBeforeLoop[target.name] = values[values.count - 2]
                        }
                        scopes[scope].accumulatedInLoop.insert(target.name)
                    }
                } else if let d = destructuring(at: i) {
                    assign(d.names, at: d.rhs, scope: scope)
                }
            } else if let header = scriptFunction(at: i) {
                stack.append((openScope(name: header.name, paramsAt: header.params, parent: scope, offset: t.range.lowerBound),
                              header.end))
                scopes[scopes.count - 1].body = header.params..<max(header.params, min(header.end + 1, tokens.count))
                scopes[stack.last!.scope].iterated = iteratedCollection(callbackAt: i)
                if let expressionBody = header.expressionBody {
                    var parser = SourceParser(tokens, language: language, at: expressionBody)
                    if let body = parser.expression() { scopes[stack.last!.scope].returns.append(body) }
                }
                i = header.next
                continue
            } else if let target = assignmentTarget(at: i) {
                if isOp(target.rhs - 1, "+="), let owner = accumulatingOwner(of: target.name, from: scope) {
                    // `prompt += …` in a callback over `memories`: the outer prompt grows by the collection.
                    accumulate(target.name, in: owner.scope, collection: owner.collection)
                } else {
                    assign(target.name, at: target.rhs, scope: scope)
                }
            } else if let d = destructuring(at: i) {
                assign(d.names, at: d.rhs, scope: scope)
            } else if tokens[i].startsLine || isOp(i - 1, ";") || isOp(i - 1, "{") || isOp(i - 1, "}"),
                let added = openingContentAddition(at: i)
            {
                scopes[scope].openingContentAdditions[added.name, default: []].append(added.value)
            }
            if language == .script, isName(i, "for") || isName(i, "while"), isOp(i + 1, "("), let close = matching[i + 1],
                isOp(close + 1, "{"), let end = matching[close + 1]
            {
                loopEnds.append(end)
                loops.append(t.range.lowerBound..<max(t.range.lowerBound, tokens[end].range.upperBound))
            }
            if language == .script, isName(i, "for"), let (name, collection) = forOfTarget(at: i) {
                scopes[scope].loopTargets[name, default: []].append(collection)
            }
            if language == .script, isName(i, "for"), let loop = forEntriesTarget(at: i) {
                scopes[scope].entryLoops[loop.value] = (loop.key, loop.table)
            }
            if isName(i, "return") {
                var parser = SourceParser(tokens, language: language, at: i + 1)
                if let value = parser.expression() { scopes[scope].returns.append(value) }
            }
            if t.kind == .name, isOp(i + 1, "(") || language == .script && SourceParser.callAfterTypeArguments(tokens, from: i + 1) != nil {
                if Self.interestingCalls.contains(t.text) || Self.appendCalls.contains(t.text) || isSuperInit(at: i) {
                    let start = chainStart(endingAt: i)
                    var parser = SourceParser(tokens, language: language, at: start)
                    if let node = parser.expression() { record(node, scope: scope, callName: t.text, at: i, inLoop: !loopEnds.isEmpty) }
                } else if i == 0 || !(isName(i - 1, "def") || isName(i - 1, "function")) {
                    otherCalls[t.text, default: []].append((i, scope))
                }
            }
            i += 1
        }
    }

    /// True when token `i` is the `__init__` of a Python `super().__init__(`: a subclass handing its base class
    /// the constructor arguments (a LiveKit `class Assistant(Agent)` passing its `instructions=`).
    func isSuperInit(at i: Int) -> Bool {
        i >= 4 && tokens[i].text == "__init__" && isOp(i - 1, ".") && isOp(i - 2, ")") && isOp(i - 3, "(") && isName(i - 4, "super")
    }

    /// The last names of the base classes of the class that encloses byte `offset` (the nearest
    /// `class Name(Base, pkg.Other):` before it): `["Base", "Other"]`; empty without bases.
    func enclosingClassBases(before offset: Int) -> [String] {
        guard let classToken = tokens.indices.last(where: { i in
            tokens[i].range.lowerBound < offset && tokens[i].kind == .name && i > 0 && isName(i - 1, "class")
        }), isOp(classToken + 1, "("), let close = matching[classToken + 1] else { return [] }
        var bases: [String] = []
        var last: String?
        for k in (classToken + 2)..<close {
            if tokens[k].kind == .name { last = tokens[k].text }
            if isOp(k, ","), let name = last { bases.append(name); last = nil }
            if isOp(k, "=") { last = nil }  // `metaclass=Meta`
        }
        if let last { bases.append(last) }
        return bases
    }

    private mutating func record(_ node: SourceNode, scope: Int, callName: String, at i: Int, inLoop: Bool) {
        // The parsed chain may extend past this call (`a.create(...).choices`): find the call itself.
        guard let call = Self.call(in: node, endingNameAt: tokens[i].range) else { return }
        if Self.appendCalls.contains(callName) {
            guard case .call(let callee, let args) = call.kind, case .member(let target, _) = callee.kind,
                let key = target.dottedPath
            else { return }
            if callName == "unshift" {
                scopes[scope].prepends[key, default: []] += args.map(\.value)
            } else if callName == "insert", args.count == 2, isOp(i + 1, "("), isOp(i + 3, ","), tokens[i + 2].text == "0" {
                scopes[scope].prepends[key, default: []].append(args[1].value)
            } else if callName == "insert", args.count == 2 {
                // `insert(index, item)`: the index is a position, not an item of the list.
                scopes[scope].appends[key, default: []].append(args[1].value)
                if inLoop { scopes[scope].appendedInLoop.insert(key) }
                if !inLoop, isOp(i + 1, "("), isOp(i + 3, ","), let index = Int(tokens[i + 2].text), index > 0 {
                    scopes[scope].inserts[key, default: []].append((index, args[1].value))
                }
            } else {
                scopes[scope].appends[key, default: []] += args.map(\.value)
                if inLoop { scopes[scope].appendedInLoop.insert(key) }
            }
            return
        }
        calls.append((call, scope))
    }

    /// True when one loop holds both source offsets: what the loop does at one can come before the other.
    func sharesLoop(_ a: Int, _ b: Int) -> Bool {
        loops.contains { $0.contains(a) && $0.contains(b) }
    }

    /// The call node whose callee ends with the name token at `range`.
    static func call(in node: SourceNode, endingNameAt range: Range<Int>) -> SourceNode? {
        var work = [node]
        var steps = 0
        while let n = work.popLast(), steps < 10_000 {
            steps += 1
            if case .call(let callee, _) = n.kind, callee.range.upperBound == range.upperBound { return n }
            if n.range.lowerBound <= range.lowerBound, n.range.upperBound >= range.upperBound {
                work.append(contentsOf: n.children)
            }
        }
        return nil
    }

    /// The calls that are not requests (`otherCalls`) written directly in `scope` to the callee names `names`, in
    /// that order, each parsed as it is read (a caller that stops early parses no more).
    func parsedOtherCalls<Names: Sequence<String>>(named names: Names, in scope: Int) -> some Sequence<SourceNode> {
        names.lazy
            .flatMap { [self] name in (otherCalls[name] ?? []).lazy.filter { $0.scope == scope } }
            .compactMap { [self] site in parsedCall(at: site.token) }
    }

    /// The index of the first token that starts at or after `offset` (tokens are in source order), `tokens.count`
    /// when none does.
    func firstToken(startingAtOrAfter offset: Int) -> Int {
        var (low, high) = (0, tokens.count)
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid].range.lowerBound < offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The call whose callee ends with the name token at index `i` (`aiService.generateResponse(…)`).
    func parsedCall(at i: Int) -> SourceNode? {
        var parser = SourceParser(tokens, language: language, at: chainStart(endingAt: i))
        return parser.expression().flatMap { Self.call(in: $0, endingNameAt: tokens[i].range) }
    }

    /// The first token of the member chain ending at `i` (`client` in `client.chat.completions.create`).
    private func chainStart(endingAt i: Int) -> Int {
        var k = i
        while k >= 2, isOp(k - 1, ".") || isOp(k - 1, "?.") {
            let before = k - 2
            if tokens[before].kind == .name {
                k = before
            } else if isOp(before, ")") || isOp(before, "]"), let open = closers[before] {
                k = open
                if open >= 1, tokens[open - 1].kind == .name, isOp(open, "(") { k = open - 1 }
            } else {
                break
            }
        }
        if language == .script, k >= 1, isName(k - 1, "new") { k -= 1 }
        return k
    }

    /// The names a Python `for` statement at `i` binds and the collection after its `in`: `for a, (b, c) in
    /// pairs:` gives `a`, `b`, `c` and `pairs`. Nil when the header is not that shape.
    private func forTargets(at i: Int) -> ([String], SourceNode)? {
        var names: [String] = []
        var k = i + 1
        while k < tokens.count, k < i + 24 {
            if isName(k, "in") { break }
            if isName(k) { names.append(tokens[k].text) } else if !(isOp(k, ",") || isOp(k, "(") || isOp(k, ")")) { return nil }
            k += 1
        }
        guard !names.isEmpty, isName(k, "in"), k + 1 < tokens.count else { return nil }
        var parser = SourceParser(tokens, language: language, at: k + 1)
        guard let collection = parser.expression() else { return nil }
        // `for i, m in enumerate(items)`: the first name is the item's position, not data of the collection.
        if case .call(let callee, _) = collection.kind, callee.dottedPath == "enumerate", names.count >= 2 {
            return (Array(names.dropFirst()), collection)
        }
        return (names, collection)
    }

    /// The name a script `for (const item of items)` at `i` binds and the collection after its `of`; nil for
    /// any other loop (`for (;;)`, `for (const k in obj)`, a destructuring pattern).
    private func forOfTarget(at i: Int) -> (String, SourceNode)? {
        guard isOp(i + 1, "("), let close = matching[i + 1], isName(i + 2), ["const", "let", "var"].contains(tokens[i + 2].text),
            isName(i + 3), isName(i + 4, "of"), i + 5 < close
        else { return nil }
        var parser = SourceParser(tokens, language: language, at: i + 5)
        guard let collection = parser.expression() else { return nil }
        return (tokens[i + 3].text, collection)
    }

    /// The key and value names a script `for (const [key, value] of Object.entries(table))` at `i` binds, and
    /// `table`; nil for any other loop.
    private func forEntriesTarget(at i: Int) -> (key: String, value: String, table: SourceNode)? {
        guard isOp(i + 1, "("), let close = matching[i + 1], i + 9 < close, isName(i + 2),
            ["const", "let", "var"].contains(tokens[i + 2].text), isOp(i + 3, "["), isName(i + 4), isOp(i + 5, ","),
            isName(i + 6), isOp(i + 7, "]"), isName(i + 8, "of")
        else { return nil }
        var parser = SourceParser(tokens, language: language, at: i + 9)
        guard let iterated = parser.expression(), case .call(let callee, let args) = iterated.kind,
            callee.dottedPath == "Object.entries", args.count == 1, !args[0].spread
        else { return nil }
        return (tokens[i + 4].text, tokens[i + 6].text, args[0].value)
    }

    /// The collection a callback opening at `i` runs over: `items` in `items.forEach(item => {`, also for an
    /// `async` callback (`events.map(async (event) => {`).
    private func iteratedCollection(callbackAt start: Int) -> SourceNode? {
        let i = start >= 1 && isName(start - 1, "async") ? start - 1 : start
        guard language == .script, i >= 4, isOp(i - 1, "("), isName(i - 2), ["forEach", "map", "flatMap"].contains(tokens[i - 2].text),
            isOp(i - 3, "."), isName(i - 4)
        else { return nil }
        var parser = SourceParser(tokens, language: language, at: chainStart(endingAt: i - 4))
        guard let node = parser.expression(), let call = Self.call(in: node, endingNameAt: tokens[i - 2].range),
            case .call(let callee, _) = call.kind, case .member(let collection, _) = callee.kind
        else { return nil }
        return collection
    }

    /// For `name += …` in a callback over a collection, where `name` is not the callback's own: the
    /// enclosing scope that assigns `name`, and the collection.
    private func accumulatingOwner(of name: String, from scope: Int) -> (scope: Int, collection: SourceNode)? {
        guard scopes[scope].assignments[name] == nil, let collection = scopes[scope].iterated else { return nil }
        var s = scopes[scope].parent
        while let current = s {
            if scopes[current].assignments[name] != nil { return (current, collection) }
            s = scopes[current].parent
        }
        return nil
    }

    /// Records `name` as its previous value followed by `collection` (text built from each of its items).
    private mutating func accumulate(_ name: String, in scope: Int, collection: SourceNode) {
        guard let previous = scopes[scope].assignments[name]?.last else { return }
        let value = SourceNode(kind: .binary("+", previous, collection), range: previous.range.lowerBound..<collection.range.upperBound)
        scopes[scope].assignments[name, default: []].append(value)
    }

    /// `name["key"] = value` starting a Python statement at `i` (a plain name, one string key, `=`).
    private func keyedAssignment(at i: Int) -> (name: String, key: String, value: SourceNode)? {
        guard isName(i), isOp(i + 1, "["), i + 4 < tokens.count, tokens[i + 2].kind == .string, isOp(i + 3, "]"),
            isOp(i + 4, "=")
        else { return nil }
        var keyParser = SourceParser(tokens, language: language, at: i + 2)
        guard let key = keyParser.expression()?.plainString, !key.isEmpty, keyParser.pos == i + 3 else { return nil }
        var parser = SourceParser(tokens, language: language, at: i + 5)
        guard let value = parser.expression() else { return nil }
        return (tokens[i].text, key, value)
    }

    /// True when a token of `range` (source offsets) passes `name` as an argument of a call (`f(name)`,
    /// `f(x, name)`, `f(messages=name)`, `f({ messages: name })`).
    func passesToCall(_ name: String, in range: Range<Int>) -> Bool {
        let opens: Set<String> = ["(", ",", "{"]
        let opensAt: (Int) -> Bool = { j in j >= 0 && j < self.tokens.count && self.tokens[j].kind == .op && opens.contains(self.tokens[j].text) }
        return tokens.indices.contains { i in
            guard range.contains(tokens[i].range.lowerBound), isName(i, name), !isOp(i + 1, "["), !isOp(i + 1, ".") else { return false }
            if opensAt(i - 1) { return true }
            // A keyword argument or a field: `messages=name`, `"messages": name`, `messages: name`.
            return (isOp(i - 1, "=") || isOp(i - 1, ":")) && i >= 2 && (isName(i - 2) || tokens[i - 2].kind == .string) && opensAt(i - 3)
        }
    }

    /// `name[0]["content"] += value` (or `name[0].content += value`) starting a statement at `i`: the list's
    /// name and the value added to its first message's content.
    private func openingContentAddition(at i: Int) -> (name: String, value: SourceNode)? {
        guard isName(i), isOp(i + 1, "["), i + 3 < tokens.count, tokens[i + 2].kind == .number, tokens[i + 2].text == "0",
            isOp(i + 3, "]")
        else { return nil }
        var k = i + 4
        if isOp(k, "["), k + 2 < tokens.count, tokens[k + 1].kind == .string, isOp(k + 2, "]") {
            var keyParser = SourceParser(tokens, language: language, at: k + 1)
            guard keyParser.expression()?.plainString == "content", keyParser.pos == k + 2 else { return nil }
            k += 3
        } else if isOp(k, "."), isName(k + 1, "content") {
            k += 2
        } else {
            return nil
        }
        guard isOp(k, "+=") else { return nil }
        var parser = SourceParser(tokens, language: language, at: k + 1)
        guard let value = parser.expression() else { return nil }
        return (tokens[i].text, value)
    }

    private mutating func assign(_ name: String, at rhs: Int, scope: Int) {
        var parser = SourceParser(tokens, language: language, at: rhs)
        guard var value = parser.expression() else { return }
        // `x += y` extends the value x had: record it as `x + y`.
        if isOp(rhs - 1, "+="), let previous = scopes[scope].assignments[name]?.last {
            value = SourceNode(kind: .binary("+", previous, value), range: previous.range.lowerBound..<value.range.upperBound)
        }
        scopes[scope].assignments[name, default: []].append(value)
    }

    /// Each destructured name gets the part of the value it reads: `value.key` or `value[index]`.
    private mutating func assign(_ names: [DestructuredName], at rhs: Int, scope: Int) {
        var parser = SourceParser(tokens, language: language, at: rhs)
        guard let value = parser.expression() else { return }
        // `const { a } = require("./x")` binds imports (SourceImports), not values of this file.
        if case .call(let callee, _) = value.kind, callee.dottedPath == "require" { return }
        for n in names {
            let part: SourceNode
            if let key = n.key {
                part = SourceNode(kind: .member(value, key), range: value.range)
            } else if case .list(let items, _) = value.kind, let index = n.index, index < items.count {
                part = items[index]
            } else if let index = n.index, let items = Self.awaitedTogether(value, awaited: isName(rhs, "await")), index < items.count {
                part = items[index]
            } else if let index = n.index, case .call = value.kind {
                // `text, anomaly = load(path)`: the element the name takes of what the call returns, marked
                // `#index` (no identifier starts so) for `SourceAnalysis.tracePick`.
                let mark = SourceNode(kind: .name("#\(index)"), range: value.range.upperBound..<value.range.upperBound)
                part = SourceNode(kind: .index(value, [mark]), range: value.range)
            } else {
                part = SourceNode(kind: .index(value, []), range: value.range)
            }
            scopes[scope].assignments[n.name, default: []].append(part)
        }
    }

    /// The calls `await Promise.all([a, b])` (or `allSettled`) and `await asyncio.gather(a, b)` run
    /// together, in the order their results come back; nil for anything else.
    static func awaitedTogether(_ value: SourceNode, awaited: Bool) -> [SourceNode]? {
        let node = awaited ? value.unwrapped : value
        guard case .call(let callee, let args) = node.kind, let path = callee.dottedPath else { return nil }
        if ["Promise.all", "Promise.allSettled"].contains(path), args.count == 1, case .list(let items, _) = args[0].value.kind {
            return items
        }
        if ["asyncio.gather", "gather"].contains(path), args.allSatisfy({ $0.label == nil && !$0.spread }) { return args.map(\.value) }
        return nil
    }

    mutating func openScope(name: String?, paramsAt open: Int, parent: Int, offset: Int) -> Int {
        var scope = Scope(name: name, parent: parent, offset: offset)
        if tokens.indices.contains(open), tokens[open].kind == .name {
            scope.parameters = [tokens[open].text]
        } else if let close = matching[open] {
            var depth = 0
            var k = open + 1
            while k < close {
                let t = tokens[k]
                if t.kind == .op, ["(", "[", "{"].contains(t.text) { depth += 1 }
                if t.kind == .op, [")", "]", "}"].contains(t.text) { depth -= 1 }
                let previous = tokens[k - 1]
                if t.kind == .name, previous.kind == .op, ["(", ",", "*", "**", "...", "{"].contains(previous.text), depth <= 1,
                    !["self", "cls", "this"].contains(t.text)
                {
                    scope.parameters.append(t.text)
                    if language == .script, depth == 0, let value = defaultValue(after: k, before: close) { scope.defaults[t.text] = value }
                    if language == .python, depth == 0, let value = defaultValue(after: k, before: close), case .name = value.kind {
                        scope.namedDefaults[t.text] = value
                    }
                }
                k += 1
            }
        }
        scopes.append(scope)
        if let name { functions[name] = scopes.count - 1 }
        return scopes.count - 1
    }

    /// The default of the parameter named at `k` (`date = new Date()`, `date: Date = new Date()`), before `close`.
    private func defaultValue(after k: Int, before close: Int) -> SourceNode? {
        var m = k + 1
        if isOp(m, "?") { m += 1 }
        if isOp(m, ":") {
            // A type annotation: skip to `=` at this depth, stopping at the next parameter.
            m += 1
            while m < close, !isOp(m, "="), !isOp(m, ",") {
                if let end = matching[m] { m = end }
                m += 1
            }
        }
        guard isOp(m, "="), m + 1 < close else { return nil }
        var parser = SourceParser(tokens, language: language, at: m + 1)
        return parser.expression()
    }

    /// The token index where the Python block opened by the statement at `i` ends.
    private func pythonBlockEnd(after i: Int) -> Int {
        let indent = tokens[i].indent >= 0 ? tokens[i].indent : (i > 0 ? max(0, tokens[i - 1].indent) : 0)
        var k = i + 1
        while k < tokens.count, tokens[k].kind != .newline { k += 1 }
        k += 1
        while k < tokens.count {
            if tokens[k].indent >= 0, tokens[k].indent <= indent { return k }
            k += 1
        }
        return tokens.count
    }
}
