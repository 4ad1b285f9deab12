import Foundation

/// Question relevance of coarse units without the model: IDF-weighted overlap of content words.
enum LexicalRelevance {
    /// A light stem: lowercase core, common English suffixes removed.
    static func stem(_ word: String) -> String {
        var w = UnitBuilder.core(word)
        for suffix in ["'s", "’s"] where w.hasSuffix(suffix) { w.removeLast(suffix.count) }
        if w.count > 5 {
            for suffix in ["ations", "ation", "ings", "ing", "edly", "ed", "es", "ly", "s"] where w.hasSuffix(suffix) {
                w.removeLast(suffix.count)
                break
            }
        } else if w.count > 3, w.hasSuffix("s") { w.removeLast() }
        return w
    }

    /// Content-word stems of a text (stopwords and punctuation removed).
    static func contentStems(_ text: String) -> Set<String> {
        var out = Set<String>()
        for raw in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "-" || $0 == "/" }) {
            let c = UnitBuilder.core(String(raw))
            if c.isEmpty || Lexicon.stopwords.contains(c) { continue }
            out.insert(stem(String(raw)))
        }
        return out
    }

    /// Per unit: Σ idf over question stems present in the unit. Document frequencies are counted once, in one
    /// pass over the units (linear in their number: a request of 10,000 messages has 10,000 units), and each
    /// unit's terms are summed in sorted order, so the sum does not depend on set iteration order.
    static func scores(units: [String], question: String) -> [Double] {
        let q = contentStems(question)
        let sets = units.map(contentStems)
        var documentFrequency: [String: Int] = [:]
        for s in sets { for w in s where q.contains(w) { documentFrequency[w, default: 0] += 1 } }
        let n = Double(sets.count)
        return sets.map { s in
            s.intersection(q).sorted().reduce(0.0) { acc, w in acc + log(1 + n / Double(documentFrequency[w]!)) }
        }
    }
}

/// Standardises scores to mean 0 and deviation 1 (all zeros when they do not vary).
func standardized(_ values: [Double]) -> [Double] {
    guard values.count > 1 else { return values.map { _ in 0 } }
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    let sd = variance.squareRoot()
    guard sd > 1e-9 else { return values.map { _ in 0 } }
    return values.map { ($0 - mean) / sd }
}
