extension PhraseBuilder {
    /// Priority a phrase loses in the question-free path for each better phrase of its own sentence: the k-th best
    /// positive phrase of a sentence loses `sentenceRankDiscount * k`. Without a question, the question to come is
    /// as likely to ask about one sentence as another, so a sentence's first fact is worth more than a fourth fact of
    /// a sentence already well kept ("Europe's last major epidemic occurred in 1720 in Marseille" lost "1720" to
    /// a fourth number of the opening sentence). Answers kept without the question at r = 0.5 / 0.33 / 0.2 (issue
    /// 17; whole sets): SQuAD random-question 76.7 / 62.1 / 46.2% → 76.7 / 63.3 / 49.2%, NQ dev 81.0 / 66.0 /
    /// 45.7% → 82.3 / 67.0 / 46.3%; 2.0 gave 80.0 / 69.2% at 0.5 / 0.33 on the first 120 SQuAD items against
    /// 81.7 / 69.2% for 1.0 (and 80.8 / 66.7% without the discount).
    static let sentenceRankDiscount = 1.0

    /// Per phrase id of `pieces`, the discount of `sentenceRankDiscount` for its rank among the phrases of its
    /// sentence with a positive priority (ties in input order); phrases with no discount are absent.
    /// - Parameter priority: the priority of each piece (one value per phrase: every piece of a phrase shares it).
    static func sentenceRankDiscounts(_ pieces: [Piece], priority: [Double]) -> [Int: Double] {
        var bySentence: [Int: [(phrase: Int, priority: Double)]] = [:]
        var seen = Set<Int>()
        for (p, piece) in pieces.enumerated() where piece.kind == .word && piece.sentence >= 0 && priority[p] > 0 {
            guard seen.insert(piece.phrase).inserted else { continue }
            bySentence[piece.sentence, default: []].append((piece.phrase, priority[p]))
        }
        var out: [Int: Double] = [:]
        for phrases in bySentence.values {
            let ranked = phrases.sorted { $0.priority != $1.priority ? $0.priority > $1.priority : $0.phrase < $1.phrase }
            for (k, entry) in ranked.enumerated() where k > 0 { out[entry.phrase] = sentenceRankDiscount * Double(k) }
        }
        return out
    }
}
