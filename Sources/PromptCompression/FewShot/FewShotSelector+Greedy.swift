extension FewShotSelector {
    /// Greedy selection; returns the picks in the order made, each with its reported gain.
    /// - Parameters:
    ///   - maxCount: stop after this many picks.
    ///   - budget: when set, only examples that still fit are candidates, and facility location / k-center stop
    ///     once nothing adds coverage.
    ///   - ratio: rank facility-location candidates by gain per token instead of gain.
    ///   - among: restrict candidates to these indices.
    ///   - stratify: while some group has no pick, only examples of such groups are candidates.
    static func greedy(
        _ input: FewShotSelectionInput, rule: Rule, maxCount: Int, budget: Int?, ratio: Bool,
        among: [Int]? = nil, stratify: Bool = true
    ) -> [Int] {
        greedyWithGains(input, rule: rule, maxCount: maxCount, budget: budget, ratio: ratio, among: among, stratify: stratify)
            .map(\.index)
    }

    /// The gains of `order` replayed under `rule` (see `FewShotSelection.scores`).
    static func replayGains(_ input: FewShotSelectionInput, rule: Rule, order: [Int]) -> [Float] {
        var cover = [Float](repeating: -1, count: input.count)
        var gains: [Float] = []
        for (step, j) in order.enumerated() {
            gains.append(Float(reportedGain(input, rule: rule, j, cover: cover, first: step == 0)))
            for i in 0..<input.count { cover[i] = max(cover[i], input.sim(i, j)) }
        }
        return gains
    }

    static func greedyWithGains(
        _ input: FewShotSelectionInput, rule: Rule, maxCount: Int, budget: Int?, ratio: Bool, among: [Int]?, stratify: Bool
    ) -> [(index: Int, gain: Double)] {
        let n = input.count
        let pool = among ?? Array(0..<n)
        var picked = [Bool](repeating: false, count: n)
        var cover = [Float](repeating: -1, count: n)
        var spent = 0
        var picks: [(index: Int, gain: Double)] = []
        let groups = stratify ? input.groups : nil
        var uncovered = Set(groups.map { g in pool.map { g[$0] } } ?? [])
        while picks.count < maxCount {
            var candidates = pool.filter { !picked[$0] && (budget == nil || spent + input.costs[$0] <= budget!) }
            let stratifying = groups != nil && !uncovered.isEmpty && candidates.contains { uncovered.contains(groups![$0]) }
            if stratifying { candidates = candidates.filter { uncovered.contains(groups![$0]) } }
            let first = picks.isEmpty
            guard let best = argmax(candidates, { j in
                let g = rawGain(input, rule: rule, j, cover: cover, first: first)
                return ratio ? g / Double(max(1, input.costs[j])) : g
            }) else { break }
            let gain = rawGain(input, rule: rule, best, cover: cover, first: first)
            if budget != nil, !stratifying, !first, gain <= tolerance {
                if case .mmr = rule {} else { break }
            }
            picks.append((best, gain))
            picked[best] = true
            spent += input.costs[best]
            if let groups { uncovered.remove(groups[best]) }
            for i in 0..<n { cover[i] = max(cover[i], input.sim(i, best)) }
        }
        return picks
    }

    /// The value the greedy ranks candidates by.
    static func rawGain(_ input: FewShotSelectionInput, rule: Rule, _ j: Int, cover: [Float], first: Bool) -> Double {
        switch rule {
        case .facility:
            var g = 0.0
            for i in 0..<input.count {
                let s = input.sim(i, j)
                if s > cover[i] { g += Double(s - cover[i]) }
            }
            return g
        case .kCenter:
            if first { return (0..<input.count).reduce(0.0) { $0 + Double(input.sim($1, j)) } }
            return Double(1 - cover[j])
        case .mmr(let lambda):
            let redundancy = first ? 0 : cover[j]
            return Double(lambda * input.relevance![j] - (1 - lambda) * redundancy)
        }
    }

    /// The gain as reported in scores: facility location per example and from an empty cover of 0.
    static func reportedGain(_ input: FewShotSelectionInput, rule: Rule, _ j: Int, cover: [Float], first: Bool) -> Double {
        let raw = rawGain(input, rule: rule, j, cover: cover, first: first)
        switch rule {
        case .facility: return raw / Double(input.count) - (first ? 1 : 0)
        case .kCenter: return first ? raw / Double(input.count) : raw
        case .mmr: return raw
        }
    }
}
