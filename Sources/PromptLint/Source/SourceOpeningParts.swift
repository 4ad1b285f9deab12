/// The part a text expression opens with, for following a prompt function of another module into the
/// code that sends it: `` `${getSystemPrompt()}. Summary: ${summary}` `` and `f"{build_prompt()}\n{notes}"`
/// open with the function's output, `"" + getPrompt()` (a text grown with `+=` from an empty start) too,
/// and `override ?? buildPrompt()` may be either side. What comes after the opening part is sent after
/// the function's text, so the conversation that follows the whole expression follows that text as well.
extension SourceAnalysis {
    /// The sub-expressions `node` may open with, in the order to try: the first field of an interpolated
    /// string with only blank text before it; the left operand of `+` (the right one when the left is an
    /// empty string); either operand of a default operator (`??`, `||`, `or`). Empty for other forms.
    static func openingParts(of node: SourceNode) -> [SourceNode] {
        switch node.kind {
        case .string(let s) where s.isInterpolated:
            for piece in s.pieces {
                switch piece {
                case .text(let t):
                    if !t.text.allSatisfy(\.isWhitespace) { return [] }
                case .field:
                    return node.children.first.map { [$0] } ?? []
                }
            }
            return []
        case .binary("+", let left, let right):
            if let s = left.literal, s.pieces.allSatisfy({ if case .text(let t) = $0 { t.text.allSatisfy(\.isWhitespace) } else { false } }) {
                return [right]
            }
            return [left]
        case .binary(let op, let left, let right) where Self.defaultOperators.contains(op):
            return [left, right]
        default:
            return []
        }
    }
}

extension SourceAnalysis {
    /// True for the conversation handed through a converter, possibly awaited: `await
    /// convertToModelMessages(messages)`, `convertToCoreMessages(history)`, `to_openai_messages(turns)`
    /// (a call whose name ends in `messages` and whose first argument is the turns).
    static func convertsMessages(_ node: SourceNode) -> Bool {
        guard case .call(let callee, let args) = node.unwrapped.kind, !args.isEmpty, let name = callee.lastName else { return false }
        return name.lowercased().hasSuffix("messages")
    }

    /// True for the stored conversation read from the object that keeps it: a method called with no arguments
    /// whose name ends in a word for the turns (`conv.get_messages()`, `session.getHistory()`, `memory.load_history()`).
    static func readsStoredTurns(_ node: SourceNode) -> Bool {
        guard case .call(let callee, let args) = node.unwrapped.kind, args.isEmpty, case .member = callee.kind,
            let name = callee.lastName, let last = NameTokens.split(name).last
        else { return false }
        return VolatilityKeywords.history.contains(last)
    }
}
