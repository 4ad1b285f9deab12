/// Coarse scores and keep-rate floors per unit: question relevance when a question is given, a position and
/// structure prior otherwise; instruction and question sections of the prompt get higher floors.
struct CoarseRanking {
    var scores: [Double]
    var floors: [Double]
    /// How strongly rates follow the ranking.
    var spread: Double
    /// Whether a unit may be dropped whole. Not in short passages: there the answer's sentence is often the one
    /// beside the question-matching one (issue 17), and token-level pruning keeps part of every sentence.
    var dropsWholeUnits = true

    /// Passages with at most this many content units are pruned at token level only.
    static let shortPassageUnits = 3
    /// Share of the gap to the better neighbour that a unit receives (question relevance spills over).
    static let neighbourShare = 0.5

    /// Ranks the units of `text`.
    static func rank(
        _ text: SegmentedText, map: TokenMap, costs: [Int], ratio: Double, scan: WindowScan?, questionText: String?
    ) -> CoarseRanking {
        let units = text.units
        let builder = UnitBuilder(bytes: text.bytes)
        var prior = [Double](repeating: 0, count: units.count)
        for (u, unit) in units.enumerated() {
            var p = 0.0
            if unit.isHeading { p += 1.5 }
            if unit.startsParagraph { p += 0.4 }
            if u == 0 { p += 0.4 }
            let words = unit.pieces.filter { text.pieces[$0].kind == .word }
            if !words.isEmpty {
                let informative = words.filter {
                    let t = text.pieces[$0].traits
                    return t.contains(.number) || (t.contains(.capitalized) && !t.contains(.sentenceStart)) || t.contains(.literal)
                }.count
                p += 1.5 * Double(informative) / Double(words.count)
            }
            prior[u] = p
        }
        var scores = prior
        var spread = 0.25
        if let scan, let questionText {
            let texts = units.map { unit in unit.pieces.filter { text.pieces[$0].kind == .word }.map { builder.text(text.pieces[$0]) }.joined(separator: " ") }
            let lexical = standardized(LexicalRelevance.scores(units: texts, question: questionText))
            // Question likelihood gained by each unit: Σ over its tokens of log p(t | q, before) − log p(t | before).
            let gain = units.map { unit in
                unit.pieces.reduce(0.0) { acc, p in
                    map.modelTokens(p).reduce(acc) { $0 + Double(scan.conditioned[$1] - scan.plain[$1]) }
                }
            }
            let lik = standardized(gain)
            let pz = standardized(prior)
            scores = sharedWithNeighbours(units.indices.map { lexical[$0] + 0.6 * lik[$0] + 0.15 * pz[$0] }, units: units)
            spread = 0.8
        }
        let contentUnits = costs.filter { $0 > 0 }.count
        // Sections: a short first paragraph is the instruction, a short final question paragraph is the question.
        var floors = [Double](repeating: 0, count: units.count)
        let total = Double(max(1, costs.reduce(0, +)))
        let paragraphs = Set(units.map(\.paragraph))
        if paragraphs.count >= 3 {
            let first = units.indices.filter { units[$0].paragraph == units[0].paragraph }
            if Double(first.reduce(0) { $0 + costs[$1] }) <= 0.2 * total {
                for u in first { floors[u] = min(1, ratio + 0.35) }
            }
            let lastParagraph = units[units.count - 1].paragraph
            let last = units.indices.filter { units[$0].paragraph == lastParagraph }
            let lastText = last.map { u in units[u].pieces.map { builder.text(text.pieces[$0]) }.joined(separator: " ") }.joined()
            if Double(last.reduce(0) { $0 + costs[$1] }) <= 0.2 * total,
               lastText.contains("?") || lastText.lowercased().hasPrefix("question") || lastText.lowercased().hasPrefix("q:") {
                for u in last { floors[u] = min(1, ratio + 0.4) }
            }
        }
        return CoarseRanking(
            scores: scores, floors: floors, spread: spread, dropsWholeUnits: contentUnits > shortPassageUnits)
    }

    /// Each unit moves `neighbourShare` of the way towards its better neighbour in the same paragraph when that
    /// neighbour scores higher: the sentence before or after the one that repeats the question's words often
    /// holds the answer ("She ...", "The song was sung by ...").
    static func sharedWithNeighbours(_ scores: [Double], units: [CoarseUnit]) -> [Double] {
        scores.indices.map { u in
            let neighbours = [u - 1, u + 1].filter { scores.indices.contains($0) && units[$0].paragraph == units[u].paragraph }
            guard let best = neighbours.map({ scores[$0] }).max(), best > scores[u] else { return scores[u] }
            return scores[u] + neighbourShare * (best - scores[u])
        }
    }
}
