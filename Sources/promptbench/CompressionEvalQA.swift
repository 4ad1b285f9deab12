import Foundation
import PromptCompression
import TinyLM
import SafeIO

/// Answer retention on the extractive QA sets of ../shared/eval: promptcompress with and without the question
/// beside lead, random and Selective Context, at each ratio, in one table.
struct QAEvaluation {
    /// One QA set: a JSONL file of items with `context`, `question` and `answers`.
    struct DataSet {
        /// The section name (`--sections`) and the row label.
        var name: String
        /// The file under the evaluation folder.
        var file: String
    }

    /// Every QA set the evaluation knows, in table order.
    static let sets = [
        DataSet(name: "squad", file: "squad_qa_random_question.jsonl"),
        DataSet(name: "nq", file: "nq_dev.jsonl"),
    ]

    /// The ratios of the table.
    static let ratios = [0.5, 0.33, 0.2]

    /// Rows of the table, in order.
    static let methods = ["ours+question", "ours", "lead", "random", "selective-context"]

    let compressor: PromptCompressor
    let baselines: EvalBaselines
    let seeds: Int
    /// promptcompress's scoring mode.
    var mode = CompressionOptions().scoringMode
    /// Ratios to run (a subset of `ratios`; the others are left empty in the table).
    var runRatios = Self.ratios
    /// Rows to run: "ours+question", "ours", "baselines" (the rows not run are left empty in the table).
    var methods: Set<String> = ["ours+question", "ours", "baselines"]

    /// Results of one set: tallies per "method@ratio" and one JSON line per item.
    struct Outcome {
        var tallies: [String: CompressionEval.Tally] = [:]
        var items = 0
        var details: [String] = []
    }

    /// Runs the chosen methods on `limit` items (0 = all) of `path` after the first `offset`.
    func run(_ set: DataSet, path: String, offset: Int = 0, limit: Int) throws -> Outcome {
        var items = Array(try CompressionEval.readJSONL(path).dropFirst(offset))
        if limit > 0 { items = Array(items.prefix(limit)) }
        let baselinesRun = methods.contains("baselines")
        var out = Outcome()
        let count = { (s: String) in compressor.countTokens(s) }
        for (k, item) in items.enumerated() {
            guard let context = item["context"] as? String, let question = item["question"] as? String,
                  let answers = item["answers"] as? [String] else { continue }
            out.items += 1
            let hit = { (text: String) in answers.contains { text.contains($0) } }
            let n = count(context)
            let words = baselines.words(context)
            let surprisal = baselinesRun ? try baselines.surprisal(context, words: words) : []
            var detail: [String: Any] = ["id": item["id"] as? String ?? "\(offset + k)", "set": set.name]
            for r in runRatios {
                let budget = Int((r * Double(n)).rounded())
                for (name, q) in [("ours", nil as String?), ("ours+question", question)] where methods.contains(name) {
                    let start = DispatchTime.now()
                    let res = try compressor.compress(context, ratio: r, options: CompressionOptions(question: q, scoringMode: mode))
                    out.tallies["\(name)@\(r)", default: .init()].seconds += CompressionEval.seconds(since: start)
                    out.tallies["\(name)@\(r)", default: .init()].add(hit(res.text), kept: res.compressedTokens, original: n)
                    detail["\(name)@\(r)"] = ["hit": hit(res.text), "text": res.text] as [String: Any]
                }
                guard baselinesRun else { continue }
                let lead = EvalBaselines.render(words, keep: baselines.lead(words, budget: budget)).0
                out.tallies["lead@\(r)", default: .init()].add(hit(lead), kept: count(lead), original: n)
                detail["lead@\(r)"] = ["hit": hit(lead)]
                let keep = baselines.selectiveContext(words, surprisal: surprisal, budget: budget)
                let selective = EvalBaselines.render(words, keep: keep).0
                out.tallies["selective-context@\(r)", default: .init()].add(hit(selective), kept: count(selective), original: n)
                var random = out.tallies["random@\(r)", default: .init()]
                for seed in 0..<seeds {
                    let t = EvalBaselines.render(words, keep: baselines.random(words, budget: budget, seed: UInt64(seed * 7919 + k))).0
                    random.add(hit(t), kept: count(t), original: n)
                }
                out.tallies["random@\(r)"] = random
            }
            let line = try JSONSerialization.data(withJSONObject: detail, options: [.sortedKeys, .withoutEscapingSlashes])
            out.details.append(String(decoding: line, as: UTF8.self))
            if (k + 1) % 10 == 0 { StandardStreams.writeError("\(set.name): \(k + 1)/\(items.count)\n") }
        }
        return out
    }

    /// The table over every set run, as Markdown: % retained and the achieved ratio per cell, and the mean
    /// seconds per compression of our two modes.
    static func table(_ results: [(DataSet, Outcome)]) -> String {
        var lines = ["| set | method | " + ratios.map { "r=\($0)" }.joined(separator: " | ") + " | s/item |",
                     "|---|---|" + String(repeating: "---|", count: ratios.count + 1)]
        for (set, outcome) in results {
            for method in methods where ratios.contains(where: { outcome.tallies["\(method)@\($0)"] != nil }) {
                var cells: [String] = []
                var seconds = 0.0
                for r in ratios {
                    guard let t = outcome.tallies["\(method)@\(r)"] else { cells.append("-"); continue }
                    cells.append(String(format: "%.1f%% (%.3f)", t.rate, t.ratio))
                    seconds += t.seconds
                }
                let perItem = seconds > 0 ? String(format: "%.2f", seconds / Double(max(1, outcome.items * ratios.filter { outcome.tallies["\(method)@\($0)"] != nil }.count))) : "-"
                lines.append("| \(set.name) (\(outcome.items)) | \(method) | " + cells.joined(separator: " | ") + " | \(perItem) |")
            }
        }
        return lines.joined(separator: "\n")
    }
}
