/// PL003: the static prefix is shorter than a provider's minimum cacheable length, either at an
/// explicit breakpoint (the breakpoint is silently ignored) or, in a request body, just under it (a
/// near miss worth padding).
///
/// Parameters: `minimum_tokens` (map provider → tokens), `near_miss_fraction` (0.5).
public struct CacheMinimumCheck: RuleCheck {
    /// `cache-minimum`.
    public static let identifier = "cache-minimum"
    let minimums: [String: Int]
    let nearMiss: Double

    /// Creates the check.
    public init(parameters: RuleParameters) throws {
        minimums = parameters.intMap("minimum_tokens")
        nearMiss = parameters.double("near_miss_fraction", default: 0.5)
    }

    /// Compares the prefix with each provider's minimum.
    public func run(_ context: CheckContext) -> [CheckHit] {
        let layout = context.layout
        var groups: [String: (SourcePosition, [String], Int, Int, String)] = [:]
        for provider in context.providers {
            let minimum = minimums[provider.rawValue] ?? provider.defaultMinimumCacheableTokens
            let prefix = layout.cacheablePrefixTokens(for: provider)
            guard prefix < minimum else { continue }
            let explicit = (provider == .anthropic || provider == .bedrock) && !layout.breakpointMessages.isEmpty
            let position: SourcePosition
            let situation: String
            if explicit {
                // A breakpoint after a dynamic value caches a prefix of unknown length, which may well pass
                // the minimum: whether it can ever be read is PL004's finding, not this one.
                if let firstDynamic = layout.firstDynamicIndex,
                    !layout.breakpointMessages.contains(where: { $0 < layout.items[firstDynamic].messageIndex })
                {
                    continue
                }
                // A marked block whose whole text is a value from elsewhere (`"text": system_prompt`, a
                // parameter), or that opens with one and appends to it (`prompt = load_prompt()`, then
                // `prompt += f"…"`): the prefix's length is not in the file, so it cannot be said to be short.
                let marked = layout.items.filter { $0.messageIndex == layout.breakpointMessages[0] }
                let fromElsewhere: (LayoutItem) -> Bool = { $0.slot != nil && $0.slotClass?.kind != .structural }
                if marked.first.map(fromElsewhere) == true
                    || (marked.contains(where: fromElsewhere) && marked.allSatisfy({ $0.slot != nil || $0.staticTokens == 0 }))
                {
                    continue
                }
                let message = layout.template.messages[layout.breakpointMessages[0]]
                position = message.position
                situation = "the cache_control breakpoint is ignored"
            } else {
                // A near miss is a request body sent as it is, just under the minimum: padding or merging
                // its static blocks earns the discount. In a template, a short prefix before a dynamic value
                // is PL001's to report (when enough static content follows) or nothing to fix.
                let isRequest = layout.template.format.isRequestBody
                guard isRequest, Double(prefix) >= nearMiss * Double(minimum) else { continue }
                position = layout.prefixEnd
                situation = "nothing is cached"
            }
            let key = "\(minimum):\(explicit)"
            var group = groups[key] ?? (position, [], prefix, minimum, situation)
            group.1.append(provider.rawValue)
            groups[key] = group
        }
        // The prefix ends at the first dynamic value; when only a name says that value changes, so does the
        // length, and a guess never fails CI.
        let cap = layout.firstDynamicIndex.flatMap { layout.items[$0].slotClass?.severityCap }
        return groups.keys.sorted().compactMap { key in
            guard let g = groups[key] else { return nil }
            return CheckHit(
                position: g.0, snippet: "prefix:\(g.3)",
                values: ["tokens": String(g.2), "minimum": String(g.3), "providers": g.1.joined(separator: ", "),
                         "situation": g.4],
                severityCap: cap)
        }
    }
}
