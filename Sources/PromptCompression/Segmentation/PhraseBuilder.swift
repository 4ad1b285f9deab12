/// Groups word pieces into phrases, the units the fine pass keeps or drops: a run of content words (a noun
/// phrase, a name, a number with its unit) stays whole, with the article or possessive that opens it and an "of"
/// between its content words (at ratios from `articlesJoinFrom`), and each other function word,
/// adverb or verb form is a phrase of its own. Keeping "bubonic plague" whole matters more than keeping its
/// surprising half: a fact survives compression only if all of its words do; and an answer quoted from the text
/// ("beneath the liver", "her castle", "Inequality of opportunity") is found only with its function words.
enum PhraseBuilder {
    /// Longest phrase, in word pieces.
    static let maxWords = 6

    /// Sets `phrase` on every word piece of `pieces` (ids ascending in input order).
    static func assign(_ pieces: inout [Piece], bytes: [UInt8]) {
        var count = 0
        var open = false
        var openWords = 0
        var last: Int?
        for i in pieces.indices {
            let piece = pieces[i]
            guard piece.kind == .word else { open = false; continue }
            let alone = isStandalone(piece.traits)
            let sameLine = last.map { pieces[$0].sentence == piece.sentence && pieces[$0].line == piece.line } ?? false
            // A link joins only with room for the content word after it.
            let links = alone && open && sameLine && openWords + 1 < maxWords
                && last.map { !isStandalone(pieces[$0].traits) } ?? false
                && linksNouns(piece, bytes: bytes) && nextIsContent(pieces, after: i)
            let joins = open && (!alone || links) && openWords < maxWords && sameLine
            if joins {
                if let last, openWords == 1, isStandalone(pieces[last].traits) { pieces[last].traits.insert(.article) }
                if links { pieces[i].traits.insert(.article) }
                openWords += 1
            } else {
                count += 1
                openWords = 1
            }
            pieces[i].phrase = count - 1
            open = (!alone || links || opensNounPhrase(piece, bytes: bytes)) && !endsPhrase(bytes, piece.range)
            last = i
        }
    }

    /// Articles: kept or dropped with the noun phrase they open ("the liver", "The House of Representatives").
    static let articles: Set<String> = ["the", "a", "an"]

    /// Possessive determiners: they open a noun phrase as an article does ("her castle", "his cousin Dáin").
    static let possessives: Set<String> = ["his", "her", "its", "their", "our", "my", "your"]

    /// Function words that link the content words on either side into one phrase ("Inequality of opportunity",
    /// "the arms of Ireland"). "and" and "or" were measured too and left out: longer phrases cost NQ answers at
    /// 0.5 ("September 1994 and August 1995" outranked "Dilwale Dulhania Le Jayenge").
    static let nounLinks: Set<String> = ["of"]

    /// Whether a word piece is an article, which opens the phrase of the content words after it.
    static func opensNounPhrase(_ piece: Piece, bytes: [UInt8]) -> Bool {
        guard piece.traits.contains(.stopword) else { return false }
        let word = lowercasedWord(piece, bytes: bytes)
        return articles.contains(word) || possessives.contains(word)
    }

    /// Whether a word piece is a function word that joins the nouns on either side of it.
    static func linksNouns(_ piece: Piece, bytes: [UInt8]) -> Bool {
        piece.traits.contains(.stopword) && nounLinks.contains(lowercasedWord(piece, bytes: bytes))
    }

    /// Whether the piece after `i` is a content word of the same sentence and line.
    static func nextIsContent(_ pieces: [Piece], after i: Int) -> Bool {
        let j = i + 1
        guard j < pieces.count, pieces[j].kind == .word else { return false }
        return pieces[j].sentence == pieces[i].sentence && pieces[j].line == pieces[i].line && !isStandalone(pieces[j].traits)
    }

    /// A word piece's text without its leading space, lowercased.
    static func lowercasedWord(_ piece: Piece, bytes: [UInt8]) -> String {
        String(decoding: bytes[(piece.range.lowerBound + piece.leadingSpace)..<piece.range.upperBound], as: UTF8.self).lowercased()
    }

    /// Lowest ratio at which an article stays in the phrase it opens. Below it every kept token must be a content
    /// word: an article costs the budget a name or number needs (issue 17: at 0.2, NQ "who wrote the book the
    /// origin of species" kept "the Origin of Species the the Preservation ..." and lost "Charles Darwin").
    static let articlesJoinFrom = 0.3

    /// `pieces` with every joined function word (`WordTraits.article`) made a phrase of its own, after the
    /// existing phrases, and the words after a detached link ("opportunity" in "Inequality of opportunity") a
    /// phrase apart from the words before it, as if the link had never joined them.
    static func detachingArticles(_ pieces: [Piece]) -> [Piece] {
        var out = pieces
        var next = (pieces.map(\.phrase).max() ?? -1) + 1
        var renamed: [Int: Int] = [:]
        for i in out.indices where out[i].kind == .word {
            let original = pieces[i].phrase
            if out[i].traits.contains(.article) {
                out[i].phrase = next
                out[i].traits.remove(.article)
                next += 1
                if i > 0, pieces[i - 1].kind == .word, pieces[i - 1].phrase == original {
                    renamed[original] = next
                    next += 1
                }
            } else if let id = renamed[original] {
                out[i].phrase = id
            }
        }
        return out
    }

    /// A phrase as the selection passes see it: its pieces in input order and their token cost.
    struct Run {
        /// The first piece (its score and priority stand for the phrase's).
        var first: Int
        /// Every piece of the phrase.
        var pieces: [Int]
        /// Tokens the phrase costs.
        var cost: Int
    }

    /// Groups `indices` (ascending) into runs: consecutive word pieces of one phrase form one run; any other
    /// piece (a code block) is a run of its own.
    static func runs(_ indices: [Int], in pieces: [Piece], cost: (Int) -> Int) -> [Run] {
        var runs: [Run] = []
        for p in indices {
            if pieces[p].kind == .word, let last = runs.last, pieces[last.first].kind == .word,
               pieces[last.first].phrase == pieces[p].phrase {
                runs[runs.count - 1].pieces.append(p)
                runs[runs.count - 1].cost += cost(p)
            } else {
                runs.append(Run(first: p, pieces: [p], cost: cost(p)))
            }
        }
        return runs
    }

    /// Words that form a phrase alone: function words, adverbs, verb forms, negations. Bare punctuation
    /// ("±", "–", "&") stays inside the phrase around it.
    static func isStandalone(_ t: WordTraits) -> Bool {
        if t.contains(.number) || t.contains(.numeral) || t.contains(.literal) { return false }
        return !t.isDisjoint(with: [.stopword, .adverb, .verbForm, .negation])
    }

    /// A word ending in punctuation or a closing quote or bracket closes its phrase.
    static func endsPhrase(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        let tail = bytes[range].suffix(3)
        if let last = tail.last, ",.;:!?)]}\"'".utf8.contains(last) { return true }
        return tail.elementsEqual([0xE2, 0x80, 0x9D]) || tail.elementsEqual([0xE2, 0x80, 0x99])  // ” and ’
    }

    /// How much a phrase is worth keeping before the model has a say, from its words' traits: numbers, names,
    /// literals and negations first, then other content words, verb forms, adverbs, and function words last.
    static func value(_ traits: [WordTraits]) -> Double {
        traits.map(wordValue).max() ?? 0
    }

    /// The value of one word (see `value`).
    static func wordValue(_ t: WordTraits) -> Double {
        if t.contains(.number) || t.contains(.numeral) || t.contains(.literal) || t.contains(.negation) { return 2.5 }
        if t.contains(.stopword) { return -10 }
        if t.contains(.capitalized) { return t.contains(.sentenceStart) && !t.contains(.compound) ? 0.5 : 2 }
        if t.contains(.compound) { return 2 }
        if t.contains(.punctuation) { return -3 }
        if t.contains(.adverb) { return -4 }
        if t.contains(.verbForm) { return -2 }
        return 0
    }

    /// Per coarse unit, its droppable tokens (counted word and code pieces) grouped by phrase value; a code
    /// block counts as plain content.
    static func valueTokens(_ text: SegmentedText, costs: [Int]) -> [[Double: Int]] {
        text.units.map { unit in
            var phrases: [Int: (traits: [WordTraits], tokens: Int)] = [:]
            var out: [Double: Int] = [:]
            for p in unit.pieces where text.pieces[p].counted {
                switch text.pieces[p].kind {
                case .code: out[0, default: 0] += costs[p]
                case .word: phrases[text.pieces[p].phrase, default: ([], 0)].traits.append(text.pieces[p].traits)
                    phrases[text.pieces[p].phrase]!.tokens += costs[p]
                default: break
                }
            }
            for phrase in phrases.values { out[value(phrase.traits), default: 0] += phrase.tokens }
            return out
        }
    }
}

extension PhraseBuilder {
    /// Share of a phrase's lexical value it loses when the same words (lowercased, function words aside) already
    /// appeared in an earlier phrase of the text, in the question-free path: a name or number is worth keeping
    /// for what it tells the reader, and a repeat tells nothing the first occurrence did not ("Turing machines"
    /// six times in one paragraph outranked every common noun, among them the answer "complexity classes").
    static let repeatDiscount = 0.5

    /// Per phrase id of `text`, its lexical value (`value`) when an earlier phrase has the same content words,
    /// 0 otherwise.
    static func repeatedValues(_ text: SegmentedText) -> [Int: Double] {
        let builder = UnitBuilder(bytes: text.bytes)
        var words: [Int: [String]] = [:]
        var traits: [Int: [WordTraits]] = [:]
        var order: [Int] = []
        for piece in text.pieces where piece.kind == .word {
            if words[piece.phrase] == nil { order.append(piece.phrase); words[piece.phrase] = [] }
            traits[piece.phrase, default: []].append(piece.traits)
            if piece.traits.contains(.stopword) { continue }
            let core = UnitBuilder.core(builder.text(piece))
            if !core.isEmpty { words[piece.phrase]!.append(core) }
        }
        var seen = Set<[String]>()
        var out: [Int: Double] = [:]
        for phrase in order {
            let key = words[phrase]!
            guard !key.isEmpty else { continue }
            if !seen.insert(key).inserted { out[phrase] = max(0, value(traits[phrase]!)) }
        }
        return out
    }
}

extension PhraseBuilder {
    /// Conjunctions that join two content phrases into one in the question-free path ("time and space hierarchy
    /// theorems", "December, January and February", "rise and fall").
    static let conjunctions: Set<String> = ["and", "or"]

    /// Longest phrase a conjunction may make, in word pieces: more than `maxWords`, since the phrase before the
    /// conjunction is often a whole noun phrase ("the rapid spread of technologies and ideas" lost the answer
    /// "technologies and ideas" at 6). Answers kept without the question at r = 0.5 / 0.33 (issue 17; SQuAD items
    /// 0-119, NQ items 0-149): 6 words, SQuAD 98 / 83 and NQ 124 / 101; 8 words, 100 / 84 and 124 / 101.
    static let conjunctionMaxWords = 8

    /// Whether a word is a name or a number: each one of a list of them is complete on its own ("Kix Brooks,
    /// Ronnie Dunn and Don Cook"), while coordinated common words often share what follows them.
    static func isName(_ t: WordTraits) -> Bool {
        t.contains(.number) || t.contains(.numeral) || (t.contains(.capitalized) && !t.contains(.sentenceStart))
    }

    /// `pieces` with each "and"/"or" between two content phrases of one sentence and line joined, with the phrase
    /// after it, to the phrase before it (marked `article`: restored only with its content words), while the
    /// joined phrase stays within `conjunctionMaxWords`.
    static func joiningConjunctions(_ pieces: [Piece], bytes: [UInt8]) -> [Piece] {
        var out = pieces
        var i = 1
        while i + 1 < out.count {
            let piece = out[i]
            guard piece.kind == .word, piece.traits.contains(.stopword), out[i - 1].kind == .word, out[i + 1].kind == .word,
                  conjunctions.contains(lowercasedWord(piece, bytes: bytes)),
                  !isStandalone(out[i - 1].traits), !isStandalone(out[i + 1].traits),
                  out[i - 1].sentence == piece.sentence, out[i + 1].sentence == piece.sentence,
                  out[i - 1].line == piece.line, out[i + 1].line == piece.line,
                  !endsPhrase(bytes, out[i - 1].range),
                  !(isName(out[i - 1].traits) && isName(out[i + 1].traits))
            else { i += 1; continue }
            let before = out[i - 1].phrase, after = out[i + 1].phrase
            var start = i - 1
            while start > 0, out[start - 1].kind == .word, out[start - 1].phrase == before { start -= 1 }
            var end = i + 1
            while end + 1 < out.count, out[end + 1].kind == .word, out[end + 1].phrase == after { end += 1 }
            guard end - start + 1 <= conjunctionMaxWords else { i += 1; continue }
            out[i].phrase = before
            out[i].traits.insert(.article)
            for k in (i + 1)...end { out[k].phrase = before }
            i = end + 1
        }
        return out
    }
}
