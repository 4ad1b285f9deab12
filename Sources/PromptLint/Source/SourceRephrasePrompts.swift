/// The rephrase prompt of a LangChain history-aware retriever (`create_history_aware_retriever(llm, retriever,
/// prompt)`, `createHistoryAwareRetriever({ llm, retriever, rephrasePrompt })`): LangChain renders it with the
/// chain's input alone (`input`, `chat_history`) to turn the question into a search query, and retrieves the
/// documents only after it. A `{context}` slot written there (a QA prompt reused in both places) is never given
/// the documents retrieved for the request: the invocation supplies no such value, so the prompt is either never
/// rendered (an empty history skips it) or fails, and it breaks no cache.
extension SourceAnalysis {
    /// Callees that take a rephrase prompt, with the label and position of that argument.
    private static let rephraseTakers: [(callee: String, label: String, position: Int?)] = [
        ("create_history_aware_retriever", "prompt", 2),
        ("createHistoryAwareRetriever", "rephrasePrompt", nil),
    ]

    /// Callees that fill a prompt's `{context}` with retrieved documents (`create_stuff_documents_chain(llm, prompt)`).
    private static let documentFillers: [(callee: String, label: String, position: Int?)] = [
        ("create_stuff_documents_chain", "prompt", 1),
        ("createStuffDocumentsChain", "prompt", nil),
    ]

    /// `messages` of the chat template `call` with each slot named for retrieved documents and not traced to
    /// any value (`{context}`) marked as not filled, when the template is assigned to a module-level name that
    /// this module or another of the folder passes as a history-aware retriever's rephrase prompt and none passes
    /// to a chain that fills it with documents; `messages` unchanged otherwise.
    func unfilledInRephrasePrompt(_ messages: [SourceMessage], template call: SourceNode) -> [SourceMessage] {
        guard let (name, scope) = assignedName(containing: call), scope == 0,
            passesTemplate(call, named: name, to: Self.rephraseTakers),
            !passesTemplate(call, named: name, to: Self.documentFillers)
        else { return messages }
        let classifier = SlotClassifier()
        return messages.map { message in
            message.reclassifyingSlots { s in
                guard s.provenance == nil, classifier.nameClass(of: s.variable ?? s.expression)?.kind == .documents else { return nil }
                return SlotClass(
                    volatility: .constant, kind: .value,
                    reason: "`\(s.variable ?? s.expression)` is not filled: `\(name)` is the rephrase prompt of a history-aware retriever, rendered with the chain's input alone before any document is retrieved")
            }
        }
    }

    /// True when a call of one of `takers`, in this module or another module of the folder, passes the module-level
    /// value `name` of this module (the template `template` builds) as the taker's prompt argument, by its name
    /// here or imported there.
    private func passesTemplate(_ template: SourceNode, named name: String, to takers: [(callee: String, label: String, position: Int?)])
        -> Bool
    {
        var analyses: [SourceAnalysis] = [self]
        if let modules { analyses += modules.analyses(containing: name).filter { $0 !== self } }
        for module in analyses {
            for taker in takers {
                for (call, _) in module.callSites(named: taker.callee) {
                    let passed = call.argument(taker.label, position: taker.position)
                        ?? call.argument("options", position: 0)?.entry(taker.label)
                    guard let passed, let dotted = passed.dottedPath else { continue }
                    if module === self, dotted == name { return true }
                    if module !== self, case .value(let m, let value, _)? = module.foreign(dotted), m === self,
                        value.range.lowerBound <= template.range.lowerBound, value.range.upperBound >= template.range.upperBound
                    {
                        return true
                    }
                }
            }
        }
        return false
    }
}
