import ArgumentParser
import Foundation
import TinyLM

/// `promptbench score`: scoring throughput and memory on given texts.
struct ScoreBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score texts with logits for every position; print tokens/s (best of N), load time and peak RSS.")

    @Argument(help: "Text files to score (e.g. ../shared/golden/bench_1k.txt ../shared/golden/bench_2k.txt).")
    var files: [String]

    @Option(help: "Runs per file; the best is reported.")
    var runs = 3

    @Option(help: "The GGUF model file.")
    var model: String?

    @Flag(help: "Print one JSON object per file instead of a table.")
    var json = false

    func run() throws {
        let loadStart = DispatchTime.now()
        let languageModel = try LanguageModel(path: try ModelLocator.locate(explicit: model))
        let loadSeconds = Self.seconds(since: loadStart)
        if !json { print(String(format: "model load: %.3f s", loadSeconds)) }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("\(file): cannot read file")
            }
            let ids = languageModel.tokenizer.encode(text, addBOS: true)
            var best = Double.infinity
            var meanNLL = 0.0
            for _ in 0..<max(1, runs) {
                let start = DispatchTime.now()
                var session = ScoringSession(model: languageModel.model)
                let lps = try session.append(ids)
                best = min(best, Self.seconds(since: start))
                let values = lps.compactMap { $0 }.map(Double.init)
                meanNLL = -values.reduce(0, +) / Double(values.count)
            }
            let rss = Self.peakRSSMegabytes()
            if json {
                print(String(format: "{\"file\": \"%@\", \"tokens\": %d, \"seconds\": %.3f, \"tok_per_s\": %.1f, \"mean_nll\": %.4f, \"load_s\": %.3f, \"peak_rss_mb\": %.0f}",
                             file, ids.count, best, Double(ids.count) / best, meanNLL, loadSeconds, rss))
            } else {
                print(String(format: "%@: %d tokens, best %.3f s, %.1f tokens/s, mean NLL %.4f, peak RSS %.0f MB",
                             file, ids.count, best, Double(ids.count) / best, meanNLL, rss))
            }
        }
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// Peak resident set size of this process (Linux reports ru_maxrss in kilobytes).
    static func peakRSSMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
