/// Message lists the shape readers of `SourceMessageLists` would miss: a list replaced in a branch
/// (`messages = [system, clock]`, appends, then `if in_event: messages = [summary]`: the path that skips the
/// branch sends the list as first built, so both are read), and a system message whose text is what a prompt
/// function returns (`get_system_prompt()` from another module), which is a prompt however little text this
/// file adds to it.
extension SourceReader {
    /// The list literal `name` was first assigned in `scope` when its last assignment is another list literal
    /// written on a deeper-indented line (inside a branch of the same function); nil otherwise.
    static func branchShadowedList(_ name: String, in scope: SourceModule.Scope, _ analysis: SourceAnalysis) -> SourceNode? {
        let lists = (scope.assignments[name] ?? []).filter { if case .list(_, false) = $0.kind { true } else { false } }
        guard lists.count >= 2, let first = lists.first, let last = lists.last,
            analysis.indentation(at: last.range.lowerBound) > analysis.indentation(at: first.range.lowerBound)
        else { return nil }
        return first
    }

    /// True for a slot that calls a function named as a prompt (`get_system_prompt()`, `prompts.build_instructions(user)`):
    /// its text is a prompt even when this file cannot read it.
    static func isPromptFunctionCall(_ segment: TemplateSegment) -> Bool {
        guard case .slot(let slot) = segment, slot.expression.hasSuffix(")"),
            let open = slot.expression.firstIndex(of: "(")
        else { return false }
        let callee = slot.expression[..<open]
        return !callee.isEmpty && !callee.contains(" ") && isPromptName(String(callee))
    }
}
