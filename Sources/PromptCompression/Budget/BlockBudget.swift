/// Blocks (fenced code, JSON written in text) are usually what a prompt is about, and one is kept or dropped
/// whole: the blocks the budget can hold are kept whole, smallest first, leaving the prose around them a share of
/// the budget so instructions survive too (issue 17).
enum BlockBudget {
    /// Share of the droppable budget kept for prose when the prompt has prose to keep.
    static let proseShare = 0.25

    /// Units of the blocks to keep whole.
    /// - Parameters:
    ///   - units: the coarse units (blocks have `isCode`).
    ///   - costs: droppable tokens per unit.
    ///   - budget: droppable tokens to keep in total.
    static func keptWhole(units: [CoarseUnit], costs: [Int], budget: Double) -> Set<Int> {
        let blocks = units.indices.filter { units[$0].isCode && costs[$0] > 0 }
        guard !blocks.isEmpty else { return [] }
        let prose = Double(units.indices.filter { !units[$0].isCode }.reduce(0) { $0 + costs[$1] })
        let room = budget - min(prose, budget * proseShare)
        var used = 0.0
        var out = Set<Int>()
        for u in blocks.sorted(by: { (costs[$0], $0) < (costs[$1], $1) }) where used + Double(costs[u]) <= room {
            out.insert(u)
            used += Double(costs[u])
        }
        return out
    }

    /// Blocks of `text` none of whose pieces `keep` holds.
    static func dropped(_ text: SegmentedText, keep: [Bool]) -> Int {
        text.units.filter { unit in
            unit.isCode && unit.pieces.contains { text.pieces[$0].kind == .code }
                && !unit.pieces.contains { keep[$0] }
        }.count
    }
}
