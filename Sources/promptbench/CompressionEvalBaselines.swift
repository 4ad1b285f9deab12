import Foundation
import TinyLM

/// Baseline compressors for the evaluation, all working on whitespace words and counting model tokens:
/// random word dropping, lead (the first words), and Selective-Context-style pruning (one scoring pass,
/// mean surprisal per word, the highest kept; no iteration, no budget controller, no protected units).
struct EvalBaselines {
    let languageModel: LanguageModel

    /// A word of the input with its byte range and its model-token cost.
    struct Word {
        var range: Range<Int>
        var text: Substring
        var cost: Int
    }

    /// The words of `text` (runs of non-space characters) with costs.
    func words(_ text: String) -> [Word] {
        var out: [Word] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            while i < bytes.count, bytes[i] == 32 || bytes[i] == 10 || bytes[i] == 9 || bytes[i] == 13 { i += 1 }
            let start = i
            while i < bytes.count, !(bytes[i] == 32 || bytes[i] == 10 || bytes[i] == 9 || bytes[i] == 13) { i += 1 }
            if i > start {
                let s = String(decoding: bytes[start..<i], as: UTF8.self)
                out.append(Word(range: start..<i, text: Substring(s), cost: languageModel.tokenizer.encode(" " + s, addBOS: false).count))
            }
        }
        return out
    }

    /// The kept words joined by single spaces and their ranges.
    static func render(_ words: [Word], keep: [Bool]) -> (String, [Range<Int>]) {
        let kept = words.indices.filter { keep[$0] }
        return (kept.map { String(words[$0].text) }.joined(separator: " "), kept.map { words[$0].range })
    }

    /// Keeps words in `order` while the running token cost stays within `budget`.
    static func take(_ words: [Word], order: [Int], budget: Int) -> [Bool] {
        var keep = [Bool](repeating: false, count: words.count)
        var used = 0
        for i in order where used + words[i].cost <= budget || (used == 0 && budget > 0) {
            keep[i] = true
            used += words[i].cost
            if used >= budget { break }
        }
        return keep
    }

    /// Lead: the first words up to the budget.
    func lead(_ words: [Word], budget: Int) -> [Bool] {
        var keep = [Bool](repeating: false, count: words.count)
        var used = 0
        for i in words.indices {
            if used + words[i].cost > budget { break }
            keep[i] = true
            used += words[i].cost
        }
        return keep
    }

    /// Random dropping with a seed.
    func random(_ words: [Word], budget: Int, seed: UInt64) -> [Bool] {
        var rng = SplitMix64(seed: seed)
        var order = Array(words.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))
            order.swapAt(i, j)
        }
        return Self.take(words, order: order, budget: budget)
    }

    /// Mean surprisal per word from one scoring pass of the whole text.
    func surprisal(_ text: String, words: [Word]) throws -> [Double] {
        let scored = try languageModel.score(text)
        var sums = [Double](repeating: 0, count: words.count)
        var counts = [Int](repeating: 0, count: words.count)
        var w = 0
        for t in scored.dropFirst() {
            guard let lp = t.logProbability else { continue }
            while w + 1 < words.count, t.byteRange.lowerBound >= words[w + 1].range.lowerBound - 1 { w += 1 }
            sums[w] -= Double(lp)
            counts[w] += 1
        }
        return words.indices.map { counts[$0] == 0 ? 0 : sums[$0] / Double(counts[$0]) }
    }

    /// Selective Context: keep the words of highest mean surprisal up to the budget.
    func selectiveContext(_ words: [Word], surprisal: [Double], budget: Int) -> [Bool] {
        let order = words.indices.sorted { (surprisal[$0], -$0) > (surprisal[$1], -$1) }
        return Self.take(words, order: order, budget: budget)
    }
}
