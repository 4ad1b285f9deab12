/// LLMLingua's budget controller adapted to coarse units: instruction and question sections get their own,
/// higher keep-rates; the remaining budget is spread over the context units by rank (LongLLMLingua's dynamic
/// ratio), units whose rate falls below a floor are dropped whole.
enum BudgetController {
    /// Below this keep-rate a unit is dropped whole rather than pruned to a few words.
    static let dropBelow = 0.12

    /// Keep-rates per unit.
    /// - Parameters:
    ///   - costs: droppable tokens per unit.
    ///   - scores: coarse scores per unit (higher = more important).
    ///   - floors: minimum rate per unit (instruction and question sections), 0 for context.
    ///   - budget: droppable tokens to keep in total.
    ///   - spread: how far rates move with rank (0 = the same rate everywhere).
    ///   - dropsWholeUnits: whether a unit below `dropBelow` is dropped whole; when false every unit keeps at
    ///     least `dropBelow` (short passages are pruned at token level only).
    static func rates(
        costs: [Int], scores: [Double], floors: [Double], budget: Double, spread: Double, dropsWholeUnits: Bool = true
    ) -> [Double] {
        let n = costs.count
        guard n > 0 else { return [] }
        let total = Double(costs.reduce(0, +))
        if budget >= total { return [Double](repeating: 1, count: n) }
        if budget <= 0 { return [Double](repeating: 0, count: n) }
        let position = rankPositions(scores: scores, costs: costs)
        func rate(_ i: Int, _ base: Double) -> Double {
            var r = base + spread * position[i]
            r = min(1, max(floors[i], r))
            if r < dropBelow && floors[i] == 0 { r = dropsWholeUnits ? 0 : dropBelow }
            return r
        }
        func kept(_ base: Double) -> Double {
            (0..<n).reduce(0) { $0 + rate($1, base) * Double(costs[$1]) }
        }
        var lo = -2.0 - spread, hi = 2.0 + spread
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if kept(mid) > budget { hi = mid } else { lo = mid }
        }
        return (0..<n).map { rate($0, lo) }
    }

    /// Keep-rates without a question: all units keep their phrases in one order of lexical value (numbers and
    /// names first, function words last, see `PhraseBuilder.value`), so a unit's rate is the share of its tokens
    /// above one global cut; floors raise the instruction and question sections.
    /// - Parameters:
    ///   - valueTokens: per unit, droppable tokens by phrase value.
    ///   - floors: minimum rate per unit.
    ///   - budget: droppable tokens to keep in total.
    static func valueShareRates(valueTokens: [[Double: Int]], floors: [Double], budget: Double) -> [Double] {
        let n = valueTokens.count
        let costs = valueTokens.map { $0.values.reduce(0, +) }
        let total = Double(costs.reduce(0, +))
        if budget >= total { return [Double](repeating: 1, count: n) }
        if budget <= 0 { return [Double](repeating: 0, count: n) }
        // Level k holds the k-th highest value; at cut t, level k keeps the fraction clamp(t - k, 0, 1).
        let levels = Set(valueTokens.flatMap(\.keys)).sorted(by: >)
        let rank = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, Double($0)) })
        func rate(_ u: Int, _ t: Double) -> Double {
            guard costs[u] > 0 else { return 1 }
            let kept = valueTokens[u].reduce(0.0) { $0 + Double($1.value) * min(1, max(0, t - rank[$1.key]!)) }
            return max(floors[u], kept / Double(costs[u]))
        }
        func kept(_ t: Double) -> Double { (0..<n).reduce(0) { $0 + rate($1, t) * Double(costs[$1]) } }
        var lo = 0.0, hi = Double(levels.count)
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if kept(mid) > budget { hi = mid } else { lo = mid }
        }
        return (0..<n).map { rate($0, lo) }
    }

    /// Share of each unit's keep-rate that comes from the question-free value rates (`valueShareRates`) when the
    /// question asks for a name, a date or a quantity (`ExpectedAnswer.entity`); the rest comes from the question
    /// ranking (`rates`). Question overlap is an estimate: on Natural Questions the answer to "who played ..." or
    /// "when did ..." often sits in the sentence beside the one that repeats the question's words (the name that
    /// opens the passage, a date in the next sentence), and a ranking that starves that sentence loses it. Both
    /// rate sets spend the same budget, so their mix does too.
    static let questionHedge = 0.5

    /// `questionRates` moved `questionHedge` of the way towards `valueRates`, unit by unit.
    static func hedged(_ questionRates: [Double], with valueRates: [Double]) -> [Double] {
        zip(questionRates, valueRates).map { (1 - questionHedge) * $0 + questionHedge * $1 }
    }

    /// Each unit's place in the ranking mapped to [-1, 1] (1 = best), weighted by token share so one long
    /// low-ranked unit does not push every other unit up. Ties keep document order.
    static func rankPositions(scores: [Double], costs: [Int]) -> [Double] {
        let n = scores.count
        guard n > 1 else { return [Double](repeating: 0, count: n) }
        let order = (0..<n).sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        let total = Double(max(1, costs.reduce(0, +)))
        var out = [Double](repeating: 0, count: n)
        var before = 0.0
        for i in order {
            let mid = before + Double(costs[i]) / 2
            out[i] = 1 - 2 * mid / total
            before += Double(costs[i])
        }
        return out
    }

    /// The budget for droppable content: the target minus what is always kept.
    static func droppableBudget(target: Int, fixed: Int) -> Double { Double(max(0, target - fixed)) }
}
