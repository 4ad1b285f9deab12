/// Attributes read off objects whose class lives in another module of the checked folder:
/// `configuration.system_prompt` (a dataclass field whose default is a prompt constant),
/// `self.model.system_prompt_template` (an attribute of a base class), `ctx.deps.current_datetime` (a
/// field whose default factory reads the clock). This pass does not know an object's class, so an
/// attribute is looked up by name among the class attributes, properties and constants of the modules
/// the file imports; a prompt-named attribute (`shell_cmd_prompt`) also among the other modules of its
/// folder (prompt classes beside the code that fills them), imported modules first, then by path.
extension SourceAnalysis {
    /// The definition of the attribute `name` in another module: with `prompt`, only one that writes
    /// text (an attribute set to `""` in a base class and to a prompt in a subclass gives the prompt).
    func memberDefinition(_ name: String, prompt: Bool) -> ForeignValue? {
        let key = (prompt ? "p:" : "v:") + name
        if let known = memberDefinitions[key] { return known }
        let found = findMember(name, prompt: prompt)
        memberDefinitions[key] = found
        return found
    }

    private func findMember(_ name: String, prompt: Bool) -> ForeignValue? {
        guard let modules else { return nil }
        var seen: Set<String> = [path]
        var candidates: [SourceAnalysis] = []
        for key in imports.keys.sorted() {
            guard let imported = imports[key], let m = modules.module(imported.module, from: self) else { continue }
            if seen.insert(m.path).inserted { candidates.append(m) }
        }
        if prompt { for m in modules.siblings(of: self) where seen.insert(m.path).inserted { candidates.append(m) } }
        for m in candidates {
            if let value = m.scopes[0].assignments[name]?.last {
                let unwrapped = Self.fieldDefault(value)
                // A value traced must be a class attribute (an indented line): a module constant of the same
                // name is another thing.
                if prompt ? m.writesText(unwrapped) : !m.lineIsUnindented(at: value.range.lowerBound) {
                    return .value(m, unwrapped, scope: 0)
                }
            } else if !prompt, let function = m.module.functions[name], m.scopes[function].parent == 0 {
                return .function(m, function)
            }
        }
        return nil
    }

    /// The default a dataclass or pydantic field declares (`field(default=X)`, `Field(default=X)`), else the value.
    static func fieldDefault(_ node: SourceNode) -> SourceNode {
        guard case .call(let callee, _) = node.kind, ["field", "Field"].contains(callee.lastName ?? ""),
            let value = node.argument("default") ?? node.argument("default_factory")
        else { return node }
        return value
    }

    /// True when `node` (a value of this module) is text this module or one it imports writes out: a
    /// non-empty literal, text built in code, or a name bound to one.
    func writesText(_ node: SourceNode, depth: Int = 0) -> Bool {
        if let plain = node.plainString { return !plain.allSatisfy(\.isWhitespace) }
        if isTextual(node) { return true }
        guard depth < 4 else { return false }
        if let name = Self.referenceName(node),
            case .value(let value, _, _) = lookup(name, scope: 0, before: Int.max, bindings: Bindings()), value.range != node.range
        {
            return writesText(value, depth: depth + 1)
        }
        if let dotted = node.dottedPath, case .value(let other, let value, _)? = foreign(dotted) {
            return other.writesText(value, depth: depth + 1)
        }
        return false
    }

    /// True when the object an attribute chain reads is unknown here: its root is a parameter, `self`,
    /// `this` or a name this file does not assign (so a class elsewhere defines the attribute).
    func rootIsUnknown(_ node: SourceNode, scope: Int) -> Bool {
        var root = node
        while case .member(let base, _) = root.kind { root = base }
        guard case .name(let name) = root.kind else { return false }
        if ["self", "this", "cls"].contains(name) { return true }
        switch lookup(name, scope: scope, before: root.range.lowerBound, bindings: Bindings()) {
        case .parameter, .unknown: return true
        case .value(let value, _, _):
            // An object built by a class of another module: `Configuration.from_runnable_config(config)`.
            guard case .call(let callee, _) = value.kind, let head = callee.dottedPath?.split(separator: ".").first else { return false }
            return imports[String(head)] != nil
        case .imported: return false
        }
    }
}
