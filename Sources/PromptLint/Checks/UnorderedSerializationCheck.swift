import Foundation

/// PL007: a value whose element or key order can change between requests or processes, inside the
/// cacheable prefix: the same data then gives different prefix bytes.
///
/// The judgement follows where the order comes from, not which function serializes:
/// - Python 3.7+ dicts and JavaScript objects keep insertion order, so a dict literal, or a dict built by
///   the same code on every call, serializes (`json.dumps`, `JSON.stringify`, `| dump`) and iterates
///   (`.items()`, `Object.entries`) to the same bytes every time: no finding. Jinja's `tojson` sorts keys.
/// - A set's iteration order depends on string hashing, randomised per process: a finding (data flow in
///   source code marks it `unordered-set`).
/// - Data decoded from a response or input (`resp.json()`, `json.loads(body)`) keeps the sender's key
///   order, which this code does not control: serializing it without `sort_keys` is a finding (marked
///   `unordered-json` by data flow).
/// - After a value that already changes per request the prefix is broken anyway, so order there costs
///   nothing: no finding.
///
/// Parameters: `min_static_tokens_after` (24).
public struct UnorderedSerializationCheck: RuleCheck {
    /// `unordered-serialization`.
    public static let identifier = "unordered-serialization"
    let minTokens: Int

    /// Creates the check.
    public init(parameters: RuleParameters) throws {
        minTokens = parameters.int("min_static_tokens_after", default: 24)
    }

    /// Finds values of varying order in slots that precede cacheable content, before any dynamic value.
    public func run(_ context: CheckContext) -> [CheckHit] {
        let layout = context.layout
        var hits: [CheckHit] = []
        for (i, item) in layout.items.enumerated() {
            if let slot = item.slot, let problem = Self.problem(in: slot) {
                // Static content, a later cache breakpoint, or the conversation (cached turn to turn) after it.
                if layout.staticTokens(after: i) >= minTokens || layout.breakpoint(atOrAfter: item.messageIndex + 1)
                    || layout.sessionSlot(after: i) != nil
                {
                    hits.append(CheckHit(
                        position: slot.position, snippet: slot.source, values: ["slot": slot.source, "problem": problem]))
                }
            }
            // Past the first value that changes per request, the prefix is already broken.
            if layout.isDynamic(i) { break }
        }
        return hits
    }

    /// Why a slot's order can vary between requests, if it can.
    static func problem(in slot: TemplateSlot) -> String? {
        let filters = Set(slot.filters.map { $0.lowercased() })
        if filters.contains("sorted") { return nil }
        if filters.contains("unordered-set") {
            return "it iterates over a set, whose order follows string hashing, randomised per process"
        }
        if filters.contains("unordered-json") {
            return "it serializes data decoded from a response or input without sorted keys, so the key order is"
                + " the sender's, not this code's"
        }
        return nil
    }
}
