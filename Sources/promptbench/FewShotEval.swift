import ArgumentParser
import Foundation
import PromptCompression
import TinyLM

/// `promptbench fewshot-eval`: coverage, label coverage and token savings of few-shot pruning against
/// first-and-last-plus-random and a perplexity-ranked (LLMLingua-style) selection.
struct FewShotEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fewshot-eval",
        abstract: "Few-shot pruning coverage vs first+last+random and perplexity ranking (GSM8K demos, labelled SQuAD questions).")

    @Option(help: "The shared evaluation data folder.")
    var data = "../shared/eval"

    @Option(help: "SQuAD articles to draw labelled questions from (5 questions each).")
    var articles = 6

    @Option(help: "Seeds averaged for first+last+random.")
    var seeds = 20

    @Option(help: "The GGUF model file.")
    var model: String?

    func run() throws {
        let gsm8k = try FewShotEvalData.gsm8k(dataDirectory: data)
        let squad = try FewShotEvalData.squad(dataDirectory: data, articles: articles)
        let languageModel = try LanguageModel(path: try ModelLocator.locate(explicit: model))
        let pruner = FewShotPruner(languageModel: languageModel)
        print("# Few-shot pruning evaluation\n")
        print("model: \(languageModel.name); coverage = mean cosine (mean-pooled final hidden states, standardised over the set as the pruner does) of each dropped example to its nearest kept one; lexical = the same with TF-IDF word vectors; first+last+random averaged over \(seeds) seeds (± its standard deviation); PPL = the k examples of highest perplexity (LLMLingua's demonstration filter).\n")
        for set in [gsm8k, squad] {
            let start = Date()
            let embeddings = try set.examples.map { try pruner.embedder.embed($0.text, withLogProbability: true) }
            let inputOnly = set.examples.contains { $0.label != nil }
                ? try set.examples.map { try pruner.embedder.embed($0.input).mean } : nil
            let seconds = Date().timeIntervalSince(start)
            print("## \(set.name)\n")
            print(String(format: "embedded %d examples (%d tokens) in %.1f s\n", set.examples.count,
                         embeddings.reduce(0) { $0 + $1.tokenCount }, seconds))
            if let inputOnly { printEmbeddingStudy(set.examples, embeddings, inputOnly: inputOnly) }
            try printTable(set.examples, embeddings, pruner: pruner)
        }
    }

    /// Leave-one-out nearest-neighbour label accuracy of each embedding variant.
    func printEmbeddingStudy(_ examples: [FewShotExample], _ embeddings: [FewShotEmbedder.Embedding], inputOnly: [[Float]]) {
        let labels = examples.map { $0.label ?? "" }
        print("Which embedding separates the labels: leave-one-out 1-NN label accuracy\n")
        print("| text embedded | pooling | none | centred | standardised |")
        print("|---|---|---|---|---|")
        let variants: [(String, String, [[Float]])] = [
            ("question + answer", "mean", embeddings.map(\.mean)),
            ("question + answer", "last token", embeddings.map(\.last)),
            ("question only", "mean", inputOnly),
        ]
        for (text, pooling, vectors) in variants {
            let cells = FewShotEmbedder.Normalization.allCases.map { normalization in
                let sim = FewShotEmbedder.cosineMatrix(FewShotEmbedder.normalize(vectors, normalization))
                return String(format: "%.3f", FewShotEvalMethods.nearestNeighbourAccuracy(sim, labels: labels))
            }
            print("| \(text) | \(pooling) | \(cells.joined(separator: " | ")) |")
        }
        let lexical = FewShotEvalMethods.lexicalSimilarity(examples.map(\.text))
        print(String(format: "| (TF-IDF words) | | %.3f | | |\n", FewShotEvalMethods.nearestNeighbourAccuracy(lexical, labels: labels)))
    }

    func printTable(_ examples: [FewShotExample], _ embeddings: [FewShotEmbedder.Embedding], pruner: FewShotPruner) throws {
        let n = examples.count
        let vectors = embeddings.map(\.mean)
        let sim = FewShotEmbedder.cosineMatrix(FewShotEmbedder.normalize(vectors, pruner.options.normalization))
        let lexical = FewShotEvalMethods.lexicalSimilarity(examples.map(\.text))
        let costs = examples.map(pruner.tokenCount)
        let logProbabilities = embeddings.map { $0.meanLogProbability ?? 0 }
        var kCenterOptions = pruner.options
        kCenterOptions.objective = .kCenter
        let kCenter = FewShotPruner(languageModel: pruner.embedder.languageModel, options: kCenterOptions)
        let labelCount = Set(examples.compactMap(\.label)).count
        let ks = n <= 12 ? Array(1..<n) : ([1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20].filter { $0 < n })

        print("| K | coverage: ours | k-center | first+last+random | PPL | label cov.: ours | f+l+r | PPL | token savings: ours | f+l+r | PPL | lexical cov.: ours | f+l+r | PPL |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        var wins = 0
        var labelFull = true
        for k in ks {
            let ours = try pruner.prune(examples, limit: .count(k), vectors: vectors).selected
            let kc = try kCenter.prune(examples, limit: .count(k), vectors: vectors).selected
            let ppl = FewShotEvalMethods.perplexityRanked(meanLogProbabilities: logProbabilities, keep: k)
            let randoms = (0..<max(1, seeds)).map { FewShotEvalMethods.firstLastRandom(count: n, keep: k, seed: UInt64($0)) }
            func cov(_ s: [Float], _ kept: [Int]) -> Double { FewShotEvalMethods.coverage(s, count: n, kept: kept) }
            func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
            let randomCoverage = randoms.map { cov(sim, $0) }
            let randomMean = mean(randomCoverage)
            let randomSD = mean(randomCoverage.map { ($0 - randomMean) * ($0 - randomMean) }).squareRoot()
            let oursCoverage = cov(sim, ours)
            if oursCoverage >= randomMean - 1e-9 && oursCoverage >= cov(sim, ppl) - 1e-9 { wins += 1 }
            func label(_ kept: [Int]) -> Double? { FewShotEvalMethods.labelCoverage(examples, kept: kept) }
            let randomLabel = labelCount == 0 ? nil : mean(randoms.map { label($0) ?? 0 })
            if labelCount > 0, k >= labelCount, label(ours) != 1 { labelFull = false }
            func f(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "–" }
            func pct(_ v: Double) -> String { String(format: "%.0f%%", v * 100) }
            let cells = [
                "\(k)", f(oursCoverage), f(cov(sim, kc)), f(randomMean) + " ± " + String(format: "%.3f", randomSD), f(cov(sim, ppl)),
                f(label(ours)), f(randomLabel), f(label(ppl)),
                pct(FewShotEvalMethods.savings(costs, kept: ours)),
                pct(mean(randoms.map { FewShotEvalMethods.savings(costs, kept: $0) })),
                pct(FewShotEvalMethods.savings(costs, kept: ppl)),
                f(cov(lexical, ours)), f(mean(randoms.map { cov(lexical, $0) })), f(cov(lexical, ppl)),
            ]
            print("| " + cells.joined(separator: " | ") + " |")
        }
        print("\nours has the best coverage of the three at \(wins) of \(ks.count) K values" +
              (labelCount > 0 ? "; full label coverage at every K ≥ \(labelCount): \(labelFull ? "yes" : "no")" : "") + "\n")
    }
}
