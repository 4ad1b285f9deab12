/// The newest message of a conversation read off its end (`history[-1]["content"]`,
/// `messages[messages.length - 1].content`): this request's message, new on every request. Written before the
/// conversation it ends (`Question: {query}` then `{chat_history}`), it breaks the cache of the turns after it,
/// as an agent loop's task (`{input}` before its scratchpad, the same through one run) does not.
extension SourceAnalysis {
    /// What `base[key]` reads when `base` is named for a conversation and `key` picks its last element; nil otherwise.
    func newestMessageSource(base: SourceNode, keys: [SourceNode]) -> VolatileSources.Source? {
        guard keys.count == 1, let name = Self.conversationName(base), SlotClassifier().nameClass(of: name)?.kind == .history
        else { return nil }
        let key = text(of: keys[0]).filter { !$0.isWhitespace }
        let lastIndex = text(of: base).filter { !$0.isWhitespace } + ".length-1"
        return key == "-1" || key == lastIndex ? Self.newestMessage : nil
    }

    /// True when `source` is the newest message of a conversation.
    static func isNewestMessage(_ source: VolatileSources.Source) -> Bool { source.what == newestMessage.what }

    private static let newestMessage = VolatileSources.Source(
        volatility: .perRequest, kind: .value, what: "is the newest message of the conversation, new on every request")
}
