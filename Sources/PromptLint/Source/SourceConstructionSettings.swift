/// Instance attributes the constructor sets from the deployment's settings, with fallbacks that are the same
/// for every request (`self.name = data.get("persona") or settings.persona_name`, `this.botName =
/// config.botName ?? "Ava"`): the value the object was configured with, whatever the attribute is called
/// (`name` reads like a user's name). A value passed to the constructor (`self.name = user.name or
/// settings.default_name` with `user` a parameter) is left to the other rules: the object may be made per user.
extension SourceAnalysis {
    /// Operators that pick their left operand unless it is empty, else the right one.
    private static let fallbackOperators: Set<String> = ["or", "||", "??"]

    /// The settings read, as written, when `node` reads an attribute of the object (`self.name`, `this.name`)
    /// that only construction code assigns, each assignment a settings read or a fallback chain or conditional
    /// with a settings read among its alternatives and every other alternative traced to nothing that changes:
    /// no clock, random source, request value or parameter. Nil otherwise.
    func constructionSetting(_ node: SourceNode) -> String? {
        guard case .member(let base, let attribute) = node.unwrapped.kind, case .name(let owner) = base.kind,
            ["self", "this"].contains(owner), constructionAttribute(attribute)
        else { return nil }
        var read: String?
        var writes = 0
        for s in scopes.indices {
            for value in scopes[s].assignments[attribute] ?? [] where Self.writesAttribute(value, key: attribute, in: source) {
                writes += 1
                guard writes <= 4, let r = configuredRead(value, scope: s) else { return nil }
                read = read ?? r
            }
        }
        return read
    }

    /// The first settings read among the alternatives of `value` (itself, the operands of a fallback chain, the
    /// branches of a conditional) when every other alternative is traced to nothing that changes; nil otherwise.
    private func configuredRead(_ value: SourceNode, scope: Int) -> String? {
        var read: String?
        for alternative in Self.alternatives(value) {
            if let r = deploymentRead(alternative.unwrapped) {
                read = read ?? r
                continue
            }
            let t = trace(alternative, scope: scope, bindings: Bindings())
            guard t.volatile == nil, t.requestInput == nil, t.parameter.map({ bundledFileParameter($0, scope: scope) }) ?? true
            else { return nil }
        }
        return read
    }

    /// Words naming where a file is (`path`, `corpus_file`, `data_dir`).
    private static let fileWords: Set<String> = ["path", "file", "filename", "dir", "directory"]

    /// True when `parameter` of the constructor `scope` names a file's location and has a default written in
    /// the signature (`path: Path = CORPUS_PATH`): the data file the deployment bundles, read once when the
    /// object is made. A parameter without a default, or named for anything else (`user`, `user_name="Guest"`),
    /// is what each caller passes.
    private func bundledFileParameter(_ parameter: String, scope: Int) -> Bool {
        guard scopes[scope].namedDefaults[parameter] != nil || scopes[scope].defaults[parameter] != nil else { return false }
        return !Set(NameTokens.split(parameter)).isDisjoint(with: Self.fileWords)
    }

    /// The values `node` may yield: the operands of a fallback chain (`a or b or c`), the branches of a
    /// conditional (the condition left out), or `node` itself.
    private static func alternatives(_ node: SourceNode) -> [SourceNode] {
        switch node.unwrapped.kind {
        case .binary(let op, let left, let right) where fallbackOperators.contains(op):
            return alternatives(left) + alternatives(right)
        case .conditional(let parts) where parts.count >= 2:
            return parts.dropLast().flatMap(alternatives)
        default:
            return [node]
        }
    }
}
