import Foundation
import PromptCompression

/// Baseline selections and the metrics `promptbench fewshot-eval` reports.
enum FewShotEvalMethods {
    /// The common shortcut: the first and the last example, plus k-2 drawn at random from the rest.
    static func firstLastRandom(count n: Int, keep k: Int, seed: UInt64) -> [Int] {
        guard k < n else { return Array(0..<n) }
        if k == 1 { return [0] }
        var middle = Array(1..<(n - 1))
        var rng = SplitMix64(seed: seed)
        for i in 0..<min(k - 2, middle.count) {
            let j = i + rng.below(middle.count - i)
            middle.swapAt(i, j)
        }
        return ([0, n - 1] + middle.prefix(k - 2)).sorted()
    }

    /// LLMLingua's demonstration filter: the k examples of highest perplexity under the small model (ties by
    /// input order), kept in input order.
    static func perplexityRanked(meanLogProbabilities: [Float], keep k: Int) -> [Int] {
        let order = meanLogProbabilities.indices.sorted {
            meanLogProbabilities[$0] != meanLogProbabilities[$1] ? meanLogProbabilities[$0] < meanLogProbabilities[$1] : $0 < $1
        }
        return Array(order.prefix(k)).sorted()
    }

    /// Mean over dropped examples of the similarity to the nearest kept one (1 when nothing is dropped).
    static func coverage(_ similarity: [Float], count n: Int, kept: [Int]) -> Double {
        let input = FewShotSelectionInput(similarity: similarity, count: n)
        return FewShotSelector.droppedCoverage(input, kept) ?? 1
    }

    /// The share of distinct labels with at least one kept example (nil without labels).
    static func labelCoverage(_ examples: [FewShotExample], kept: [Int]) -> Double? {
        let all = Set(examples.compactMap(\.label))
        guard !all.isEmpty else { return nil }
        return Double(Set(kept.compactMap { examples[$0].label }).count) / Double(all.count)
    }

    /// The share of tokens removed.
    static func savings(_ costs: [Int], kept: [Int]) -> Double {
        let total = costs.reduce(0, +)
        return total == 0 ? 0 : 1 - Double(kept.reduce(0) { $0 + costs[$1] }) / Double(total)
    }

    /// A model-independent check: cosines of TF-IDF vectors of lowercased words.
    static func lexicalSimilarity(_ texts: [String]) -> [Float] {
        let docs = texts.map { text in
            text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        }
        var documentFrequency: [String: Int] = [:]
        for d in docs { for w in Set(d) { documentFrequency[w, default: 0] += 1 } }
        let n = Double(docs.count)
        let vectors: [[String: Double]] = docs.map { d in
            var tf: [String: Double] = [:]
            for w in d { tf[w, default: 0] += 1 }
            var v: [String: Double] = [:]
            for (w, c) in tf { v[w] = c * (log((1 + n) / (1 + Double(documentFrequency[w]!))) + 1) }
            let norm = v.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? v.mapValues { $0 / norm } : v
        }
        let count = texts.count
        var m = [Float](repeating: 0, count: count * count)
        for i in 0..<count {
            m[i * count + i] = 1
            for j in (i + 1)..<max(i + 1, count) {
                var s = 0.0
                for (w, a) in vectors[i] { if let b = vectors[j][w] { s += a * b } }
                m[i * count + j] = Float(s)
                m[j * count + i] = Float(s)
            }
        }
        return m
    }

    /// Leave-one-out nearest-neighbour label accuracy: how well a similarity separates the labels.
    static func nearestNeighbourAccuracy(_ similarity: [Float], labels: [String]) -> Double {
        let n = labels.count
        var correct = 0
        for i in 0..<n {
            var best = -Float.infinity, bestIndex = -1
            for j in 0..<n where j != i && similarity[i * n + j] > best {
                best = similarity[i * n + j]
                bestIndex = j
            }
            if bestIndex >= 0 && labels[bestIndex] == labels[i] { correct += 1 }
        }
        return Double(correct) / Double(n)
    }
}
