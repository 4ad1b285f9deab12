/// A message list kept in an attribute of an object the function loads (`session = store.get(key)`), with a
/// message the function puts in front of it: `session.messages.insert(0, system_msg)`, then
/// `session.messages.append(user)` and the list sent. The object's list is the conversation stored so far, so the
/// message put in front of it comes before every earlier turn, as it does for a list the function receives.
extension SourceAnalysis {
    /// The messages of `node`, a dotted attribute (`session.messages`, not one of `self`/`this`), when this scope
    /// puts an item in front of it (`insert(0, …)`, `unshift`): those items, the stored conversation, then what
    /// the scope appends before the send. Nil for any other node or when nothing is put in front.
    func storedListWithFront(_ node: SourceNode, scope: Int, template: Bool, depth: Int) -> [SourceMessage]? {
        guard let (path, front) = frontOfStoredList(node, scope: scope), !front.isEmpty else { return nil }
        let sent = node.range.isEmpty ? Int.max : node.range.lowerBound
        let placed = front.filter { $0.range.lowerBound < sent }
        guard !placed.isEmpty else { return nil }
        consumed.insert(path)
        var out = [conversation(node, scope: scope)]
        out += (scopes[scope].appends[path] ?? []).filter { $0.range.lowerBound < sent }
            .flatMap { message($0, scope: scope, template: template, depth: depth + 1) }
        for item in placed { out = message(item, scope: scope, template: template, depth: depth + 1) + out }
        return out
    }

    /// The path of `node`, a dotted attribute of a loaded object (`session.messages`, not one of `self`/`this`/
    /// `cls`), and the items `scope` puts in front of it; nil for any other node or a list nothing is put in front of.
    private func frontOfStoredList(_ node: SourceNode, scope: Int) -> (path: String, items: [SourceNode])? {
        guard case .member(let base, _) = node.kind, let path = node.dottedPath, case .name(let owner) = base.kind,
            !["self", "this", "cls"].contains(owner), let front = scopes[scope].prepends[path]
        else { return nil }
        return (path, front)
    }
}

extension SourceAnalysis {
    /// True when `node` is a dotted attribute of a loaded object (`session.messages`) that `scope` puts a
    /// message in front of before `node` is read (`session.messages.insert(0, system_msg)`): the list
    /// `storedListWithFront` reads, handed on whole to a helper that sends it.
    func putsMessageInFront(of node: SourceNode, scope: Int) -> Bool {
        guard let (_, front) = frontOfStoredList(node, scope: scope) else { return false }
        return front.contains { $0.range.lowerBound < node.range.lowerBound }
    }

    /// The method `dotted` (`loop.run`) names when its receiver is a name `scope` binds once to a new instance of
    /// a class imported from another module of the folder (`loop = AgentLoop(config=…)`): that module and the
    /// method's scope; nil otherwise.
    func importedInstanceMethod(_ dotted: String, scope: Int) -> (SourceAnalysis, Int)? {
        let parts = dotted.split(separator: ".").map(String.init)
        guard let modules, parts.count == 2, let values = scopes[scope].assignments[parts[0]], values.count == 1,
            case .call(let make, _) = values[0].kind, case .name(let cls) = make.kind, let imported = importedName(cls),
            let m = modules.module(imported.module, from: self), m !== self, let function = m.module.functions[parts[1]],
            m.enclosingClass(of: function) == (imported.name ?? cls)
        else { return nil }
        return (m, function)
    }
}
