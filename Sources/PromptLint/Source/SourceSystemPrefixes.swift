import Foundation

/// Text a function puts in front of the system message of the messages it is given, as it passes them on:
/// `messages.map(m => { if (m.role === "system") m.content = header + m.content; return m })`. The header
/// then opens every request that sends the list, before the system prompt the list held and the
/// conversation after it, so a clock in it breaks the whole conversation's cache.
extension SourceAnalysis {
    /// One request per such prefix: the header's text as a system message, then the list it is put into
    /// as the conversation that follows.
    func prependedSystemText() -> [[SourceMessage]] {
        var out: [[SourceMessage]] = []
        for (index, scope) in scopes.enumerated() {
            guard let collection = scope.iterated else { continue }
            for key in scope.assignments.keys.sorted() where key.hasSuffix(".content") {
                for value in scope.assignments[key] ?? [] {
                    guard case .binary("+", let head, let rest) = value.kind, text(of: rest) == key,
                        isTextual(head) || namesText(head, in: index), readsSystemRole(in: index, before: value.range.lowerBound)
                    else { continue }
                    if case .name(let name) = head.kind { consumed.insert(name) }
                    let header = SourceMessage(
                        role: .system, segments: render(head, scope: index, bindings: Bindings()),
                        position: source.position(head.range.lowerBound))
                    out.append([header, conversation(collection, scope: scope.parent ?? 0)])
                }
            }
        }
        return out
    }

    /// True when the callback of `scope` tests a message's role against the system role (the `"system"`
    /// literal) before `offset`: the message it extends is the system message, not the user's turn.
    private func readsSystemRole(in scope: Int, before offset: Int) -> Bool {
        let start = scopes[scope].offset
        return module.tokens.contains { t in
            t.kind == .string && t.range.lowerBound >= start && t.range.upperBound <= offset
                && t.text.trimmingCharacters(in: CharacterSet(charactersIn: "\"'`")) == "system"
        }
    }
}
