extension PhraseBuilder {
    /// Ratio below which the question-free budget fit keeps a phrase without the article or possessive that opens
    /// it (from `articlesJoinFrom` on; below that every joined function word is detached already). The phrase is
    /// still scored with its article, as the fine pass saw it; only the fit treats the article as a word of its
    /// own, kept last, so the token it cost goes to one more content phrase (at 0.33 articles and possessives were
    /// about a ninth of the words kept). Answers kept without the question at r = 0.33 (issue 17, session 23):
    /// SQuAD random-question 152 → 155 of 240 (items 0-119, tuned on: 84 → 86; 120-239: 68 → 69), NQ dev 198 → 197
    /// of 300 (0-149: 102 → 102; 150-299: 96 → 95). At 0.5 too (threshold 0.6) it lost answers (SQuAD 0-119 101 →
    /// 98, NQ 0-149 125 → 121). Detaching the articles before the fine pass as well (phrases scored without them)
    /// gave SQuAD 87 / 70 but NQ 100 / 94: NQ's gold answers more often open with "the" ("the frontal lobe", "The
    /// House of Representatives"), and the scores moved.
    static let articlesFitApartBelow = 0.4

    /// `pieces` with each article or possessive that opens a phrase of content words (`WordTraits.article`, the
    /// first piece of its phrase) made a phrase of its own; "of" and conjunctions joined inside a phrase stay.
    static func detachingLeadingArticles(_ pieces: [Piece], bytes: [UInt8]) -> [Piece] {
        var out = pieces
        var next = (pieces.map(\.phrase).max() ?? -1) + 1
        for i in out.indices where out[i].kind == .word && out[i].traits.contains(.article) {
            let opens = i == 0 || pieces[i - 1].kind != .word || pieces[i - 1].phrase != pieces[i].phrase
            guard opens, opensNounPhrase(out[i], bytes: bytes) else { continue }
            out[i].phrase = next
            out[i].traits.remove(.article)
            next += 1
        }
        return out
    }
}
