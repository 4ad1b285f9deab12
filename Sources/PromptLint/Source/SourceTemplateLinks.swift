import Foundation

/// A template file that code loads and renders, with the values the call passes for its variables:
/// `env.get_template("x.j2").render(now=…)`, `Template(Path(p).read_text()).render(…)`,
/// `Path("prompts/x.txt").read_text().format(…)`, `open(p).read().replace("{goals}", …)`, and loader
/// helpers that open `prompts/{name}.md` and render it with `**state`.
struct TemplateUse {
    /// The file loaded, as written, with `*` where the name is computed (`prompts/*.md`).
    var pattern: String
    /// The field of a loaded data file that is filled (`data["content"].format(…)`), if any.
    var field: String?
    /// The values passed, by variable name, as slots traced in the calling file.
    var values: [(name: String, slot: TemplateSlot)]
    /// Where the rendering call is.
    var line: Int
    /// The conversation the code sends after the rendered template, when the template is the system
    /// message of a message list that goes on with history (`[{"role": "system", "content": p}] +
    /// state["messages"]`).
    var conversation: TemplateSlot?
    /// True for a load through a rendering helper that passes no values at all (`loadPrompt("router")`
    /// where other calls pass `loadPrompt("chat", { TODAY: today })`): the file's placeholders are sent as
    /// written.
    var unfilled = false
    /// For a field read off a dict the module was handed (`pattern` empty), every key the module reads off
    /// that dict: the data files whose top-level keys include them all are the ones rendered
    /// (`SourceReceivedPromptFields`).
    var keys: Set<String> = []
    /// The one named placeholder a `.replace` fill writes (`text.replace("{PHONE}", phone)` fills `PHONE`); nil
    /// for any other fill (`.format(**values)`, a Jinja render, a replace of a computed key), which may fill
    /// any placeholder.
    var replaced: String?
}

/// A template file whose loading code leaves placeholders unfilled: loaded without values (`filled` empty), or
/// filled only by `.replace` of the named placeholders in `filled`. Its other brace groups are sent as written.
struct UnfilledLoad: Sendable, Equatable {
    /// Where the file is loaded (`src/graph/router.ts line 40`).
    var load: String
    /// The placeholders some `.replace` fills; empty when nothing fills any.
    var filled: Set<String> = []
}

extension SourceAnalysis {
    /// Constructors that take a template's text as their first argument (`Template(text)`,
    /// `PromptTemplate.from_template(text)`).
    static let templateConstructors: Set<String> = ["Template", "from_string", "from_template", "PromptTemplate"]

    /// Methods that fill a loaded template's variables.
    static let renderingMethods: Set<String> = ["render", "render_async", "format", "format_map", "replace", "replaceAll", "substitute", "safe_substitute"]

    /// Every template file this module loads and fills, with the values passed.
    func templateUses() -> [TemplateUse] {
        var out = helperTemplateUses()
        // A module that also builds template objects (`ChatPromptTemplate.from_template(text.replace(…))`) may have
        // them fill the other placeholders later: its replaces are not the only fill. Found once, at the first such replace.
        lazy var buildsTemplates = module.calls.contains { call, _ in
            guard case .call(let callee, _) = call.kind, let name = callee.lastName else { return false }
            return Self.templateConstructors.contains(name) || name.hasSuffix("PromptTemplate") || name == "from_messages"
        }
        for (call, scope) in module.calls {
            guard case .call(let callee, let args) = call.kind, case .member(let receiver, let method) = callee.kind,
                Self.renderingMethods.contains(method)
            else { continue }
            let loaded = loadedFile(receiver, scope: scope)
            let keys = loaded == nil ? receivedFieldKeys(receiver, scope: scope) : nil
            guard let pattern = loaded ?? keys.map({ _ in "" }) else { continue }
            let field = loadedField(receiver, scope: scope)
            var named: [(String, SourceNode)] = []
            var replaced: String?
            if method == "replace" || method == "replaceAll" {
                if args.count >= 2, let name = replacedPlaceholder(args[0].value) {
                    named.append((name, args[1].value))
                    // `text.replace("{PHONE}", phone)`: a fill of that one named placeholder and no other.
                    if let key = args[0].value.plainString, key.hasPrefix("{"), key.hasSuffix("}"), !buildsTemplates { replaced = name }
                }
            } else {
                for arg in args {
                    if let label = arg.label {
                        named.append((label, arg.value))
                    } else {
                        named += dictEntries(arg.value, scope: scope, bindings: Bindings())
                    }
                }
            }
            var values: [(name: String, slot: TemplateSlot)] = []
            for (name, node) in named {
                if case .slot(let s) = slot(node, scope: scope, bindings: callerBindings(of: node, scope: scope)) {
                    values.append((name, s))
                }
            }
            let line = source.position(call.range.lowerBound).line
            if !values.isEmpty || field != nil {
                out.append(TemplateUse(
                    pattern: pattern, field: field, values: values, line: line, conversation: conversation(after: call, scope: scope),
                    keys: keys ?? [], replaced: replaced))
            } else if keys == nil, renderingHelper(scope) == nil {
                // Filled with values this pass cannot trace (not the body of a rendering helper, which fills
                // what its callers pass): kept so the file is not taken for one sent unfilled.
                out.append(TemplateUse(pattern: pattern, field: nil, values: [], line: line, conversation: nil, replaced: replaced))
            }
        }
        return out
    }

    /// The conversation that follows a rendered template in the request its function builds: a message
    /// list returned, assigned or written at a request in the rendering call's scope whose system message
    /// holds the call (or the name its result is bound to) and whose later messages are history built
    /// elsewhere; turns written in the list before the message that holds the call do not count.
    func conversation(after call: SourceNode, scope: Int) -> TemplateSlot? {
        let names = scopes[scope].assignments.filter { $0.value.contains { $0.range == call.range } }.map(\.key)
        if let session = agentRunSession(instructions: call, names: names, scope: scope) { return session }
        var lists: [(name: String?, list: SourceNode)] = scopes[scope].returns.map { (name: String?.none, list: $0) }
        lists += scopes[scope].assignments.sorted { $0.key < $1.key }.flatMap { key, values in values.map { (name: Optional(key), list: $0) } }
        // A message list written at the request itself (`create(messages=[…])`).
        lists += requestMessageLists(in: scope).map { (name: String?.none, list: $0) }
        for (name, list) in lists {
            switch list.kind {
            case .list, .binary("+", _, _): break
            default: continue
            }
            // `messages = [{"role": "system", "content": p}]` then `messages.extend(turn for turn in history)`:
            // what is appended to the list after it is made follows the system message.
            let appended = (name.flatMap { scopes[scope].appends[$0] } ?? []).filter { $0.range.lowerBound > list.range.upperBound }
            // The list holds the call (or its name), or is given it by a message appended after the call
            // (`messages = []`, then `messages.append({"role": "system", "content": p})`).
            let holders = (list.range.lowerBound > call.range.lowerBound || list.range.contains(call.range.lowerBound) ? [list] : [])
                + appended.filter { $0.range.lowerBound > call.range.upperBound }
            func holds(_ holder: SourceNode) -> Bool {
                let written = text(of: holder)
                return written.contains(text(of: call)) || names.contains { written.contains($0) }
            }
            guard holders.contains(where: holds) else { continue }
            // `[{ role: "system", content: "…" }, ...history, { role: "user", content: p }]`: the turns written
            // before the message that holds the template come before it, not after.
            var earlier: ClosedRange<SourcePosition>?
            func writesTemplate(_ item: SourceNode) -> Bool {
                var work = [item]
                while let n = work.popLast() {
                    if n.range == call.range { return true }
                    if case .name(let x) = n.kind, names.contains(x) { return true }
                    work += n.children
                }
                return false
            }
            if case .list(let items, _) = list.kind, let k = items.firstIndex(where: writesTemplate), k > 0 {
                earlier = source.position(items[0].range.lowerBound)...source.position(items[k].range.lowerBound)
            }
            var messages = messageList(list, scope: scope)
            for item in appended {
                if case .list = item.kind, item.entry("role") == nil {
                    messages += messageList(item, scope: scope)
                } else {
                    messages += message(item, scope: scope, template: false, depth: 0)
                }
            }
            guard let system = messages.firstIndex(where: { $0.role == .system }) else { continue }
            for message in messages[(system + 1)...] {
                for case .slot(var s) in message.segments where !(earlier?.contains(s.position) ?? false) {
                    if s.provenance?.kind == .history { return s }
                    // A conversation placeholder (`MessagesPlaceholder("chat_history")`) is the conversation by its name.
                    guard s.provenance == nil, let named = s.variable.flatMap({ SlotClassifier().nameClass(of: $0) }), named.kind == .history
                    else { continue }
                    s.provenance = named
                    return s
                }
            }
        }
        return nil
    }

    /// The key of the data-file field a loaded receiver reads (`data["content"]`, `self.prompt_data["content"]`).
    func loadedField(_ node: SourceNode, scope: Int, depth: Int = 0) -> String? {
        guard depth < 6 else { return nil }
        switch node.kind {
        case .index(_, let keys): return keys.first?.plainString
        case .call(let callee, let args) where callee.lastName == "get": return args.first?.value.plainString
        case .call(let callee, let args) where Self.templateConstructors.contains(callee.lastName ?? ""):
            // `PromptTemplate.from_template(data["prefix"])`: the field the constructor is given.
            return args.first.flatMap { loadedField($0.value, scope: scope, depth: depth + 1) }
        case .name, .member:
            guard let name = Self.referenceName(node), let bound = boundValue(of: name, at: node, scope: scope) else { return nil }
            return loadedField(bound.node, scope: bound.scope, depth: depth + 1)
        default: return nil
        }
    }

    /// When `node` is a parameter of the function it is in, bindings for it from the first call of that
    /// function in this file (`self.compose_sys_prompt(context=self.get_env_context())`), so that a value
    /// passed in by a caller is traced; otherwise none.
    func callerBindings(of node: SourceNode, scope: Int) -> Bindings {
        guard case .name(let name) = node.kind, case .parameter = lookup(name, scope: scope, before: node.range.lowerBound, bindings: Bindings())
        else { return Bindings() }
        return callSiteBindings(of: scope)
    }

    /// Bindings for the parameters of the function whose scope is `scope` from the first call of it in
    /// this file (none when it is not called here).
    func callSiteBindings(of scope: Int) -> Bindings {
        guard let function = scopes[scope].name, scope > 0 else { return Bindings() }
        let tokens = module.tokens
        func caller(at offset: Int) -> Int { scopes.indices.last { scopes[$0].offset <= offset && $0 != scope } ?? 0 }
        for i in tokens.indices {
            if tokens[i].kind == .name, tokens[i].text == function, module.isOp(i + 1, "("),
                i == 0 || !(module.isName(i - 1, "def") || module.isName(i - 1, "function"))
            {
                // A test's call (`def test_prompt(): prompt(datetime(2020, 1, 1), …)`) is not how the application calls it.
                if Self.isTest(scopes[caller(at: tokens[i].range.lowerBound)].name) { continue }
                var parser = SourceParser(tokens, language: module.language, at: i)
                guard let call = parser.expression(), case .call(_, let args) = call.kind else { continue }
                return bind(scope, args: args, callerScope: caller(at: tokens[i].range.lowerBound), bindings: Bindings())
            }
            // A call inside an f-string or template literal field.
            guard tokens[i].kind == .string, let literal = tokens[i].literal, literal.isInterpolated else { continue }
            let language: SourceLanguage = literal.prefix == "`" ? .script : .python
            for case .field(let f) in literal.pieces where f.source.contains(function) {
                guard let expression = SourceParser.field(f, language: language) else { continue }
                var work = [expression]
                while let n = work.popLast() {
                    if case .call(let callee, let args) = n.kind, callee.lastName == function {
                        return bind(scope, args: args, callerScope: caller(at: tokens[i].range.lowerBound), bindings: Bindings())
                    }
                    work += n.children
                }
            }
        }
        return Bindings()
    }

    /// Keyword arguments that name a template file to load (`Prompter(prompt_template="chat/system")`).
    static let templateNameLabels: Set<String> = ["prompt_template", "template_name", "template_file", "prompt_file"]

    /// The file a receiver loads: `get_template(x)`, `Path(x).read_text()`, `open(x).read()`,
    /// `readFileSync(x)`, `Template(<loaded>)`, a loader helper (`read_yaml(path)`, `load_prompt(name)`),
    /// a field of a loaded data file (`data["content"]`), or a name or attribute assigned one of these.
    func loadedFile(_ node: SourceNode, scope: Int, depth: Int = 0, names: [String: String] = [:]) -> String? {
        guard depth < 6 else { return nil }
        switch node.kind {
        case .index(let base, _):
            return loadedFile(base, scope: scope, depth: depth + 1, names: names)
        case .member(let base, let attribute):
            if let name = Self.referenceName(node) {
                guard case .value(let v, let s, _) = lookup(name, scope: scope, before: node.range.lowerBound, bindings: Bindings())
                else { return nil }
                return loadedFile(v, scope: s, depth: depth + 1, names: names)
            }
            guard case .name = base.kind else { return nil }
            // `config.system_prompt_template = f.read()` under `with open("src/prompts/system.md") as f:` in a
            // startup hook, read as `config.system_prompt_template` in a handler: the attribute of a shared
            // object that this module sets from one file of the deployment.
            for (index, sc) in scopes.enumerated() {
                for (key, values) in sc.assignments where key.hasSuffix("." + attribute) {
                    for v in values {
                        if let file = deploymentFile(v, scope: index) ?? loaderMethodFile(v, depth: depth, names: names) { return file }
                    }
                }
            }
            return nil
        case .call(let callee, let args):
            let last = callee.lastName ?? ""
            switch last {
            case "get_template", "readFileSync", "readFile", "open", "read_file", "load_prompt", "load_template":
                return args.first.flatMap { filePattern($0.value, scope: scope, names: names) }
            case "read_text", "read", "read_bytes":
                guard case .member(let base, _) = callee.kind else { return nil }
                if case .call(let inner, let innerArgs) = base.kind, ["open", "Path", "PurePath"].contains(inner.lastName ?? "") {
                    return innerArgs.first.flatMap { filePattern($0.value, scope: scope, names: names) }
                }
                return filePattern(base, scope: scope, names: names)
            case "text":
                // `Bun.file(p).text()`: a file's text; `.text()` of anything else (a response) is not a load.
                guard case .member(let base, _) = callee.kind, case .call(let inner, let innerArgs) = base.kind, inner.lastName == "file"
                else { return nil }
                return innerArgs.first.flatMap { filePattern($0.value, scope: scope, names: names) }
            case "Template", "from_string", "from_template", "PromptTemplate", "dedent", "strip", "Environment":
                // `p.read_text().strip()`: the method trims what its receiver loaded; `strip(x)` and the
                // constructors take what they load as their first argument.
                if args.isEmpty, case .member(let base, _) = callee.kind {
                    return loadedFile(base, scope: scope, depth: depth + 1, names: names)
                }
                return args.first.flatMap { loadedFile($0.value, scope: scope, depth: depth + 1, names: names) }
            default:
                // `p.read_text().strip()` trims what its receiver loaded; in a chain of fills
                // (`readFileSync(p).replace("{{A}}", a).replace("{{B}}", b)`) each `replace` fills the same file.
                if case .member(let base, _) = callee.kind, ["strip", "trim", "replace", "replaceAll"].contains(last) {
                    return loadedFile(base, scope: scope, depth: depth + 1, names: names)
                }
                // `load_prompts().get("system_prompt", "")`: a field of a loaded file read by its literal key, as `[…]` reads it.
                if case .member(let base, _) = callee.kind, last == "get", args.first?.value.plainString != nil {
                    return loadedFile(base, scope: scope, depth: depth + 1, names: names)
                }
                // A prompt library's loader by template name: `Prompter(prompt_template="chat/system")`
                // (ai-prompter), `PromptLoader(template_name="qa")`: any extension.
                if let named = args.first(where: { Self.templateNameLabels.contains($0.label ?? "") }),
                    case .string = named.value.kind
                {
                    let pattern = filePattern(named.value, scope: scope, names: names)
                    let name = pattern.split(separator: "/").last ?? ""
                    return name.contains(".") ? pattern : pattern + ".*"
                }
                // A loader helper: `read_yaml(path)`, `load_prompt_file(p)`, `readPrompt(name)`, `yaml.safe_load(f)`, or a
                // getter named for what it loads (`get_system_prompt("chat.txt")`, `getTemplate(file)`).
                let lower = last.lowercased()
                if let file = loaderMethodFile(node, depth: depth, names: names) { return file }
                let getter = lower.hasPrefix("get") && (lower.contains("prompt") || lower.contains("template"))
                guard lower.hasPrefix("read") || lower.hasPrefix("load") || lower.hasPrefix("open") || lower == "safe_load" || getter,
                    let first = args.first
                else { return nil }
                let pattern = filePattern(first.value, scope: scope, names: names)
                return pattern.contains(".") ? pattern : nil
            }
        case .name(let n):
            guard var bound = boundValue(of: n, at: node, scope: scope) else { return nil }
            // `prompt = f"{prompt}\n\n{note}" if prompt else note`: text added to the name's own earlier value
            // still holds that value's text and placeholders, so a later fill fills the file loaded before.
            for _ in 0..<8 where Self.extends(bound.node, name: n) {
                guard let earlier = boundValue(of: n, at: bound.node, scope: bound.scope) else { break }
                bound = earlier
            }
            return loadedFile(bound.node, scope: bound.scope, depth: depth + 1, names: names)
        case .binary(let op, let a, let b) where ["or", "||", "??"].contains(op):
            // `system_override or self.system_prompt`: the loaded file is the fallback.
            return loadedFile(a, scope: scope, depth: depth + 1, names: names) ?? loadedFile(b, scope: scope, depth: depth + 1, names: names)
        default:
            return nil
        }
    }

    /// True when `value`, assigned to `name`, adds text to `name`'s own earlier value: an f-string or
    /// template literal with `{name}` as a field, `name + …`, or a conditional one of whose values does.
    static func extends(_ value: SourceNode, name: String) -> Bool {
        switch value.kind {
        case .string(let literal):
            return literal.pieces.contains { if case .field(let f) = $0 { f.source.trimmingCharacters(in: .whitespaces) == name } else { false } }
        case .binary("+", let a, _):
            if case .name(name) = a.kind { return true }
            return false
        case .conditional(let parts):
            // The last part is the condition.
            return parts.dropLast().contains { extends($0, name: name) }
        default:
            return false
        }
    }

    /// The file a call of a function of this file that takes no arguments loads and returns
    /// (`self.system_prompt = self._load_system_prompt()`, whose body returns `prompt_path.read_text()`);
    /// nil for any other call, or when its returns load no file that the code names.
    private func loaderMethodFile(_ call: SourceNode, depth: Int, names: [String: String]) -> String? {
        guard depth < 6, case .call(let callee, let args) = call.kind, args.isEmpty,
            let function = functionScope(named: callee.dottedPath ?? "")
        else { return nil }
        for value in scopes[function].returns {
            if let file = loadedFile(value, scope: function, depth: depth + 1, names: names),
                file.split(separator: "/").last?.contains(".") == true
            {
                return file
            }
        }
        return nil
    }

    /// A path expression as a pattern: literals kept, computed parts `*` (`f"prompts/{name}.md"` →
    /// `prompts/*.md`, `Path(__file__).parent / "x.j2"` → `*/x.j2`, `os.path.join(d, "x.txt")` → `*/x.txt`).
    /// Its depth budget is its own: `loadedFile` starts it afresh, however deep its own trace went.
    func filePattern(_ node: SourceNode, scope: Int, depth: Int = 0, names: [String: String] = [:]) -> String {
        guard depth < 8 else { return "*" }
        switch node.kind {
        case .string(let literal):
            return literal.pieces.map { piece -> String in
                if case .text(let d) = piece { return d.text }
                if case .field(let f) = piece, let v = names[f.source.trimmingCharacters(in: .whitespaces)] { return v }
                return "*"
            }.joined()
        case .binary("+", let a, let b):
            return filePattern(a, scope: scope, depth: depth + 1, names: names) + filePattern(b, scope: scope, depth: depth + 1, names: names)
        case .binary("/", let a, let b):
            return filePattern(a, scope: scope, depth: depth + 1, names: names) + "/" + filePattern(b, scope: scope, depth: depth + 1, names: names)
        case .call(let callee, let args):
            let last = callee.lastName ?? ""
            if ["join", "resolve"].contains(last), (callee.dottedPath ?? "").contains("path") {
                return args.map { filePattern($0.value, scope: scope, depth: depth + 1, names: names) }.joined(separator: "/")
            }
            if ["Path", "PurePath", "str", "String"].contains(last), args.count == 1 {
                return filePattern(args[0].value, scope: scope, depth: depth + 1, names: names)
            }
            if last == "joinpath", case .member(let base, _) = callee.kind {
                return ([filePattern(base, scope: scope, depth: depth + 1, names: names)] + args.map { filePattern($0.value, scope: scope, depth: depth + 1, names: names) })
                    .joined(separator: "/")
            }
            // A settings lookup with a default path (`self._get_path("prompt_file_path", os.path.join(…, "x.yaml"))`):
            // the last argument that names a file.
            for arg in args.reversed() {
                let p = filePattern(arg.value, scope: scope, depth: depth + 1, names: names)
                if let file = p.split(separator: "/").last, file.contains("."), file.contains(where: { $0 != "*" && $0 != "." }) { return p }
            }
            return "*"
        case .member(_, let attribute):
            // `self.config.prompt_file_path`: the attribute as assigned in any class of this file.
            if let (s, v) = attributes[attribute] { return filePattern(v, scope: s, depth: depth + 1, names: names) }
            return "*"
        case .name(let n):
            if let v = names[n] { return v }
            if let bound = boundValue(of: n, at: node, scope: scope) {
                return filePattern(bound.node, scope: bound.scope, depth: depth + 1, names: names)
            }
            // `yaml.safe_load(f)` under `with open("config/prompts.yaml") as f:` in the same function.
            if let file = openedFile(n, from: scopes[scope].offset, before: node.range.lowerBound) { return file }
            return "*"
        default:
            return "*"
        }
    }
}

extension SourceAnalysis {
    /// The OpenAI Agents SDK runner's methods, which send the agent's instructions before the session's turns.
    private static let runnerMethods: Set<String> = ["run", "run_streamed", "run_sync"]

    /// The stored conversation an OpenAI Agents SDK run sends after a rendered template: the text (`call`, or a
    /// name in `names` it is assigned to) becomes an agent's `instructions` (`agent.clone(instructions=p)`,
    /// `Agent(name=…, instructions=p)`), and that agent is run in this scope with a session
    /// (`Runner.run_streamed(agent, input, session=session)`), whose stored items follow the instructions on every
    /// call. Nil when no such run is found.
    func agentRunSession(instructions call: SourceNode, names: [String], scope: Int) -> TemplateSlot? {
        let written = text(of: call)
        for run in module.parsedOtherCalls(named: Self.runnerMethods.sorted(), in: scope) {
            guard case .call(let callee, _) = run.kind,
                (callee.dottedPath ?? "").hasPrefix("Runner."), let session = run.argument("session"),
                session.plainString == nil, text(of: session) != "None",
                let agent = run.argument("starting_agent", position: 0), case .name(let agentName) = agent.kind,
                case .value(let built, _, _) = lookup(agentName, scope: scope, before: agent.range.lowerBound, bindings: Bindings()),
                let given = built.argument("instructions")
            else { continue }
            let instructions = text(of: given)
            guard instructions == written || names.contains(instructions) else { continue }
            let position = source.position(run.range.lowerBound)
            return TemplateSlot(
                expression: "session", variable: nil, source: text(of: session), position: position,
                provenance: SlotClass(
                    volatility: .perRequest, kind: .history,
                    reason: "the session's stored conversation, sent after the agent's instructions by `\(callee.dottedPath ?? "")` at \(path) line \(position.line)"))
        }
        return nil
    }
}
