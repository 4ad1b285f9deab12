/// A question's prior on the phrases of the text, added to their lexical value in the fine pass: a phrase of the
/// kind the question asks for ("who": a name, "when": a date or year, "how many": a number, "where": a name after
/// a place preposition) is worth more, and a phrase made only of the question's own words is worth less (the
/// reader has them). On Natural Questions the answer often sits beside the words that repeat the question ("who
/// wrote knockin' on heaven's door": the sentence repeats the title and the name after "by" is the answer).
struct AnswerPrior {
    /// What the question asks for.
    let kind: ExpectedAnswer.Kind
    /// Content-word stems of the question (`LexicalRelevance.contentStems`).
    let questionStems: Set<String>

    /// Value added to a phrase of the asked-for kind (a fifth of a name's value over a plain word's; answers kept
    /// at r = 0.33 with the question, NQ dev items 0-79: 57 → 64 of 80 with this and `echoPenalty`).
    static let kindBonus = 1.0
    /// Value taken from a phrase whose content words all repeat the question.
    static let echoPenalty = 1.0
    /// The prior applies below this ratio only: at 0.5 nearly every name and date of the answer's sentence fits,
    /// and reordering them lost NQ "who was involved in the mapp vs ohio case" (Dollree Mapp) at 0.5.
    static let appliesBelow = 0.45
    /// Prepositions that put a name in a place ("in Sudbury", "near Flamborough Head").
    static let placePrepositions: Set<String> = ["in", "at", "near"]

    init(question: String) {
        kind = ExpectedAnswer.kind(of: question)
        questionStems = LexicalRelevance.contentStems(question)
    }

    /// The value to add to a phrase of `words` with `traits`, after the word `before` (lowercased core; nil at
    /// the start of a unit).
    func adjustment(words: [String], traits: [WordTraits], before: String?) -> Double {
        let content = zip(words, traits).filter { !$0.1.contains(.stopword) }.map { LexicalRelevance.stem($0.0) }
        guard !content.isEmpty else { return 0 }
        if content.allSatisfy(echoes) { return -Self.echoPenalty }
        let named = traits.contains { $0.contains(.capitalized) && !$0.contains(.stopword) }
        let numbered = traits.contains { $0.contains(.number) || $0.contains(.numeral) }
        let matches: Bool
        switch kind {
        case .person:
            // The agent of a passive ("written by Bob Dylan", "led by General George Washington") counts twice.
            if named && before == "by" { return 2 * Self.kindBonus }
            matches = named
        case .time: matches = numbered || words.contains { Lexicon.months.contains(UnitBuilder.core($0)) }
        case .quantity: matches = numbered
        case .place:
            let opener = before ?? ""
            let first = words.first.map(UnitBuilder.core) ?? ""
            matches = named && (Self.placePrepositions.contains(opener) || Self.placePrepositions.contains(first))
        case .other: matches = false
        }
        return matches ? Self.kindBonus : 0
    }

    /// Whether a content-word stem repeats a question word: the same stem, or the same first five letters
    /// ("knockin'" and "knocking").
    func echoes(_ stem: String) -> Bool {
        if questionStems.contains(stem) { return true }
        guard stem.count >= 5 else { return false }
        let head = stem.prefix(5)
        return questionStems.contains { $0.count >= 5 && $0.prefix(5) == head }
    }
}
