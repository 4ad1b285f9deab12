import Foundation

/// PL004: an Anthropic `cache_control` breakpoint placed after dynamic content (it can never be hit),
/// or more breakpoints than the provider allows (the request is rejected).
///
/// Parameters: `max_breakpoints` (4), `unknown_is_dynamic` (true).
public struct CacheBreakpointCheck: RuleCheck {
    /// `cache-breakpoints`.
    public static let identifier = "cache-breakpoints"
    let maxBreakpoints: Int
    let unknownIsDynamic: Bool
    let literals: VolatileLiteralCheck

    /// Creates the check.
    public init(parameters: RuleParameters) throws {
        maxBreakpoints = parameters.int("max_breakpoints", default: 4)
        unknownIsDynamic = parameters.bool("unknown_is_dynamic", default: true)
        literals = try VolatileLiteralCheck(parameters: RuleParameters())
    }

    /// Checks breakpoint placement and count.
    public func run(_ context: CheckContext) -> [CheckHit] {
        let layout = context.layout
        let template = context.template
        var hits: [CheckHit] = []
        // Source files hold many requests; their breakpoints are the messages', not every marker in the file.
        let scansText = !template.format.isSourceCode
        let markers = scansText ? Self.markerPositions(in: template.source) : []
        let count = max(markers.count, layout.breakpointMessages.count)
        if count > maxBreakpoints {
            let position = markers.count > maxBreakpoints
                ? markers[maxBreakpoints] : template.messages[layout.breakpointMessages[maxBreakpoints]].position
            hits.append(CheckHit(
                position: position, snippet: "breakpoints:\(count)",
                values: ["problem": "\(count) cache breakpoints; at most \(maxBreakpoints) are allowed",
                         "count": String(count)]))
        }
        let ttls = scansText ? Self.markerTTLs(in: template.source) : []
        if let shortIndex = ttls.firstIndex(where: { $0.1 != "1h" }),
            let late = ttls[(shortIndex + 1)...].first(where: { $0.1 == "1h" })
        {
            hits.append(CheckHit(
                position: late.0, snippet: "ttl-order",
                values: ["problem": "a 1-hour cache breakpoint follows a 5-minute one at \(ttls[shortIndex].0); longer TTLs must come first",
                         "count": String(count)]))
        }
        var literalHits: [CheckHit]?  // the volatile-literal check's hits, found at most once per request
        for messageIndex in layout.breakpointMessages {
            guard let culprit = firstDynamic(layout, throughMessage: messageIndex, literalHits: &literalHits) else { continue }
            let message = template.messages[messageIndex]
            let breakpointPosition = markers.first { $0 > message.position } ?? message.position
            hits.append(CheckHit(
                position: breakpointPosition, snippet: "after:\(culprit.0)",
                values: ["problem": "the cache_control breakpoint comes after \(culprit.1) at \(culprit.2), so its prefix differs on every request",
                         "count": String(count)],
                severityCap: culprit.3, breakPosition: culprit.2))
        }
        return hits
    }

    private func firstDynamic(
        _ layout: CacheLayout, throughMessage m: Int, literalHits: inout [CheckHit]?
    ) -> (String, String, SourcePosition, Severity?)? {
        // In source code a value nothing says anything of (`system` returned by a builder in another file) does not
        // make a breakpoint unreachable: the prefix-break check reports such a value only on evidence too.
        let unknownCounts = unknownIsDynamic && !layout.template.format.isSourceCode
        for (index, item) in layout.items.enumerated() where item.messageIndex <= m {
            if let slot = item.slot, let c = item.slotClass, c.isDynamic(unknownIsDynamic: unknownCounts) {
                return (slot.source, "`\(slot.source)` (\(c.volatility.label)\(c.evidence.clause))", slot.position, c.severityCap)
            }
            if let text = item.text, item.staticTokens > 0, literals.containsLiteral(layout, item: index) {
                let all = literalHits ?? literals.allHits(CheckContext(
                    template: layout.template, layout: layout, providers: [], tokenCounter: EstimatedTokenCounter()))
                literalHits = all
                let hit = all.filter { $0.position >= item.position }.min { $0.position < $1.position }
                let literal = hit?.snippet ?? TextMatch.short(text, limit: 30)
                return (literal, "the literal `\(literal)`", hit?.position ?? item.position, nil)
            }
        }
        return nil
    }

    // Compiled once: these run on every request the server lints.
    private static let markerObject = try? TextMatch.regex(#""cache_control"\s*:\s*\{[^}]*\}"#)
    private static let oneHourTTL = try? TextMatch.regex(#""ttl"\s*:\s*"1h""#)
    // In YAML only a `cache_control:` holding a mapping (inline or on the lines below) is a breakpoint;
    // `cache_control: true` is a settings flag (a list of models that support caching).
    private static let markerKey = try? TextMatch.regex(#""cache_control"\s*:|^[\s-]*cache_control\s*:\s*(\{|#|$)"#)

    /// Each `"cache_control"` object's position and TTL (`5m` when not given).
    static func markerTTLs(in source: String) -> [(SourcePosition, String)] {
        guard source.utf8.firstRange(of: "cache_control".utf8) != nil, let regex = markerObject, let hour = oneHourTTL else { return [] }
        return ((try? TextMatch.matches(regex, in: source, budgeted: false)) ?? []).map { range, text in
            let ttl = hour.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil ? "1h" : "5m"
            return (SourcePosition.start.advanced(over: source[..<range.lowerBound]), ttl)
        }
    }

    /// Positions of `"cache_control"` keys in JSON source (and `cache_control:` in YAML).
    static func markerPositions(in source: String) -> [SourcePosition] {
        guard source.utf8.firstRange(of: "cache_control".utf8) != nil, let regex = markerKey else { return [] }
        return ((try? TextMatch.matches(regex, in: source, budgeted: false)) ?? []).map { range, _ in
            SourcePosition.start.advanced(over: source[..<range.lowerBound])
        }
    }
}
