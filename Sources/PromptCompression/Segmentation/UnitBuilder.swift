/// Merges words that must be kept or dropped together (names, dates, numbers with units, short quotes), sets
/// word traits, and groups pieces into coarse units (sentences, list items, headings, code blocks).
struct UnitBuilder {
    let bytes: [UInt8]

    /// The word of a piece without its leading space.
    func text(_ p: Piece) -> String {
        String(decoding: bytes[(p.range.lowerBound + p.leadingSpace)..<p.range.upperBound], as: UTF8.self)
    }

    /// The word without surrounding punctuation or quotes, lowercased.
    static func core(_ word: String) -> String {
        let scalars = Array(word.unicodeScalars)
        var a = 0, b = scalars.count
        func keep(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || s.properties.numericType != nil || s == "%" || s == "°" }
        while a < b, !keep(scalars[a]) { a += 1 }
        while b > a, !keep(scalars[b - 1]) { b -= 1 }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[a..<b])
        return String(s).lowercased()
    }

    /// Merges compound units in place over runs of word pieces on one line.
    func merge(_ pieces: [Piece]) -> [Piece] {
        var out: [Piece] = []
        out.reserveCapacity(pieces.count)
        var i = 0
        while i < pieces.count {
            guard pieces[i].kind == .word else { out.append(pieces[i]); i += 1; continue }
            // The run of separate words on this line starting at i.
            var j = i + 1
            while j < pieces.count, pieces[j].kind == .word, pieces[j].line == pieces[i].line, pieces[j].leadingSpace > 0 { j += 1 }
            let words = pieces[i..<j].map { text($0) }
            var k = 0
            while k < words.count {
                let n = compoundLength(words, at: k, sentenceStart: k == 0 && (out.last.map { $0.kind != .word } ?? true))
                var p = pieces[i + k]
                if n > 1 {
                    p.range = p.range.lowerBound..<pieces[i + k + n - 1].range.upperBound
                    p.traits.insert(.compound)
                }
                p.traits.formUnion(traits(words[k..<k + n].joined(separator: " "), single: n == 1))
                out.append(p)
                k += n
            }
            i = j
        }
        return out
    }

    /// How many words starting at `k` form one unit (1 for an ordinary word).
    func compoundLength(_ words: [String], at k: Int, sentenceStart: Bool) -> Int {
        let w = words[k]
        if let q = quoteLength(words, at: k) { return q }
        let c = Self.core(w)
        let ends = endsPhrase(w)
        // Dates: "October 6, 1973", "6 October 1973", "March 2010".
        if Lexicon.months.contains(c), k + 1 < words.count, !ends || Self.isAbbreviation(w) {
            var n = 1
            if isDayOrYear(words[k + 1]) {
                n = 2
                if !endsPhrase(words[k + 1]) || words[k + 1].hasSuffix(","), k + 2 < words.count, isYear(words[k + 2]) { n = 3 }
                return n
            }
        }
        if hasDigit(w) {
            var n = 1
            var last = w
            while k + n < words.count, n < 4, !endsPhrase(last) {
                let next = words[k + n]
                let nc = Self.core(next)
                if Lexicon.months.contains(nc) || Lexicon.units.contains(nc) || Lexicon.units.contains(next.lowercased()) {
                    n += 1
                    last = next
                    if Lexicon.months.contains(nc), k + n < words.count, isYear(words[k + n]), !endsPhrase(next) || next.hasSuffix(",") {
                        n += 1
                        last = words[k + n - 1]
                    }
                } else { break }
            }
            if n > 1 { return n }
        }
        // "$ 5", "US$ 20" style currency before a number.
        if ["$", "€", "£", "us$"].contains(w.lowercased()), k + 1 < words.count, hasDigit(words[k + 1]) { return 2 }
        // Names: capitalised words, with connectors between them.
        if isCapitalizedWord(w), !Lexicon.stopwords.contains(c) {
            var n = 1
            var last = w
            while k + n < words.count, n < 6, !endsPhrase(last) || Self.isInitial(last) {
                let next = words[k + n]
                if isCapitalizedWord(next), !Lexicon.stopwords.contains(Self.core(next))
                    || Self.isRomanOne(next) && (n > 1 || (k > 0 && !endsSentence(words[k - 1]))) {
                    n += 1
                    last = next
                    continue
                }
                let nc = next.lowercased()
                if Lexicon.nameConnectors.contains(nc), !(nc == "the" && !["of", "de"].contains(Self.core(last))),
                   k + n + 1 < words.count {
                    // "of the Rhine": allow one more connector.
                    var m = n + 1
                    if words[k + m].lowercased() == "the", k + m + 1 < words.count { m += 1 }
                    if isCapitalizedWord(words[k + m]), !Lexicon.stopwords.contains(Self.core(words[k + m])) {
                        n = m + 1
                        last = words[k + m]
                        continue
                    }
                }
                break
            }
            n += placeSuffixLength(words, name: k..<k + n)
            return n
        }
        return 1
    }

    /// Words after the name at `name` that name the larger places it lies in, each after a comma: "Tulsa,
    /// Oklahoma", "Orangeville, Ontario, Canada" (0 when none follows).
    func placeSuffixLength(_ words: [String], name: Range<Int>) -> Int {
        var level = PlaceLexicon.level(words[name].map(Self.core).joined(separator: " "))
        var end = name.upperBound
        outer: while end < words.count, words[end - 1].hasSuffix(","), level < 2 {
            for length in (1...3).reversed() where end + length <= words.count {
                let part = words[end..<end + length]
                guard part.allSatisfy(isCapitalizedWord), part.dropLast().allSatisfy({ !endsPhrase($0) }) else { continue }
                let next = PlaceLexicon.level(part.map(Self.core).joined(separator: " "))
                if next > level {
                    level = next
                    end += length
                    continue outer
                }
            }
            break
        }
        return end - name.upperBound
    }

    /// A short double-quoted phrase starting at `k` (at most 8 words).
    func quoteLength(_ words: [String], at k: Int) -> Int? {
        let w = words[k]
        let openers = ["\"", "“", "\\\""]
        guard let opener = openers.first(where: { w.hasPrefix($0) || w.hasPrefix("(" + $0) }) else { return nil }
        let closers = opener == "“" ? ["”"] : [opener]
        func closes(_ s: String, first: Bool) -> Bool {
            let t = Self.trimmingTrailing(Substring(s), ".,;:!?)]")
            let body = first ? t.dropFirst(opener.count + (w.hasPrefix("(") ? 1 : 0)) : t
            return closers.contains { body.hasSuffix($0) && body.count > $0.count - (first ? 0 : 1) }
        }
        if closes(w, first: true) { return nil }  // a quoted single word is a word
        var n = 1
        while k + n < words.count, n < 8 {
            if closes(words[k + n], first: false) { return n + 1 }
            n += 1
        }
        return nil
    }

    /// Word traits of a (possibly merged) unit.
    func traits(_ w: String, single: Bool) -> WordTraits {
        var t: WordTraits = []
        let c = Self.core(w)
        if c.isEmpty { t.insert(.punctuation) }
        if hasDigit(w) { t.insert(.number) }
        if single, Lexicon.stopwords.contains(c) || Lexicon.fillers.contains(c) { t.insert(.stopword) }
        if Lexicon.negations.contains(c) || c.hasSuffix("n't") { t.insert(.negation) }
        if isCapitalizedWord(w) { t.insert(.capitalized) }
        if single, !t.contains(.stopword), !t.contains(.capitalized), c.count > 4 {
            if c.hasSuffix("ly"), !c.hasSuffix("ply"), !Lexicon.notAdverbs.contains(c) { t.insert(.adverb) }
            if c.hasSuffix("ed") || c.hasSuffix("ing") { t.insert(.verbForm) }
        }
        if Lexicon.numerals.contains(c) { t.insert(.numeral) }
        if w.contains("://") || w.hasPrefix("www.") || (w.contains("@") && w.contains(".")) || w.hasPrefix("`")
            || (w.contains("/") && w.count > 3 && !w.contains(" ")) || w.contains("_") {
            t.insert(.literal)
        }
        return t
    }

    /// Whether a word ends a phrase (trailing `, . ; : ! ?` or a closing bracket), so no unit continues past it.
    func endsPhrase(_ w: String) -> Bool {
        guard let last = w.last else { return false }
        return ",.;:!?)]}".contains(last)
    }

    /// "I" after a name is the Roman numeral of a series or a reign ("Block I", "World War I", "Charles I"), not
    /// the pronoun.
    static func isRomanOne(_ w: String) -> Bool {
        trimmingTrailing(Substring(w), ".,;:!?)]") == "I"
    }

    static func isAbbreviation(_ w: String) -> Bool { Lexicon.abbreviations.contains(w.lowercased()) }

    /// "J." or "U.S." style initials.
    static func isInitial(_ w: String) -> Bool {
        let letters = w.filter { $0 != "." }
        return w.hasSuffix(".") && letters.count <= 3 && letters.allSatisfy { $0.isUppercase }
    }

    func isCapitalizedWord(_ w: String) -> Bool {
        guard let first = w.first(where: { $0.isLetter || $0.isNumber }) else { return false }
        return first.isUppercase
    }

    func hasDigit(_ w: String) -> Bool { w.utf8.contains { $0 >= 48 && $0 <= 57 } }

    func isYear(_ w: String) -> Bool {
        let c = Self.core(w)
        return c.count == 4 && c.allSatisfy(\.isNumber)
    }

    func isDayOrYear(_ w: String) -> Bool {
        let c = Self.core(w).replacingOccurrences(of: "th", with: "").replacingOccurrences(of: "st", with: "")
            .replacingOccurrences(of: "nd", with: "").replacingOccurrences(of: "rd", with: "")
        guard !c.isEmpty, c.allSatisfy(\.isNumber), let v = Int(c) else { return false }
        return (1...31).contains(v) || c.count == 4
    }

    /// `s` without its trailing characters from `set`, in time linear in what is trimmed (`dropLast()` on a
    /// substring counts it, which made a word ending in 100,000 brackets quadratic).
    static func trimmingTrailing(_ s: Substring, _ set: String) -> Substring {
        var end = s.endIndex
        while end > s.startIndex {
            let before = s.index(before: end)
            guard set.contains(s[before]) else { break }
            end = before
        }
        return s[..<end]
    }

    /// Whether a word ends a sentence.
    func endsSentence(_ w: String) -> Bool {
        let t = Self.trimmingTrailing(Substring(w), "\"')]”’")
        guard let last = t.last, ".!?".contains(last) else { return false }
        if last == "." {
            if Self.isAbbreviation(String(t)) || Self.isInitial(String(t)) { return false }
        }
        return true
    }
}
