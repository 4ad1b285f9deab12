/// PL005: retrieved documents or conversation history placed before a block of static instructions.
/// The instructions are re-sent uncached on every request (documents) or every turn (history).
///
/// Counted as PL001 counts (`TailThreshold`): by default the static blocks of `min_block_tokens` (64) or
/// more after the slot, from `min_instruction_tokens` (512, the cost threshold PL001 explains); under `profile: strict` all
/// static content after the slot, from the `strict:` block's `min_instruction_tokens` (40) and
/// `min_fraction_after` (0.15 of the template's static tokens, so a one-line reminder is not reported).
///
/// Conditionals count as PL001 counts them: reported when some rendering meets the threshold, the
/// message giving the range and what it depends on.
///
/// Parameters: `min_instruction_tokens`, `min_fraction_after`, `min_block_tokens`, `until_next_value`,
/// `kinds` (documents, history), `strict:`.
public struct ContextBeforeInstructionsCheck: RuleCheck {
    /// `context-before-instructions`.
    public static let identifier = "context-before-instructions"
    let thresholds: [LintProfile: TailThreshold]
    let kinds: Set<SlotKind>

    /// Creates the check.
    public init(parameters: RuleParameters) throws {
        thresholds = TailThreshold.byProfile(
            parameters, tokensKey: "min_instruction_tokens", defaultTokens: 512, strictTokens: 40, strictFraction: 0.15)
        let names = parameters.strings("kinds") ?? ["documents", "history"]
        kinds = Set(names.compactMap(SlotKind.init(rawValue:)))
    }

    /// Finds the first documents or history slot of each kind with instructions after it.
    public func run(_ context: CheckContext) -> [CheckHit] {
        let layout = context.layout
        let threshold = thresholds[context.profile] ?? TailThreshold(minTokens: 512, minFraction: 0, minBlock: 64)
        let tails = threshold.tails(in: layout)
        let largestTails = threshold.tails(in: layout, largest: true)
        var seen = Set<SlotKind>()
        var hits: [CheckHit] = []
        for (i, item) in layout.items.enumerated() {
            guard let slot = item.slot, let c = item.slotClass, kinds.contains(c.kind), layout.isDynamic(i),
                !item.inDynamicLoop, !seen.contains(c.kind)
            else { continue }
            // Some rendering (each conditional at its largest branch) must put the threshold after it; a
            // finding that no rendering-independent content backs is `info`.
            guard threshold.isMet(by: largestTails[i], in: layout, largest: true) else { continue }
            seen.insert(c.kind)
            let (tokens, depends) = TailThreshold.describe(
                smallest: tails[i], largest: largestTails[i], conditions: layout.alternativeConditions(after: i))
            hits.append(CheckHit(
                position: slot.position, snippet: slot.source,
                values: ["slot": slot.source, "kind": c.kind == .history ? "conversation history" : "retrieved content",
                         "tokens": tokens, "depends": depends, "evidence": c.evidence.clause],
                severityCap: tails[i] == 0 ? .info : c.severityCap, breakIndex: i))
        }
        return hits
    }
}
