/// Where one provider's cacheable prefix ends for a template, and how long it is.
public struct CachePrefix: Sendable, Hashable {
    /// The provider.
    public var provider: Provider
    /// Estimated static tokens in the prefix.
    public var tokens: Int
    /// The start of the last static block inside the prefix (the prefix ends with that block).
    public var end: SourcePosition
    /// True when an explicit breakpoint (Anthropic/Bedrock `cache_control`) decides the prefix.
    public var setByBreakpoint: Bool
    /// The provider's minimum cacheable length (from `Provider`, for messages; rules use YAML numbers).
    public var minimumTokens: Int

    /// True when the prefix is long enough to be cached at all.
    public var isCacheable: Bool { tokens >= minimumTokens }
}

extension CacheLayout {
    /// The cacheable prefix for `provider`: tools, then system, then messages, up to the first dynamic
    /// slot, or up to the last usable `cache_control` breakpoint where the provider honours them.
    public func cacheablePrefix(for provider: Provider) -> CachePrefix {
        let explicit = (provider == .anthropic || provider == .bedrock) && !breakpointMessages.isEmpty
        var end = prefixEnd
        if explicit {
            let firstDynamic = firstDynamicIndex ?? items.count
            let firstDynamicMessage = firstDynamic < items.count ? items[firstDynamic].messageIndex : Int.max
            if let last = breakpointMessages.last(where: { $0 < firstDynamicMessage }),
                let item = items.lastIndex(where: { $0.messageIndex == last && $0.staticTokens > 0 })
            {
                end = items[item].position
            } else {
                end = .start
            }
        }
        return CachePrefix(provider: provider, tokens: cacheablePrefixTokens(for: provider), end: end,
                           setByBreakpoint: explicit, minimumTokens: provider.defaultMinimumCacheableTokens)
    }
}

extension CacheLayout {
    /// The text of the items of the same message before item `index` (slots left out), in order: what a reader
    /// of that message has seen before the item's own text.
    func textBefore(item index: Int) -> String {
        let message = items[index].messageIndex
        return items[..<index].filter { $0.messageIndex == message }.compactMap(\.text).joined()
    }
}
