extension PhraseBuilder {
    /// Function words after which a verb form reads as an adjective of the content word that follows it: an
    /// article or possessive opening a noun phrase, or a preposition or conjunction introducing one ("of flattened
    /// circular granal thylakoids", "a routing table", "the growing number"). After an auxiliary or a noun the
    /// verb form stays a verb ("was driven by", "Loudoun returned to").
    static let participleOpeners: Set<String> = articles.union(possessives)
        .union(["of", "in", "for", "with", "on", "from", "by", "as", "and", "or"])

    /// `pieces` with each verb form (`WordTraits.verbForm`) that stands between a `participleOpeners` word and a
    /// content word of the same sentence and line made a content word, and the phrases built again
    /// (`assign`), in the question-free path: "flattened" in "a stack of flattened circular granal thylakoids"
    /// was a phrase of its own, ranked with the verbs, and the answer "flattened circular" lost it. Answers kept
    /// without the question at r = 0.5 / 0.33 (issue 17, session 22; SQuAD items 0-119, NQ items 0-149): SQuAD
    /// 100 / 84 → 101 / 84, NQ 125 / 101 → 125 / 102.
    static func adjectivalParticiples(_ pieces: [Piece], bytes: [UInt8]) -> [Piece] {
        var out = pieces
        var changed = false
        for i in out.indices.dropFirst() where i + 1 < out.count {
            let piece = out[i]
            guard piece.kind == .word, piece.traits.contains(.verbForm), out[i - 1].kind == .word, out[i + 1].kind == .word,
                  out[i - 1].traits.contains(.stopword),
                  participleOpeners.contains(lowercasedWord(out[i - 1], bytes: bytes)),
                  !isStandalone(out[i + 1].traits),
                  out[i - 1].sentence == piece.sentence, out[i + 1].sentence == piece.sentence,
                  out[i - 1].line == piece.line, out[i + 1].line == piece.line,
                  !endsPhrase(bytes, out[i - 1].range), !endsPhrase(bytes, piece.range)
            else { continue }
            out[i].traits.remove(.verbForm)
            changed = true
        }
        guard changed else { return pieces }
        // `assign` marks the function words it joins (`WordTraits.article`) again from scratch.
        for i in out.indices { out[i].traits.remove(.article) }
        assign(&out, bytes: bytes)
        return out
    }
}
