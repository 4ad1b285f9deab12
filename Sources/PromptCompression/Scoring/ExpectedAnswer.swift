/// What kind of answer a question asks for, read from its first question word (the answer-type step of classic QA
/// systems): "who", "when", "how many" ask for a name, a date or a quantity; other questions ask for a phrase.
/// Only the first question word counts: "what song did the band play when it sank" asks for a title, and "Doctor
/// Who" in a question is a name, not a question word, once a question word came before it.
enum ExpectedAnswer: Equatable {
    /// A name, a date or a quantity.
    case entity
    /// Anything else: a description, a reason, a place phrase, a yes/no.
    case phrase

    /// Question words.
    static let questionWords: Set<String> = ["what", "which", "who", "whom", "whose", "when", "where", "why", "how"]
    /// Question words that ask for an entity on their own.
    static let entityWords: Set<String> = ["who", "whom", "whose", "when"]
    /// A question word and the next word that ask for an entity together.
    static let entityPairs: Set<String> = [
        "how many", "how much", "how long", "how old", "what year", "which year", "what date",
    ]

    /// The answer type of `question` (any case, with or without a question mark).
    static func of(_ question: String) -> ExpectedAnswer {
        let words = question.lowercased().split { !$0.isLetter }.map(String.init)
        guard let i = words.firstIndex(where: questionWords.contains) else { return .phrase }
        if entityWords.contains(words[i]) { return .entity }
        if i + 1 < words.count, entityPairs.contains(words[i] + " " + words[i + 1]) { return .entity }
        return .phrase
    }

    /// The finer kind of answer a question asks for, read like `of(_:)`: a person, a time, a quantity, a place or
    /// anything else.
    enum Kind: Equatable {
        case person, time, quantity, place, other
    }

    /// The kind of answer `question` asks for ("who" a person, "when" and "what year" a time, "how many" a
    /// quantity, "where" a place).
    static func kind(of question: String) -> Kind {
        let words = question.lowercased().split { !$0.isLetter }.map(String.init)
        guard let i = words.firstIndex(where: questionWords.contains) else { return .other }
        let pair = i + 1 < words.count ? words[i] + " " + words[i + 1] : ""
        switch words[i] {
        case "who", "whom", "whose": return .person
        case "when": return .time
        case "where": return .place
        default: break
        }
        if ["what year", "which year", "what date"].contains(pair) { return .time }
        if entityPairs.contains(pair) { return .quantity }
        return .other
    }
}
