/// What kind of answer a question asks for, read from its question words (the answer-type step of classic QA
/// systems): "who", "when", "how many" ask for a name, a date or a quantity; other questions ask for a phrase.
enum ExpectedAnswer: Equatable {
    /// A name, a date or a quantity.
    case entity
    /// Anything else: a description, a reason, a place phrase, a yes/no.
    case phrase

    /// Single question words that ask for an entity.
    static let entityWords: Set<String> = ["who", "whom", "whose", "when"]
    /// Word pairs that ask for an entity.
    static let entityPairs: Set<String> = [
        "how many", "how much", "how long", "how old", "what year", "which year", "what date",
    ]

    /// The answer type of `question` (any case, with or without a question mark).
    static func of(_ question: String) -> ExpectedAnswer {
        let words = question.lowercased().split { !$0.isLetter }.map(String.init)
        if words.contains(where: entityWords.contains) { return .entity }
        for (a, b) in zip(words, words.dropFirst()) where entityPairs.contains(a + " " + b) { return .entity }
        return .phrase
    }
}
