extension PhraseBuilder {
    /// Priority every phrase of the text's first sentence gains in the question-free path (before the sentence rank
    /// discount). Answers sit early in a passage more often than late: keeping the first half of the words (lead)
    /// keeps about 60% of SQuAD random-question answers and 72.3% of Natural Questions answers, against 41.5% and 39.5%
    /// for random words; a Wikipedia passage opens with what it is about ("Nigeria is the largest oil and gas
    /// producer in Africa", "The Spanish Steps ... are a set of steps in Rome"). Answers kept without the question
    /// at r = 0.5 / 0.33 (issue 17, session 24): SQuAD items 0-119 (tuned on) 101 / 86 → 101 / 87, 120-239 89 / 69
    /// → 89 / 70; NQ items 0-149 (tuned on) 125 / 102 → 126 / 104, 150-299 123 / 95 → 126 / 97. A bonus of 4
    /// lost SQuAD answers (items 0-119: 99 / 85).
    static let leadSentenceBonus = 2.0

    /// Indices of the word pieces of `pieces` in the first sentence (coarse unit) that holds a word.
    static func leadSentencePieces(_ pieces: [Piece]) -> [Int] {
        guard let first = pieces.first(where: { $0.kind == .word && $0.sentence >= 0 })?.sentence else { return [] }
        return pieces.indices.filter { pieces[$0].kind == .word && pieces[$0].sentence == first }
    }
}
