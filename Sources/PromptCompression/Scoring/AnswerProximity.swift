import Foundation

/// The words most likely to answer the question, by the proximity heuristic of classic extractive QA (a
/// candidate of the asked-for kind near the passage's words that repeat the question): "where was the first
/// season filmed" → "Sudbury" in "...was filmed ... in Sudbury, Parry Sound"; "who sang X" → the name before "she
/// ... the song X". The compressor keeps them before anything else of its budget: on Natural Questions the
/// question path kept the sentence that repeats the question and dropped the name beside it (issue 17).
struct AnswerProximity {
    /// How fast a repeated question word's pull decays with distance, in words.
    static let decayWords = 6.0
    /// Weight of a repeated question word in another sentence than the candidate.
    static let otherSentence = 0.5
    /// Candidates scoring below this are not kept (no repeated question word close enough).
    static let minimumScore = 0.15
    /// Share of the budget that forced answer candidates may take.
    static let maxBudgetShare = 0.3
    /// Share of the budget the best candidate alone may take: a full date is ten model tokens (Gemma splits digits).
    static let bestBudgetShare = 0.5

    /// Candidate pieces to keep for `question`, best first (at most `limit` candidates, each with the function words
    /// right before it), word pieces only; each group is kept whole or not at all.
    static func candidates(in text: SegmentedText, question: String, limit: Int) -> [[Int]] {
        guard limit > 0 else { return [] }
        let prior = AnswerPrior(question: question)
        guard !prior.questionStems.isEmpty else { return [] }
        let builder = UnitBuilder(bytes: text.bytes)
        let words = text.pieces.indices.filter { text.pieces[$0].kind == .word }
        var contents: [[String]] = []
        var echoed: [[String]] = []
        var stemCounts: [String: Int] = [:]
        for p in words {
            let parts = builder.text(text.pieces[p]).split(separator: " ").map(String.init)
            let content = parts.filter { !Lexicon.stopwords.contains(UnitBuilder.core($0)) && !UnitBuilder.core($0).isEmpty }
            contents.append(content)
            echoed.append(content.map(LexicalRelevance.stem).filter(prior.echoes))
            for s in echoed[echoed.count - 1] { stemCounts[s, default: 0] += 1 }
        }
        // A question word repeated often in the passage points to no place in particular.
        let echoWeight = echoed.map { stems in stems.reduce(0.0) { $0 + 1 / Double(stemCounts[$1] ?? 1) } }
        let echoes = echoWeight.indices.filter { echoWeight[$0] > 0 }
        guard !echoes.isEmpty else { return [] }
        var scored: [(piece: Int, score: Double)] = []
        for (i, p) in words.enumerated() where echoWeight[i] == 0 && !contents[i].isEmpty {
            let before = i > 0 ? UnitBuilder.core(builder.text(text.pieces[words[i - 1]])) : nil
            let match = kindMatch(prior.kind, piece: text.pieces[p], words: contents[i], before: before)
            guard match > 0 else { continue }
            var pull = 0.0
            for e in echoes {
                let same = text.pieces[words[e]].sentence == text.pieces[p].sentence
                pull += echoWeight[e] * exp(-Double(abs(e - i)) / decayWords) * (same ? 1 : otherSentence)
            }
            let score = match * pull
            // A question that names the kind it asks for takes its nearest candidates however far; a phrase
            // question ("what ...") only names or numbers close to its repeated words.
            if prior.kind != .other || score >= minimumScore { scored.append((p, score)) }
        }
        let best = scored.sorted { ($0.score, -$0.piece) > ($1.score, -$1.piece) }.prefix(limit).map(\.piece)
        return best.map { leadingFunctionWords(before: $0, in: text) + [$0] }
    }

    /// Up to two function words right before piece `p` in its sentence ("in the 1920s", "near Flamborough Head",
    /// "about 1500 BC", "more than 50"): an answer is often quoted with them.
    static func leadingFunctionWords(before p: Int, in text: SegmentedText) -> [Int] {
        var out: [Int] = []
        var q = p - 1
        while q >= 0, out.count < 2, text.pieces[q].kind == .word, text.pieces[q].sentence == text.pieces[p].sentence,
              text.pieces[q].traits.contains(.stopword), !text.pieces[q].traits.contains(.sentenceEnd),
              !PhraseBuilder.endsPhrase(text.bytes, text.pieces[q].range)
        {
            out.insert(q, at: 0)
            q -= 1
        }
        return out
    }

    /// How well a word piece fits the asked-for kind (0: not a candidate).
    static func kindMatch(_ kind: ExpectedAnswer.Kind, piece: Piece, words: [String], before: String?) -> Double {
        let t = piece.traits
        let named = t.contains(.capitalized) && !t.contains(.stopword)
            && !(t.contains(.sentenceStart) && !t.contains(.compound) && words.count == 1 && Lexicon.stopwords.contains(UnitBuilder.core(words[0])))
        let numbered = t.contains(.number) || t.contains(.numeral)
        switch kind {
        case .person:
            guard named else { return 0 }
            return before == "by" ? 2 : 1
        case .time:
            let cores = words.map(UnitBuilder.core)
            if cores.contains(where: { Lexicon.months.contains($0) || isYear($0) }) { return 1 }
            // "The fifth season", "its 100th episode": an ordinal counts, it does not date.
            return numbered && !cores.allSatisfy(isOrdinalOrWord) ? 0.3 : 0
        case .quantity:
            guard numbered else { return 0 }
            let cores = words.map(UnitBuilder.core)
            // A year or an ordinal rarely answers "how many".
            return cores.contains { !isYear($0) && !isOrdinalOrWord($0) && ($0.contains(where: \.isNumber) || Lexicon.numerals.contains($0)) } ? 1 : 0.3
        case .place:
            guard named else { return 0 }
            return AnswerPrior.placePrepositions.contains(before ?? "") ? 2 : 1
        case .other:
            return named || numbered ? 0.5 : 0
        }
    }

    /// A year or a decade ("1937", "1920s", "1770–1850", "2008–09").
    static func isYear(_ core: String) -> Bool {
        let lead = core.prefix { $0.isNumber }
        guard lead.count == 4, let y = Int(lead), (1000...2199).contains(y) else { return false }
        let rest = core.dropFirst(4)
        return rest.isEmpty || rest == "s" || rest.first == "–" || rest.first == "-"
    }

    /// An ordinal ("fifth", "100th", "2nd") or a word that is not a number at all.
    static func isOrdinalOrWord(_ core: String) -> Bool {
        if Lexicon.ordinals.contains(core) { return true }
        guard core.contains(where: \.isNumber) else { return !Lexicon.numerals.contains(core) }
        let digits = core.prefix { $0.isNumber }
        return !digits.isEmpty && ["st", "nd", "rd", "th"].contains(String(core.dropFirst(digits.count)))
    }

    /// How many candidates to keep at `ratio`: three at 0.5, two at 0.33, one at 0.2.
    static func limit(ratio: Double) -> Int {
        max(1, Int((ratio * 6).rounded()))
    }
}
