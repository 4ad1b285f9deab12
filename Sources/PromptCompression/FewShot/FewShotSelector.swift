/// How many examples to keep: a count, or a token budget.
public enum FewShotLimit: Sendable, Equatable {
    /// Keep this many examples.
    case count(Int)
    /// Keep examples whose token counts add up to at most this many tokens.
    case budget(Int)
}

/// What a selection optimises.
public enum FewShotObjective: String, Sendable, CaseIterable {
    /// Facility location: maximise Σ over all examples of the similarity to the nearest kept one (the mean
    /// coverage). Exact by enumeration for small lists (up to 60,000 subsets), else greedy then best swaps.
    case facilityLocation = "facility"
    /// k-center: start at the medoid, then keep adding the example farthest from everything kept.
    case kCenter = "kcenter"
}

/// A selection problem over `count` examples, independent of where the vectors came from.
public struct FewShotSelectionInput: Sendable {
    /// Number of examples.
    public var count: Int
    /// `count × count` similarities, row-major, symmetric, 1 on the diagonal (cosines).
    public var similarity: [Float]
    /// Token count of each example (used with a budget).
    public var costs: [Int]
    /// A group id per example for label stratification (nil: no stratification).
    public var groups: [Int]?
    /// Similarity of each example to a query; when set, selection is MMR.
    public var relevance: [Float]?

    /// A problem; `costs` default to 1 each.
    public init(similarity: [Float], count: Int, costs: [Int]? = nil, groups: [Int]? = nil, relevance: [Float]? = nil) {
        precondition(similarity.count == count * count, "similarity must be count × count")
        self.count = count
        self.similarity = similarity
        self.costs = costs ?? Array(repeating: 1, count: count)
        self.groups = groups
        self.relevance = relevance
    }

    @inline(__always) func sim(_ i: Int, _ j: Int) -> Float { similarity[i * count + j] }
}

/// The kept examples.
public struct FewShotSelection: Sendable, Equatable {
    /// Indices of the kept examples, in input order.
    public var selected: [Int]
    /// For each kept example (parallel to `selected`): the objective's gain when it is added, replaying the
    /// selection greedily (most valuable first). Facility location: the rise in mean coverage; k-center: the
    /// distance (1 − similarity) to what was kept before it (for the first, its mean similarity to all);
    /// MMR: its MMR score.
    public var scores: [Float]
    /// Mean over all examples of the similarity to the nearest kept one (kept ones count 1).
    public var coverage: Double
}

/// Greedy, deterministic subset selection on a similarity matrix. Ties (within 1e-6) go to the earlier example.
public enum FewShotSelector {
    static let tolerance: Double = 1e-6

    /// Selects examples.
    /// - Parameters:
    ///   - input: the similarities, costs, optional groups and optional query relevance.
    ///   - limit: a count (clamped to the number of examples) or a token budget.
    ///   - objective: facility location or k-center (ignored when `input.relevance` is set: MMR).
    ///   - lambda: MMR's weight of relevance against redundancy, in [0, 1].
    public static func select(
        _ input: FewShotSelectionInput, limit: FewShotLimit, objective: FewShotObjective = .facilityLocation, lambda: Float = 0.5
    ) -> FewShotSelection {
        let n = input.count
        guard n > 0 else { return FewShotSelection(selected: [], scores: [], coverage: 0) }
        let rule: Rule = input.relevance != nil ? .mmr(lambda) : (objective == .kCenter ? .kCenter : .facility)
        var picks: [Int]
        switch limit {
        case .count(let k):
            picks = greedy(input, rule: rule, maxCount: min(max(k, 0), n), budget: nil, ratio: false)
        case .budget(let b):
            picks = greedy(input, rule: rule, maxCount: n, budget: b, ratio: false)
            if case .facility = rule {
                let byRatio = greedy(input, rule: rule, maxCount: n, budget: b, ratio: true)
                if facilityValue(input, byRatio) > facilityValue(input, picks) + tolerance { picks = byRatio }
            }
        }
        if case .facility = rule {
            if let exact = exactFacility(input, limit: limit) {
                picks = exact
            } else {
                let budget: Int? = if case .budget(let b) = limit { b } else { nil }
                picks = localSearch(input, picks, budget: budget)
            }
        }
        let selected = picks.sorted()
        let replay = greedy(input, rule: rule, maxCount: selected.count, budget: nil, ratio: false, among: selected, stratify: false)
        let gains = replayGains(input, rule: rule, order: replay)
        let scores = selected.map { s in gains[replay.firstIndex(of: s)!] }
        return FewShotSelection(selected: selected, scores: scores, coverage: coverage(input, selected))
    }

    /// Mean over all examples of the similarity to the nearest kept one.
    public static func coverage(_ input: FewShotSelectionInput, _ kept: [Int]) -> Double {
        guard !kept.isEmpty else { return 0 }
        var total = 0.0
        for i in 0..<input.count {
            total += Double(kept.map { input.sim(i, $0) }.max()!)
        }
        return total / Double(input.count)
    }

    /// Mean over dropped examples of the similarity to the nearest kept one (nil when nothing is dropped).
    public static func droppedCoverage(_ input: FewShotSelectionInput, _ kept: [Int]) -> Double? {
        let keptSet = Set(kept)
        let dropped = (0..<input.count).filter { !keptSet.contains($0) }
        guard !dropped.isEmpty, !kept.isEmpty else { return nil }
        var total = 0.0
        for i in dropped { total += Double(kept.map { input.sim(i, $0) }.max()!) }
        return total / Double(dropped.count)
    }

    enum Rule {
        case facility, kCenter, mmr(Float)
    }

    /// Σ_i max(-1, max_{j ∈ kept} sim(i, j)): the facility-location value.
    static func facilityValue(_ input: FewShotSelectionInput, _ kept: [Int]) -> Double {
        var total = 0.0
        for i in 0..<input.count { total += Double(kept.map { input.sim(i, $0) }.max() ?? -1) }
        return total
    }

    /// The index among `candidates` with the highest value, the earliest among those within the tolerance.
    static func argmax(_ candidates: [Int], _ value: (Int) -> Double) -> Int? {
        guard !candidates.isEmpty else { return nil }
        let values = candidates.map(value)
        let best = values.max()!
        return candidates[values.firstIndex { $0 >= best - tolerance }!]
    }
}
