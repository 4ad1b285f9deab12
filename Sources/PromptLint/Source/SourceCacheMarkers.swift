/// Where source code asks a provider to cache: Anthropic `cache_control` on a content block or message,
/// and the same written through an SDK's provider options (Vercel AI SDK
/// `providerOptions: { anthropic: { cacheControl: … } }`, its older `experimental_providerMetadata`, and
/// Bedrock's `cachePoint`).
enum SourceCacheMarkers {
    /// True when the block or message literal `node` carries a cache breakpoint.
    static func marks(_ node: SourceNode) -> Bool {
        if node.entry("cache_control") != nil || node.entry("cacheControl") != nil || node.entry("cachePoint") != nil { return true }
        for options in ["providerOptions", "experimental_providerMetadata", "providerMetadata"] {
            guard let byProvider = node.entry(options), case .dict(let entries) = byProvider.kind else { continue }
            for entry in entries {
                if entry.value.entry("cacheControl") != nil || entry.value.entry("cache_control") != nil
                    || entry.value.entry("cachePoint") != nil
                {
                    return true
                }
            }
        }
        return false
    }
}
