/// PL001: a slot whose value changes per request, user or day, followed by static content that a
/// provider would otherwise cache (or by conversation history, which is cached turn to turn).
///
/// Parameters: `min_static_tokens_after` (default 24), `min_fraction_after` (0.2: share of the
/// template's static tokens that follow the slot), `unknown_is_dynamic` (true).
public struct DynamicPrefixCheck: RuleCheck {
    /// `dynamic-prefix`.
    public static let identifier = "dynamic-prefix"
    let minTokens: Int
    let minFraction: Double
    let unknownIsDynamic: Bool

    /// Creates the check.
    public init(parameters: RuleParameters) throws {
        minTokens = parameters.int("min_static_tokens_after", default: 24)
        minFraction = parameters.double("min_fraction_after", default: 0.2)
        unknownIsDynamic = parameters.bool("unknown_is_dynamic", default: true)
    }

    /// Finds dynamic slots that sit before cacheable content.
    public func run(_ context: CheckContext) -> [CheckHit] {
        let layout = context.layout
        let total = max(layout.totalStaticTokens, 1)
        var hits: [CheckHit] = []
        var lastReported: Int?
        var clustered: [String] = []
        var clusteredSet: Set<String> = []
        func flushCluster() {
            guard !clustered.isEmpty, !hits.isEmpty else { return }
            let names = clustered.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
            let more = clustered.count > 3 ? " and \(clustered.count - 3) more" : ""
            hits[hits.count - 1].values["also"] = ", as are \(names)\(more) right after it"
            clustered = []
            clusteredSet = []
        }
        for i in layout.items.indices {
            guard let slot = layout.items[i].slot, let cls = layout.items[i].slotClass,
                cls.isDynamic(unknownIsDynamic: unknownIsDynamic), cls.kind != .history,
                !layout.items[i].inDynamicLoop
            else { continue }
            let after = layout.staticTokens(after: i)
            // Session-stable content after a volatile value is lost to the cache turn after turn;
            // attached files themselves are session-stable, so only static text counts after them.
            let history = cls.kind == .attachment ? nil : layout.sessionSlot(after: i)
            let bigTail = after >= minTokens && Double(after) >= minFraction * Double(total)
            guard bigTail || history != nil else { continue }
            // One finding per run of dynamic values: later values count as part of the run until
            // enough static text separates them from the reported one.
            if let last = lastReported, layout.staticTokens(after: last) - layout.staticTokens(after: i) < minTokens {
                if clusteredSet.insert(slot.source).inserted { clustered.append(slot.source) }
                continue
            }
            flushCluster()
            lastReported = i
            var follows = "~\(after) tokens of static content"
            if let h = history, let hs = layout.items[h].slot {
                let what = layout.items[h].slotClass?.kind == .history ? "the conversation history" : "the attached files"
                follows += after > 0 ? " and \(what) (`\(hs.source)`)" : ""
                if after == 0 { follows = "\(what) (`\(hs.source)`)" }
            }
            hits.append(CheckHit(
                position: slot.position, snippet: slot.source,
                values: [
                    "slot": slot.source,
                    "volatility": cls.volatility == .unknown ? "possibly dynamic" : cls.volatility.label, "kind": cls.kind.rawValue,
                    "reason": cls.reason, "tokens": String(after), "follows": follows,
                    "role": layout.items[i].role.rawValue, "also": "",
                ]))
        }
        flushCluster()
        return hits
    }
}
