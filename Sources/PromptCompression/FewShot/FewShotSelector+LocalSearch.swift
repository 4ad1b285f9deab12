extension FewShotSelector {
    /// Improves a facility-location selection by best swaps (and, under a budget, additions that fit), never
    /// lowering the number of groups represented and never exceeding the budget. Stops when nothing improves
    /// the value by more than the tolerance, or after 200 moves.
    static func localSearch(_ input: FewShotSelectionInput, _ start: [Int], budget: Int?) -> [Int] {
        let n = input.count
        var kept = start.sorted()
        guard !kept.isEmpty, kept.count < n else { return kept }
        for _ in 0..<200 {
            var best = [Float](repeating: -1, count: n)
            var bestIndex = [Int](repeating: -1, count: n)
            var second = [Float](repeating: -1, count: n)
            for i in 0..<n {
                for j in kept {
                    let s = input.sim(i, j)
                    if s > best[i] {
                        second[i] = best[i]
                        best[i] = s
                        bestIndex[i] = j
                    } else if s > second[i] {
                        second[i] = s
                    }
                }
            }
            let current = best.reduce(0.0) { $0 + Double($1) }
            let spent = kept.reduce(0) { $0 + input.costs[$1] }
            var groupCounts: [Int: Int] = [:]
            if let groups = input.groups { for j in kept { groupCounts[groups[j], default: 0] += 1 } }
            let keptSet = Set(kept)
            var move: (out: Int?, in: Int)?
            var moveValue = current + tolerance
            for u in 0..<n where !keptSet.contains(u) {
                // Adding u, when a budget leaves room for it.
                if let budget, spent + input.costs[u] <= budget {
                    var value = 0.0
                    for i in 0..<n { value += Double(max(best[i], input.sim(i, u))) }
                    if value > moveValue {
                        moveValue = value
                        move = (nil, u)
                    }
                }
            }
            for s in kept {
                for u in 0..<n where !keptSet.contains(u) {
                    if let budget, spent - input.costs[s] + input.costs[u] > budget { continue }
                    if let groups = input.groups, groups[s] != groups[u], groupCounts[groups[s]] == 1,
                       groupCounts[groups[u], default: 0] > 0 { continue }
                    var value = 0.0
                    for i in 0..<n {
                        let without = bestIndex[i] == s ? second[i] : best[i]
                        value += Double(max(without, input.sim(i, u)))
                    }
                    if value > moveValue {
                        moveValue = value
                        move = (s, u)
                    }
                }
            }
            guard let move else { break }
            if let out = move.out { kept.removeAll { $0 == out } }
            kept.append(move.in)
            kept.sort()
        }
        return kept
    }
}
