/// `template.format(time=datetime.now(), docs=…)` where the template is text this file cannot read (a
/// runtime setting, a parameter, another service's value): the values still go into the prompt, at
/// places the file does not show. They become slots after the template's own slot, so that a clock or
/// request data before the conversation that follows is still seen.
extension SourceAnalysis {
    /// The slots of the non-constant values passed to `.format(...)`, when the formatted text rendered to
    /// no text at all (only slots); empty otherwise.
    func opaqueFormatValues(_ rendered: [TemplateSegment], args: [SourceArgument], scope: Int, bindings: Bindings)
        -> [TemplateSegment]
    {
        guard !rendered.isEmpty, !rendered.contains(where: { if case .text = $0 { true } else { false } }) else { return [] }
        var out: [TemplateSegment] = []
        for arg in args where !arg.spread {
            guard case .slot(var s) = slot(arg.value, scope: scope, bindings: bindings),
                let p = s.provenance, p.volatility != .constant
            else { continue }
            if let label = arg.label { s.expression = "\(label)=\(s.expression)" }
            out.append(.slot(s))
        }
        return out
    }
}
