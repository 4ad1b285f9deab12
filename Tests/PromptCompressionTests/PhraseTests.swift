import XCTest
@testable import PromptCompression

/// Phrases (what the fine pass keeps or drops whole), their lexical value, speaker labels and fillers.
final class PhraseTests: XCTestCase {
    private func phrases(
        _ s: String, detachingArticles: Bool = false, joiningConjunctions: Bool = false, participles: Bool = false,
        leadingArticlesApart: Bool = false, verbPrepositions: Bool = false
    ) -> [String] {
        let t = Segmenter.segmentText(Array(s.utf8), settings: .init())
        let builder = UnitBuilder(bytes: t.bytes)
        var out: [(Int, [String])] = []
        var pieces = detachingArticles ? PhraseBuilder.detachingArticles(t.pieces) : t.pieces
        if participles { pieces = PhraseBuilder.adjectivalParticiples(pieces, bytes: t.bytes) }
        if joiningConjunctions { pieces = PhraseBuilder.joiningConjunctions(pieces, bytes: t.bytes) }
        if verbPrepositions { pieces = PhraseBuilder.joiningVerbPrepositions(pieces, bytes: t.bytes) }
        if leadingArticlesApart { pieces = PhraseBuilder.detachingLeadingArticles(pieces, bytes: t.bytes) }
        for p in pieces where p.kind == .word {
            if let last = out.last, last.0 == p.phrase { out[out.count - 1].1.append(builder.text(p)) } else { out.append((p.phrase, [builder.text(p)])) }
        }
        return out.map { $0.1.joined(separator: " ") }
    }

    private func value(_ s: String, at index: Int = 0) -> Double {
        let t = Segmenter.segmentText(Array(s.utf8), settings: .init())
        let words = t.pieces.filter { $0.kind == .word }
        return PhraseBuilder.value(words.filter { $0.phrase == words[index].phrase }.map(\.traits))
    }

    func testContentRunsAreOnePhraseAndFunctionWordsStandAlone() {
        XCTAssertEqual(
            phrases("He thought it some form of the ordinary Eastern or bubonic plague."),
            ["He", "thought", "it", "some", "form", "of", "the ordinary Eastern", "or", "bubonic plague."])
    }

    /// An article is kept or dropped with the noun phrase it opens: answers quoted from a text ("beneath the liver",
    /// "The House of Representatives") are found only with it. Before a standalone word it stays alone.
    func testArticlesOpenTheirNounPhrase() {
        XCTAssertEqual(phrases("is beneath the liver"), ["is", "beneath", "the liver"])
        XCTAssertEqual(
            phrases("The House of Representatives and a new Speaker"), ["The House of Representatives", "and", "a new Speaker"])
        XCTAssertEqual(phrases("the most"), ["the", "most"])
        XCTAssertEqual(phrases("at the. End"), ["at", "the.", "End"])
    }

    /// A possessive opens its noun phrase as an article does, and "of" between two content words joins them:
    /// "her castle", "Inequality of opportunity" are answers quoted from NQ passages.
    func testPossessivesAndOfJoinNounPhrases() {
        XCTAssertEqual(phrases("arriving at her castle."), ["arriving", "at", "her castle."])
        XCTAssertEqual(phrases("informing her that"), ["informing", "her", "that"])
        XCTAssertEqual(phrases("Inequality of opportunity was higher"), ["Inequality of opportunity", "was", "higher"])
        XCTAssertEqual(phrases("the arms of Ireland may"), ["the arms of Ireland", "may"])
        // "of" before an article, or after a function word, stays alone.
        XCTAssertEqual(phrases("form of the plague"), ["form", "of", "the plague"])
        XCTAssertEqual(phrases("most of rooms"), ["most", "of", "rooms"])
        XCTAssertEqual(
            phrases("Inequality of opportunity was at her castle", detachingArticles: true),
            ["Inequality", "of", "opportunity", "was", "at", "her", "castle"])
    }

    /// Below `articlesFitApartBelow` the question-free fit keeps a phrase without its opening article or
    /// possessive (issue 17, session 23); "of" and a joined conjunction stay inside, and the article is marked no
    /// more (`WordTraits.article`), so the fit may keep it alone only as a word of its own.
    func testLeadingArticlesComeApart() {
        XCTAssertEqual(
            phrases("The House of Representatives and a new Speaker", leadingArticlesApart: true),
            ["The", "House of Representatives", "and", "a", "new Speaker"])
        XCTAssertEqual(phrases("arriving at her castle.", leadingArticlesApart: true), ["arriving", "at", "her", "castle."])
        XCTAssertEqual(
            phrases("allowed for the rapid spread of technologies and ideas.", joiningConjunctions: true, leadingArticlesApart: true),
            ["allowed", "for", "the", "rapid spread of technologies and ideas."])
        // An article before a standalone word was never joined and stays as it was.
        XCTAssertEqual(phrases("the most", leadingArticlesApart: true), ["the", "most"])
        let t = Segmenter.segmentText(Array("is beneath the liver".utf8), settings: .init())
        let apart = PhraseBuilder.detachingLeadingArticles(t.pieces, bytes: t.bytes)
        XCTAssertFalse(apart.contains { $0.traits.contains(.article) })
        XCTAssertTrue(PhraseBuilder.articlesFitApartBelow > 0.33 && PhraseBuilder.articlesFitApartBelow < 0.5)
    }

    /// Without a question (issue 17): "and"/"or" between two content phrases joins them ("time and space hierarchy
    /// theorems", "the architect or engineer"), but not two names or numbers of a list, nor across a comma.
    func testConjunctionsJoinCommonWordsWithoutAQuestion() {
        XCTAssertEqual(
            phrases("The time and space hierarchy theorems are", joiningConjunctions: true),
            ["The time and space hierarchy theorems", "are"])
        XCTAssertEqual(
            phrases("some form of the ordinary Eastern or bubonic plague.", joiningConjunctions: true),
            ["some", "form", "of", "the ordinary Eastern or bubonic plague."])
        XCTAssertEqual(
            phrases("written by Kix Brooks, Ronnie Dunn and Don Cook.", joiningConjunctions: true),
            ["written", "by", "Kix Brooks,", "Ronnie Dunn", "and", "Don Cook."])
        XCTAssertEqual(phrases("red apples, and pears", joiningConjunctions: true), ["red apples,", "and", "pears"])
        XCTAssertEqual(phrases("is and was", joiningConjunctions: true), ["is", "and", "was"])
        // A long noun phrase before the conjunction still takes the word after it, up to `conjunctionMaxWords`
        // ("the rapid spread of technologies and ideas" held the answer "technologies and ideas").
        XCTAssertEqual(
            phrases("allowed for the rapid spread of technologies and ideas.", joiningConjunctions: true),
            ["allowed", "for", "the rapid spread of technologies and ideas."])
        XCTAssertEqual(
            phrases("the rapid spread of new technologies and cultural ideas.", joiningConjunctions: true),
            ["the rapid spread of new technologies", "and", "cultural ideas."])
        // The joined conjunction is restored only with its content words, as an article is.
        let t = Segmenter.segmentText(Array("the architect or engineer acts".utf8), settings: .init())
        let joined = PhraseBuilder.joiningConjunctions(t.pieces, bytes: t.bytes)
        XCTAssertEqual(joined.filter { $0.traits.contains(.article) }.count, 2)
    }

    /// Without a question, a verb form between an article, possessive or preposition and a content word is an
    /// adjective of that word and joins its phrase; after an auxiliary or a noun it stays a verb of its own.
    func testVerbFormsBeforeANounJoinItWithoutAQuestion() {
        XCTAssertEqual(phrases("In a routing table, routes", participles: true), ["In", "a routing table,", "routes"])
        XCTAssertEqual(phrases("a stack of flattened circular thylakoids", participles: true),
                       ["a stack of flattened circular thylakoids"])
        XCTAssertEqual(phrases("a stack of flattened circular thylakoids"), ["a stack", "of", "flattened", "circular thylakoids"])
        XCTAssertEqual(phrases("the growing number", participles: true), ["the growing number"])
        XCTAssertEqual(phrases("it was opened by hand", participles: true), ["it", "was", "opened", "by", "hand"])
        XCTAssertEqual(phrases("Loudoun returned home", participles: true), ["Loudoun", "returned", "home"])
        // Not before a function word or across a comma.
        XCTAssertEqual(phrases("the fighting, and the rest", participles: true), ["the", "fighting,", "and", "the rest"])
        XCTAssertEqual(phrases("of running the race", participles: true), ["of", "running", "the race"])
        // The joined function words are marked again (`WordTraits.article`): restored only with their nouns.
        let t = Segmenter.segmentText(Array("a stack of flattened circular thylakoids".utf8), settings: .init())
        let joined = PhraseBuilder.adjectivalParticiples(t.pieces, bytes: t.bytes)
        XCTAssertEqual(joined.filter { $0.traits.contains(.article) }.count, 2)
        XCTAssertFalse(joined.contains { $0.traits.contains(.verbForm) })
    }

    /// Without a question, from `verbPrepositionsFrom`, a verb form standing alone joins the preposition and the
    /// content phrase after it: a question quotes the predicate whole ("returned to New York", "requested by
    /// governments"). Not across a comma, not before a function word, not past `maxWords`.
    func testVerbFormsJoinTheirPrepositionalComplementWithoutAQuestion() {
        XCTAssertEqual(phrases("Loudoun returned to New York in 1757."), ["Loudoun", "returned", "to", "New York", "in", "1757."])
        XCTAssertEqual(phrases("Loudoun returned to New York in 1757.", verbPrepositions: true),
                       ["Loudoun", "returned to New York", "in", "1757."])
        XCTAssertEqual(phrases("They were requested by governments.", verbPrepositions: true),
                       ["They", "were", "requested by governments."])
        XCTAssertEqual(phrases("prices rise according to market demand", verbPrepositions: true),
                       ["prices rise", "according to market demand"])
        XCTAssertEqual(phrases("he returned, to New York", verbPrepositions: true), ["he", "returned,", "to", "New York"])
        XCTAssertEqual(phrases("it returned to them", verbPrepositions: true), ["it", "returned", "to", "them"])
        XCTAssertEqual(phrases("it returned to the city", verbPrepositions: true), ["it", "returned", "to", "the city"])
        XCTAssertEqual(phrases("sent to Fort St. Frederic North American colonial base", verbPrepositions: true).first, "sent")
        // The preposition is restored only with its content words, as an article is.
        let t = Segmenter.segmentText(Array("requested by governments".utf8), settings: .init())
        let joined = PhraseBuilder.joiningVerbPrepositions(t.pieces, bytes: t.bytes)
        XCTAssertEqual(joined.filter { $0.traits.contains(.article) }.count, 1)
        XCTAssertEqual(Set(joined.filter { $0.kind == .word }.map(\.phrase)).count, 1)
    }

    /// Without a question, the phrases of the first sentence gain `leadSentenceBonus`: every word of that sentence
    /// and no word of a later one.
    func testLeadSentenceIsTheFirstSentenceWithWords() {
        let t = Segmenter.segmentText(Array("Nigeria is the largest producer in Africa. Crude oil comes in two types.".utf8),
                                      settings: .init())
        let builder = UnitBuilder(bytes: t.bytes)
        let lead = PhraseBuilder.leadSentencePieces(t.pieces).map { builder.text(t.pieces[$0]).trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(lead, ["Nigeria", "is", "the", "largest", "producer", "in", "Africa."])
        XCTAssertEqual(PhraseBuilder.leadSentencePieces(Segmenter.segmentText(Array("  \n".utf8), settings: .init()).pieces), [])
    }

    /// "I" after a name is a Roman numeral ("Block I"), not the pronoun; at a sentence start it stays the pronoun.
    func testRomanOneJoinsTheNameBeforeIt() {
        XCTAssertEqual(phrases("replacement of the Block I plug-type hatch"), ["replacement", "of", "the Block I plug-type hatch"])
        XCTAssertEqual(phrases("after World War I."), ["after", "World War I."])
        XCTAssertEqual(phrases("Yesterday I went"), ["Yesterday", "I", "went"])
    }

    /// Without a question, a name or number repeated from an earlier phrase loses part of its value.
    func testRepeatedNamesAreMarked() {
        let t = Segmenter.segmentText(Array("It was Turing machines. It is Turing machines, and so on.".utf8), settings: .init())
        let repeated = PhraseBuilder.repeatedValues(t)
        let words = t.pieces.filter { $0.kind == .word }
        let turing = words.filter { UnitBuilder(bytes: t.bytes).text($0).hasPrefix("Turing") }.map(\.phrase)
        XCTAssertEqual(turing.count, 2)
        XCTAssertNil(repeated[turing[0]])
        XCTAssertEqual(repeated[turing[1]] ?? 0, 2, accuracy: 1e-9)
    }

    /// Without a question, each phrase loses `sentenceRankDiscount` per better phrase of its own sentence, so the
    /// best phrase of a sparse sentence outranks the third of a dense one with the same priority.
    func testSentenceRankDiscountsFavourEachSentencesBestPhrase() {
        let t = Segmenter.segmentText(Array("Rome fell in 476 after Alaric came. Paris grew in 1200.".utf8), settings: .init())
        let words = t.pieces.enumerated().filter { $0.element.kind == .word }
        let builder = UnitBuilder(bytes: t.bytes)
        var priority = [Double](repeating: -40, count: t.pieces.count)
        for (p, piece) in words where !piece.traits.contains(.stopword) && !piece.traits.contains(.verbForm) {
            priority[p] = 10
        }
        let discounts = PhraseBuilder.sentenceRankDiscounts(t.pieces, priority: priority)
        func phrase(_ w: String) -> Int { words.first { builder.text($0.element).hasPrefix(w) }!.element.phrase }
        XCTAssertNil(discounts[phrase("Rome")])
        XCTAssertNil(discounts[phrase("Paris")])
        XCTAssertNil(discounts[phrase("in")], "phrases below zero are not ranked")
        let third = discounts[phrase("Alaric")] ?? 0
        XCTAssertEqual(discounts[phrase("476")] ?? 0, PhraseBuilder.sentenceRankDiscount, accuracy: 1e-9)
        XCTAssertEqual(third, 2 * PhraseBuilder.sentenceRankDiscount, accuracy: 1e-9)
        XCTAssertLessThan(10 - third, 10 - (discounts[phrase("1200")] ?? 0))
    }

    func testArticlesStandAloneWhenDetachedForLowRatios() {
        XCTAssertEqual(phrases("is beneath the liver", detachingArticles: true), ["is", "beneath", "the", "liver"])
        XCTAssertEqual(
            phrases("The House of Representatives and a new Speaker", detachingArticles: true),
            ["The", "House of Representatives", "and", "a", "new Speaker"])
        // Only an article that opened a phrase is marked: "the most" was never one phrase.
        let t = Segmenter.segmentText(Array("the most of the liver".utf8), settings: .init())
        XCTAssertEqual(t.pieces.filter { $0.traits.contains(.article) }.count, 1)
    }

    func testPunctuationClosesAPhraseAndBareSymbolsStayInside() {
        XCTAssertEqual(phrases("large basin, vast lake"), ["large basin,", "vast lake"])
        XCTAssertEqual(phrases("about 356 ± 47 tonnes"), ["about", "356 ± 47 tonnes"])
    }

    func testAdverbsAndVerbFormsStandAlone() {
        XCTAssertEqual(phrases("rapidly expanding money supply"), ["rapidly", "expanding", "money supply"])
        XCTAssertEqual(phrases("the enclosed early family lake"), ["the", "enclosed", "early family lake"])
    }

    func testPhrasesEndAtLineBreaks() {
        XCTAssertEqual(phrases("red apples\ngreen pears"), ["red apples", "green pears"])
    }

    func testValueOrder() {
        let number = value("cost 1,100 euros", at: 1)
        let numeral = value("cost four euros", at: 1)
        let name = value("met Ana Kowalski", at: 1)
        let plain = value("a quiet room", at: 1)
        let verb = value("a moving room", at: 1)
        let adverb = value("a quietly room", at: 1)
        let function = value("of quiet rooms", at: 0)
        XCTAssertEqual(number, numeral)
        XCTAssertGreaterThan(number, name)
        XCTAssertGreaterThan(name, plain)
        XCTAssertGreaterThan(plain, verb)
        XCTAssertGreaterThan(verb, adverb)
        XCTAssertGreaterThan(adverb, function)
        // A capitalised function word opening a sentence is still a function word.
        XCTAssertEqual(value("Of rooms"), function)
    }

    func testSpeakerLabelsAreStructureAndFillersAreFunctionWords() {
        let s = "Project Manager: Yeah . We start at 9.\nQ: what now?\nsee http://x.org: fine\nNot a label : here"
        let t = Segmenter.segmentText(Array(s.utf8), settings: .init())
        let structure = t.pieces.filter { $0.kind == .structure }.map { String(decoding: t.bytes[$0.range], as: UTF8.self) }
        XCTAssertEqual(structure, ["Project Manager:", "Q:"])
        let yeah = t.pieces.first { $0.kind == .word && String(decoding: t.bytes[$0.range], as: UTF8.self).hasSuffix("Yeah") }
        XCTAssertTrue(yeah?.traits.contains(.stopword) ?? false)
        // Each labelled line is a unit of its own.
        XCTAssertEqual(Set(t.pieces.filter { $0.kind == .word && $0.line <= 1 }.map(\.sentence)).count, 2)
    }

    /// The question contrast shifts a phrase by at most 1.5 nats (3 nats clamped, times its weight): less than
    /// one lexical value step, so a question word repeated in the text cannot outrank a name or a number.
    func testQuestionContrastIsBounded() {
        let plain = PhraseScore.score(surprisal: 4, contrast: 0, value: 0)
        XCTAssertLessThanOrEqual(PhraseScore.score(surprisal: 4, contrast: 9, value: 0) - plain, 1.5 + 1e-9)
        XCTAssertGreaterThanOrEqual(PhraseScore.score(surprisal: 4, contrast: -9, value: 0) - plain, -1.5 - 1e-9)
        XCTAssertGreaterThan(PhraseScore.score(surprisal: 4, contrast: 0, value: 2), PhraseScore.score(surprisal: 4, contrast: 3, value: 0))
    }
}
