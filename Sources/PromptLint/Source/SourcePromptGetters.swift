extension SourceAnalysis {
    /// Words of a getter's name that say it returns something of the request or the user (`get_user_prompt`,
    /// `latest_prompt`), not the application's own prompt.
    private static let requestGetterWords: Set<String> = [
        "user", "current", "last", "latest", "new", "next", "input", "query", "question", "request",
    ]

    /// The getter, as called, when `node` is (or names, through assignments and the arguments of the helper being
    /// read) the result of a function of this file, or of another module of the folder it imports, called with no
    /// arguments whose name says it gives a prompt or a template (`reaction_prompt = await get_reaction_prompt()`,
    /// `load_instructions()`, `template_text = report_template_text()`): given nothing of the request, it returns
    /// the same text on every call unless data flow finds a clock or random value in it, whatever the variable
    /// holding it is called. Nil otherwise.
    func promptGetter(_ node: SourceNode, scope: Int, bindings: Bindings) -> String? {
        guard case .call(let callee, let args) = throughNames(node, scope: scope, bindings: bindings, unwrapping: true).node.kind, args.isEmpty, let path = callee.dottedPath,
            definesFunction(path), let last = path.split(separator: ".").last.map(String.init),
            SourceReader.isPromptName(last) || NameTokens.split(last).contains("template"),
            Set(NameTokens.split(last)).isDisjoint(with: Self.requestGetterWords)
        else { return nil }
        return path
    }

    /// True when `path` names a function of this file or one another module of the folder defines and this file
    /// imports (`from services.templates import report_template_text`).
    private func definesFunction(_ path: String) -> Bool {
        if functionScope(named: path) != nil { return true }
        if case .function? = foreign(path) { return true }
        return false
    }
}
