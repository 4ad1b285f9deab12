extension FewShotSelector {
    /// Most subsets the exact facility-location search will enumerate; larger problems use greedy + swaps.
    static let exactSearchLimit = 60_000

    /// The facility-location optimum by enumeration, when the problem is small enough: every subset of the
    /// right size (count) or every subset within the budget, ranked first by the number of groups represented,
    /// then by value; among subsets within the tolerance, the first enumerated (lexicographic in input order)
    /// wins. Nil when there are too many subsets.
    static func exactFacility(_ input: FewShotSelectionInput, limit: FewShotLimit) -> [Int]? {
        let n = input.count
        switch limit {
        case .count(let k):
            let k = min(max(k, 0), n)
            guard k > 0, binomial(n, k) <= exactSearchLimit else { return nil }
            var best: (groups: Int, value: Double, subset: [Int])?
            var subset = Array(0..<k)
            while true {
                consider(input, subset, &best)
                // Next combination in lexicographic order.
                var i = k - 1
                while i >= 0 && subset[i] == n - k + i { i -= 1 }
                if i < 0 { break }
                subset[i] += 1
                for j in (i + 1)..<k { subset[j] = subset[j - 1] + 1 }
            }
            return best?.subset
        case .budget(let budget):
            guard n <= 16 else { return nil }
            var best: (groups: Int, value: Double, subset: [Int])?
            // Subsets by size, then lexicographically, so smaller sets win ties.
            for size in 1...n {
                guard binomial(n, size) <= exactSearchLimit else { return nil }
                var subset = Array(0..<size)
                while true {
                    if subset.reduce(0, { $0 + input.costs[$1] }) <= budget { consider(input, subset, &best) }
                    var i = size - 1
                    while i >= 0 && subset[i] == n - size + i { i -= 1 }
                    if i < 0 { break }
                    subset[i] += 1
                    for j in (i + 1)..<size { subset[j] = subset[j - 1] + 1 }
                }
            }
            return best?.subset
        }
    }

    private static func consider(_ input: FewShotSelectionInput, _ subset: [Int], _ best: inout (groups: Int, value: Double, subset: [Int])?) {
        let groups = input.groups.map { g in Set(subset.map { g[$0] }).count } ?? 0
        let value = facilityValue(input, subset)
        if let current = best {
            if groups < current.groups { return }
            if groups == current.groups && value <= current.value + tolerance { return }
        }
        best = (groups, value, subset)
    }

    static func binomial(_ n: Int, _ k: Int) -> Int {
        let k = min(k, n - k)
        guard k >= 0 else { return 0 }
        var result = 1
        for i in 0..<k {
            result = result * (n - i) / (i + 1)
            if result > Int(Int32.max) { return result }
        }
        return result
    }
}
