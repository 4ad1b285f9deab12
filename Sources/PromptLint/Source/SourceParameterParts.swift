/// Names bound to a parameter or to its part of the same name (`const { userName } = params`).
extension SourceAnalysis {
    /// True for `name = other` and `name = base.name` (also `const { name } = base`): the value is the
    /// whole of another name or its part of the same name.
    static func isPartOfParameter(_ value: SourceNode, named name: String) -> Bool {
        switch value.kind {
        case .name: return true
        case .member(let base, let key):
            if case .name = base.kind { return key == name }
            return false
        default: return false
        }
    }
}
