import Foundation

/// PL007: iteration over a mapping, or JSON serialization without sorted keys, inside the cacheable
/// prefix. Key order can change between processes, languages and library versions, which changes the
/// prefix bytes even when the data is the same.
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

    /// Finds unordered iteration and unsorted JSON in slots that precede cacheable content.
    public func run(_ context: CheckContext) -> [CheckHit] {
        let layout = context.layout
        var hits: [CheckHit] = []
        for (i, item) in layout.items.enumerated() {
            guard let slot = item.slot else { continue }
            // Static content, a later cache breakpoint, or the conversation (cached turn to turn) after it.
            guard layout.staticTokens(after: i) >= minTokens || layout.breakpoint(atOrAfter: item.messageIndex + 1)
                || layout.sessionSlot(after: i) != nil
            else { continue }
            if let problem = Self.problem(in: slot) {
                hits.append(CheckHit(
                    position: slot.position, snippet: slot.source, values: ["slot": slot.source, "problem": problem]))
            }
        }
        return hits
    }

    /// What is unordered about a slot, if anything.
    static func problem(in slot: TemplateSlot) -> String? {
        let expression = slot.expression
        let lower = expression.lowercased()
        let filters = Set(slot.filters.map { $0.lowercased() })
        // Jinja's `tojson` and Ansible's `to_nice_json` sort keys by default, so they are only unordered
        // when told not to (`sort_keys=False`); `dump`, `json`, `to_json`, `json.dumps` keep insertion order.
        let sortingByDefault: Set<String> = ["tojson", "to_nice_json"]
        let jsonFilters: Set<String> = ["to_json", "json", "dump", "jsonify", "tojsonstring"]
        let unsortedOnRequest = lower.replacingOccurrences(of: " ", with: "").contains("sort_keys=false")
        let sorted = lower.contains("sort") || lower.contains("dictsort") || filters.contains("sorted")
        if filters.contains("unordered-set") {
            return "it iterates over a set, whose order changes between processes (hash randomization)"
        }
        let helperHead = NameTokens.split(String(lower.prefix(while: { $0 != " " && $0 != "(" })))
        let usesJSON = !filters.isDisjoint(with: jsonFilters) || lower.contains("json.dumps")
            || lower.contains("json.stringify") || (helperHead.first == "json" && !slot.isLoop)
            || (!filters.isDisjoint(with: sortingByDefault) && unsortedOnRequest)
        if unsortedOnRequest && usesJSON { return "JSON is serialized with `sort_keys=False`" }
        if usesJSON && !sorted {
            return "JSON is serialized without sorted keys"
        }
        if slot.isLoop && !sorted {
            if lower.contains(".items()") || lower.contains(".keys()") || lower.contains(".values()")
                || lower.contains("object.keys") || lower.contains("object.entries")
            {
                return "it iterates over a mapping in insertion order"
            }
            let bound = LoopSyntax.boundNames(of: expression)
            if bound.count == 2 || bound.contains(where: { ["k", "key", "keys"].contains($0.lowercased()) }) {
                return "it iterates over a mapping's keys"
            }
        }
        return nil
    }
}
