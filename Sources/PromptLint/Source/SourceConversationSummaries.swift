/// A summary of the conversation made where the request is built (`summary = summarise_conversation(history)`,
/// `summarize(messages[-5:])`): the conversation grows by this request's turn, so the summary differs on
/// every request, like a clock. Written into the system prompt before the stored turns, it breaks the cache
/// of the whole conversation after it.
extension SourceAnalysis {
    /// What such a call reads, or nil when the function is not named for a summary or is given no conversation.
    func conversationSummarySource(callee: SourceNode, args: [SourceArgument]) -> VolatileSources.Source? {
        guard let name = callee.lastName, !Set(NameTokens.split(name)).isDisjoint(with: Self.summaryWords) else { return nil }
        let givesConversation = args.contains { arg in
            guard !arg.spread, let named = Self.conversationName(arg.value) else { return false }
            return SlotClassifier().nameClass(of: named)?.kind == .history
        }
        return givesConversation ? Self.conversationSummary : nil
    }

    private static let summaryWords: Set<String> = ["summary", "summarize", "summarise", "summarizer", "summariser"]

    private static let conversationSummary = VolatileSources.Source(
        volatility: .perRequest, kind: .value, what: "summarizes the conversation, this request's turn included")

    /// The name a conversation argument is read from: `history`, `self.messages`, `history[-5:]`.
    static func conversationName(_ node: SourceNode) -> String? {
        switch node.kind {
        case .name(let n): return n.split(separator: ".").last.map(String.init)
        case .member: return node.lastName
        case .index(let base, _): return conversationName(base)
        default: return nil
        }
    }
}
