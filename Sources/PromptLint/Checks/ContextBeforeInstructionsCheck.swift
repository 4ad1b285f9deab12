/// PL005: retrieved documents or conversation history placed before a block of static instructions.
/// The instructions are re-sent uncached on every request (documents) or every turn (history).
///
/// Parameters: `min_instruction_tokens` (40), `min_fraction_after` (0.15 of the template's static
/// tokens, so a one-line reminder after the context is not reported), `kinds` (documents, history).
public struct ContextBeforeInstructionsCheck: RuleCheck {
    /// `context-before-instructions`.
    public static let identifier = "context-before-instructions"
    let minTokens: Int
    let minFraction: Double
    let kinds: Set<SlotKind>

    /// Creates the check.
    public init(parameters: RuleParameters) throws {
        minTokens = parameters.int("min_instruction_tokens", default: 40)
        minFraction = parameters.double("min_fraction_after", default: 0.15)
        let names = parameters.strings("kinds") ?? ["documents", "history"]
        kinds = Set(names.compactMap(SlotKind.init(rawValue:)))
    }

    /// Finds the first documents or history slot of each kind with instructions after it.
    public func run(_ context: CheckContext) -> [CheckHit] {
        let layout = context.layout
        var seen = Set<SlotKind>()
        var hits: [CheckHit] = []
        for (i, item) in layout.items.enumerated() {
            guard let slot = item.slot, let c = item.slotClass, kinds.contains(c.kind), layout.isDynamic(i),
                !item.inDynamicLoop, !seen.contains(c.kind)
            else { continue }
            let after = layout.staticTokens(after: i)
            guard after >= minTokens, Double(after) >= minFraction * Double(layout.totalStaticTokens) else { continue }
            seen.insert(c.kind)
            hits.append(CheckHit(
                position: slot.position, snippet: slot.source,
                values: ["slot": slot.source, "kind": c.kind == .history ? "conversation history" : "retrieved content",
                         "tokens": String(after), "evidence": c.evidence.clause],
                severityCap: c.severityCap))
        }
        return hits
    }
}
