/// Template functions a prompt manager calls while rendering a prompt-folder template
/// (`prompts/chat/skprompt.txt`): the Teams AI library's `prompts.addFunction("weather", async (ctx,
/// state) => { … return JSON.stringify(await res.json()) })` makes `{{weather}}` in any of its templates
/// the callback's return value, computed at every render. The value is traced like any other returned
/// value of this file; data decoded from a response (an API the callback calls) is fetched again at every
/// render, so it fills a per-request slot.
extension SourceAnalysis {
    /// Calls that register a template function by name with its callback.
    static let templateFunctionRegistrations: Set<String> = ["addFunction"]

    /// The template functions this file registers: the name, the slot traced from the callback's return
    /// (evidence only), and the line of the registration.
    func templateFunctions() -> [(name: String, slot: TemplateSlot, line: Int)] {
        var out: [(name: String, slot: TemplateSlot, line: Int)] = []
        for registration in Self.templateFunctionRegistrations.sorted() {
            for site in module.otherCalls[registration] ?? [] {
                guard let call = module.parsedCall(at: site.token), case .call(_, let args) = call.kind, args.count >= 2,
                    let name = args[0].value.plainString, !name.isEmpty
                else { continue }
                let callback = args[1].value.range
                // The callback's scope: the first function opened inside the second argument.
                guard let function = scopes.indices.first(where: { scopes[$0].parent == site.scope && callback.contains(scopes[$0].offset) })
                else { continue }
                var best: TemplateSlot?
                for value in scopes[function].returns {
                    guard case .slot(var s) = slot(value, scope: function, bindings: Bindings()) else { continue }
                    // Data decoded from a response (`JSON.stringify(await res.json())`): fetched again at every render.
                    let t = trace(value, scope: function, bindings: Bindings())
                    if t.decoded || t.unsortedJSON, s.provenance.map({ $0.volatility == .constant || $0.evidence != .evidence }) ?? true {
                        s.provenance = SlotClass(
                            volatility: .perRequest, kind: .documents,
                            reason: "`\(s.source)` is data decoded from a response, fetched again at every render")
                    }
                    guard let p = s.provenance, p.evidence == .evidence, p.volatility != .constant, p.volatility != .unknown
                    else { continue }
                    if let b = best?.provenance, b.volatility >= p.volatility { continue }
                    best = s
                }
                if let best { out.append((name, best, source.position(call.range.lowerBound).line)) }
            }
        }
        return out
    }
}
