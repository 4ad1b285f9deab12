extension PhraseBuilder {
    /// Lowest ratio at which a verb form joins the preposition and the content phrase after it (`joiningVerbPrepositions`).
    /// Below it a budget has little room for a verb's tokens (longer preposition phrases cost answers at 0.33, issue 17
    /// session 22). SQuAD items 0-119 without the question at 0.5 (session 31): 101 → 103 answers kept.
    static let verbPrepositionsFrom = 0.4

    /// Prepositions that open a verb's complement ("returned to New York", "requested by governments",
    /// "participating in cell division", "according to market demand").
    static let prepositions: Set<String> = [
        "to", "by", "in", "into", "on", "onto", "at", "from", "with", "for", "about", "against", "through", "over",
        "under", "toward", "towards", "between", "within", "across", "among", "upon", "near",
    ]

    /// `pieces` with each verb form that stands alone as a phrase, followed by a preposition and a content phrase
    /// of the same sentence and line, joined with both into that phrase (the preposition marked `article`: restored
    /// only with its content words), while the joined phrase stays within `maxWords`: a verb with its complement
    /// is one predicate, and a question about it quotes it whole ("returned to New York" was kept as "New York",
    /// "requested by governments" as "governments"). Question-free path, from `verbPrepositionsFrom`.
    static func joiningVerbPrepositions(_ pieces: [Piece], bytes: [UInt8]) -> [Piece] {
        var out = pieces
        var i = 0
        while i + 2 < out.count {
            let verb = out[i], link = out[i + 1], next = out[i + 2]
            guard verb.kind == .word, link.kind == .word, next.kind == .word,
                  verb.traits.contains(.verbForm), isStandalone(verb.traits),
                  i == 0 || out[i - 1].kind != .word || out[i - 1].phrase != verb.phrase,
                  link.traits.contains(.stopword), link.phrase != verb.phrase, link.phrase != next.phrase,
                  prepositions.contains(lowercasedWord(link, bytes: bytes)),
                  !isStandalone(next.traits),
                  verb.sentence == link.sentence, link.sentence == next.sentence,
                  verb.line == link.line, link.line == next.line,
                  !endsPhrase(bytes, verb.range), !endsPhrase(bytes, link.range)
            else { i += 1; continue }
            let after = next.phrase
            var end = i + 2
            while end + 1 < out.count, out[end + 1].kind == .word, out[end + 1].phrase == after { end += 1 }
            guard end - i + 1 <= maxWords else { i += 1; continue }
            out[i].phrase = after
            out[i + 1].phrase = after
            out[i + 1].traits.insert(.article)
            i = end + 1
        }
        return out
    }
}
