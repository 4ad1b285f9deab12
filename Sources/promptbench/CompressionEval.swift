import ArgumentParser
import Foundation
import SafeIO
import PromptCompression
import TinyLM

/// `promptbench compression-eval`: what compression keeps, on ../shared/eval, against baselines in the same run.
struct CompressionEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compression-eval",
        abstract: "Answer retention (SQuAD, Natural Questions), demonstration number retention (GSM8K), entity/number retention (QMSum) of promptcompress and baselines.")

    @Option(help: "The evaluation data folder.")
    var evalDir = "../shared/eval"

    @Option(help: "QA items to use per set (the first N of each file; 0 = all).")
    var limit = 0

    @Option(help: "QA items to skip at the start of each set before --limit applies (a held-out range: --offset 80 --limit 80).")
    var offset = 0

    @Option(help: "Comma-separated QA rows to run: ours+question, ours, baselines (lead, random, Selective Context); default all.")
    var methods = "ours+question,ours,baselines"

    @Option(help: "Comma-separated QA ratios to run, among 0.5, 0.33, 0.2; default all.")
    var ratios = "0.5,0.33,0.2"

    @Option(help: "QMSum transcripts to use (the shortest N).")
    var qmsumLimit = 3

    @Option(help: "Comma-separated sections: squad, nq, gsm8k, qmsum.")
    var sections = "squad,nq,gsm8k,qmsum"

    @Option(help: "Seeds averaged for the random baseline.")
    var seeds = 5

    @Option(help: "The GGUF model file.")
    var model: String?

    @Option(help: "Also write per-item QA outcomes (hits and compressed texts) as JSONL here.")
    var details: String?

    @Option(help: "Scoring mode of promptcompress in the QA sections: exact or fast (the baselines always score exactly).")
    var mode: ScoringMode = CompressionOptions().scoringMode

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: evalDir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(evalDir): evaluation data folder not found (pass --eval-dir; see ../shared/eval/README.md)")
        }
        let languageModel = try LanguageModel(path: try ModelLocator.locate(explicit: model))
        let compressor = PromptCompressor(languageModel: languageModel)
        let baselines = EvalBaselines(languageModel: languageModel)
        let chosen = Set(sections.split(separator: ",").map(String.init))
        try qa(chosen, compressor, baselines)
        if chosen.contains("gsm8k") { try gsm8k(compressor, baselines) }
        if chosen.contains("qmsum") { try qmsum(compressor, baselines) }
    }

    static func readJSONL(_ path: String) throws -> [[String: Any]] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("\(path): cannot read file")
        }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// A running tally of one method at one setting.
    struct Tally {
        var hits = 0
        var items = 0
        var keptTokens = 0
        var originalTokens = 0
        var seconds = 0.0
        mutating func add(_ hit: Bool, kept: Int, original: Int) {
            hits += hit ? 1 : 0
            items += 1
            keptTokens += kept
            originalTokens += original
        }
        var rate: Double { items == 0 ? 0 : 100 * Double(hits) / Double(items) }
        var ratio: Double { originalTokens == 0 ? 0 : Double(keptTokens) / Double(originalTokens) }
    }

    // MARK: QA answer retention

    /// Runs the chosen QA sets and prints one table over them.
    func qa(_ chosen: Set<String>, _ compressor: PromptCompressor, _ b: EvalBaselines) throws {
        var evaluation = QAEvaluation(compressor: compressor, baselines: b, seeds: seeds, mode: mode)
        evaluation.runRatios = QAEvaluation.ratios.filter { r in ratios.split(separator: ",").contains { Double($0) == r } }
        evaluation.methods = Set(methods.split(separator: ",").map(String.init))
        var results: [(QAEvaluation.DataSet, QAEvaluation.Outcome)] = []
        for set in QAEvaluation.sets where chosen.contains(set.name) {
            results.append((set, try evaluation.run(set, path: evalDir + "/" + set.file, offset: offset, limit: limit)))
        }
        guard !results.isEmpty else { return }
        if let details {
            try results.flatMap(\.1.details).joined(separator: "\n").write(toFile: details, atomically: true, encoding: .utf8)
        }
        let files = results.map { "\($0.0.file) (\($0.1.items) items)" }.joined(separator: ", ")
        let range = offset > 0 ? ", from item \(offset)" : ""
        print("Answer retention on \(files)\(range), \(mode.rawValue) scoring: % retained (achieved ratio in model tokens)")
        print(QAEvaluation.table(results))
        print()
    }

    func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }

    // MARK: GSM8K demonstration number retention

    static func numbers(_ text: Substring) -> [String] {
        var out: [String] = []
        var current = ""
        for c in text {
            if c.isNumber || (c == "." && !current.isEmpty) || (c == "," && !current.isEmpty) {
                current.append(c)
            } else {
                if !current.isEmpty { out.append(current) }
                current = ""
            }
        }
        if !current.isEmpty { out.append(current) }
        return out.map { var s = $0; while let l = s.last, l == "." || l == "," { s.removeLast() }; return s.replacingOccurrences(of: ",", with: "") }
            .filter { !$0.isEmpty }
    }

    /// Share of numbers of `original` (multiset) found in `kept`.
    static func numberRetention(original: [String], kept: [String]) -> (Int, Int) {
        var pool: [String: Int] = [:]
        for k in kept { pool[k, default: 0] += 1 }
        var found = 0
        for o in original where (pool[o] ?? 0) > 0 {
            pool[o]! -= 1
            found += 1
        }
        return (found, original.count)
    }

    func gsm8k(_ compressor: PromptCompressor, _ b: EvalBaselines) throws {
        let path = evalDir + "/gsm8k/prompt_hardest.txt"
        guard let data = FileManager.default.contents(atPath: path), let prompt = String(data: data, encoding: .utf8) else {
            throw ValidationError("\(path): cannot read file")
        }
        let demos = try Self.readJSONL(evalDir + "/gsm8k/prompt_hardest_demos.jsonl")
        let bytes = Array(prompt.utf8)
        // Demonstration spans: from each demo's question to the next one.
        var starts: [Int] = []
        for d in demos {
            guard let q = d["question"] as? String, let r = prompt.range(of: String(q.prefix(60))) else { continue }
            starts.append(prompt.utf8.distance(from: prompt.utf8.startIndex, to: r.lowerBound))
        }
        let spans = starts.indices.map { starts[$0]..<(($0 + 1 < starts.count) ? starts[$0 + 1] : bytes.count) }
        let n = compressor.countTokens(prompt)
        func evaluate(_ name: String, kept: [Range<Int>], tokens: Int) -> String {
            var found = 0, total = 0, answers = 0
            for (i, span) in spans.enumerated() {
                let inside = kept.compactMap { r -> Substring? in
                    let lo = max(r.lowerBound, span.lowerBound), hi = min(r.upperBound, span.upperBound)
                    return lo < hi ? Substring(String(decoding: bytes[lo..<hi], as: UTF8.self)) : nil
                }.joined(separator: " ")
                let keptNumbers = Self.numbers(Substring(inside))
                let original = (demos[i]["numbers_in_demo"] as? [String]) ?? Self.numbers(Substring(String(decoding: bytes[span], as: UTF8.self)))
                let (f, t) = Self.numberRetention(original: original, kept: keptNumbers)
                found += f; total += t
                if let a = demos[i]["final_answer"] as? String, keptNumbers.contains(a) { answers += 1 }
            }
            return String(format: "%@numbers %.1f%%, final answers %d/%d, ratio %.3f", pad(name, 20), 100 * Double(found) / Double(max(1, total)),
                          answers, spans.count, Double(tokens) / Double(n))
        }
        print("GSM8K 8-shot prompt (prompt_hardest.txt, \(n) tokens): demonstration number retention")
        let words = b.words(prompt)
        let sc = try b.surprisal(prompt, words: words)
        for r in [0.5, 0.2] {
            let start = DispatchTime.now()
            let res = try compressor.compress(prompt, ratio: r)
            let secs = Self.seconds(since: start)
            print("r=\(r)")
            print(evaluate("ours", kept: res.kept, tokens: res.compressedTokens) + String(format: ", %.1f s", secs))
            let budget = Int((r * Double(n)).rounded())
            for (name, keep) in [("lead", b.lead(words, budget: budget)), ("selective-context", b.selectiveContext(words, surprisal: sc, budget: budget)),
                                 ("random(seed 0)", b.random(words, budget: budget, seed: 0))] {
                let (text, ranges) = EvalBaselines.render(words, keep: keep)
                print(evaluate(name, kept: ranges, tokens: compressor.countTokens(text)))
            }
        }
        print()
    }

    // MARK: QMSum entity and number retention

    /// Corpus markers such as `{vocalsound}` removed (they are annotations, not speech).
    static func stripMarkers(_ s: String) -> String {
        s.replacingOccurrences(of: #"\{[a-z_]+\} ?"#, with: "", options: .regularExpression)
    }

    /// Capitalised words not starting a line or a sentence, and numbers.
    static func entitiesAndNumbers(_ text: String) -> [String] {
        var out: [String] = []
        for line in text.split(separator: "\n") {
            let body = line.split(separator: ":", maxSplits: 1).last ?? line
            var previousEnds = true
            for raw in body.split(separator: " ") {
                let w = raw.trimmingCharacters(in: .punctuationCharacters)
                defer { if !raw.isEmpty { previousEnds = raw.hasSuffix(".") || raw.hasSuffix("?") || raw.hasSuffix("!") } }
                // QMSum separates punctuation by spaces ("Okay . So"): a bare "." still ends the sentence.
                if w.isEmpty { continue }
                if w.first!.isNumber { out.append(w) } else if w.first!.isUppercase, !previousEnds, w != "I", !w.hasPrefix("I'") {
                    out.append(w)
                }
            }
        }
        return out
    }

    func qmsum(_ compressor: PromptCompressor, _ b: EvalBaselines) throws {
        var items = try Self.readJSONL(evalDir + "/long/qmsum_test.jsonl")
        items.sort { ($0["n_words"] as? Int ?? 0) < ($1["n_words"] as? Int ?? 0) }
        items = Array(items.prefix(qmsumLimit))
        let r = 0.33
        var totals: [String: (Int, Int, Int, Int)] = [:]
        var seconds = 0.0
        for item in items {
            guard let raw = item["transcript"] as? String else { continue }
            let text = Self.stripMarkers(raw)
            let n = compressor.countTokens(text)
            let original = Self.entitiesAndNumbers(text)
            let start = DispatchTime.now()
            // Transcripts can be longer than the default limit on model tokens: the evaluation lifts it.
            let res = try compressor.compress(text, ratio: r, options: CompressionOptions(maxModelTokens: nil))
            seconds += Self.seconds(since: start)
            let words = b.words(text)
            let budget = Int((r * Double(n)).rounded())
            var outputs: [(String, String)] = [("ours", res.text)]
            outputs.append(("lead", EvalBaselines.render(words, keep: b.lead(words, budget: budget)).0))
            outputs.append(("random(seed 0)", EvalBaselines.render(words, keep: b.random(words, budget: budget, seed: 0)).0))
            let sc = try b.surprisal(text, words: words)
            outputs.append(("selective-context", EvalBaselines.render(words, keep: b.selectiveContext(words, surprisal: sc, budget: budget)).0))
            for (name, out) in outputs {
                let (f, t) = Self.numberRetention(original: original, kept: Self.entitiesAndNumbers(out))
                var v = totals[name] ?? (0, 0, 0, 0)
                v.0 += f; v.1 += t; v.2 += compressor.countTokens(out); v.3 += n
                totals[name] = v
            }
            StandardStreams.writeError("qmsum: \(item["id"] ?? "") \(n) tokens done\n")
        }
        print("QMSum entity+number retention at r=0.33 (\(items.count) shortest transcripts, corpus markers removed)")
        for name in ["ours", "lead", "random(seed 0)", "selective-context"] {
            let v = totals[name] ?? (0, 0, 0, 0)
            print(pad(name, 20) + String(format: "%.1f%% (ratio %.3f)", 100 * Double(v.0) / Double(max(1, v.1)), Double(v.2) / Double(max(1, v.3))))
        }
        print(String(format: "ours: %.1f s total", seconds))
        print()
    }
}

extension ScoringMode: ExpressibleByArgument {}
