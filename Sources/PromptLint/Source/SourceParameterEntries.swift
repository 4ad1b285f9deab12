/// Where a parameter of a prompt builder enters the text it returns: `buildSystemPrompt(name, role, currentDate)`
/// returning `` `…Today's date: ${currentDate}…` `` writes `currentDate` at that field. A caller in another
/// module that passes the clock for it breaks that prompt there, so its finding names that place (and the
/// runner folds it into the builder's own finding of the same break, `LintRunner.foldingSendSites`).
extension SourceAnalysis {
    /// The field of a template literal or f-string among the values `function` returns (read through the
    /// names they are assigned to) that writes `parameter`, with this file; nil when none does.
    func parameterEntry(_ parameter: String, of function: Int) -> (file: String, line: Int, column: Int, snippet: String)? {
        for value in scopes[function].returns.suffix(4) {
            if let child = field(writing: parameter, in: value, scope: function, depth: 0) {
                let at = source.position(child.range.lowerBound)
                return (path, at.line, at.column, text(of: child))
            }
        }
        return nil
    }

    /// The first field of a string with substitutions in `node` (or in what its names hold) that reads `parameter`.
    private func field(writing parameter: String, in node: SourceNode, scope: Int, depth: Int) -> SourceNode? {
        guard depth < 8 else { return nil }
        switch node.kind {
        case .string(let literal) where literal.isInterpolated:
            return node.children.first { reads(parameter, $0, scope: scope, depth: depth + 1) }
        case .name(let name):
            guard case .value(let value, let s, _) = lookup(name, scope: scope, before: node.range.lowerBound, bindings: Bindings()),
                value.range != node.range
            else { return nil }
            return field(writing: parameter, in: value, scope: s, depth: depth + 1)
        default:
            for child in node.children {
                if let found = field(writing: parameter, in: child, scope: scope, depth: depth + 1) { return found }
            }
            return nil
        }
    }

    /// True when `node` reads `parameter` of the function `scope` is in, directly or through a local name.
    private func reads(_ parameter: String, _ node: SourceNode, scope: Int, depth: Int) -> Bool {
        guard depth < 8 else { return false }
        if case .name(let name) = node.kind {
            switch lookup(name, scope: scope, before: node.range.lowerBound, bindings: Bindings()) {
            case .parameter(let p): return p == parameter
            case .value(let value, let s, _) where s != 0 && value.range != node.range:
                return reads(parameter, value, scope: s, depth: depth + 1)
            default: return false
            }
        }
        return node.children.contains { reads(parameter, $0, scope: scope, depth: depth + 1) }
    }
}
