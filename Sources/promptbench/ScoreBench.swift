import ArgumentParser
import Foundation
import PromptCompression
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

    @Flag(help: "Also time the fast (int8 output head) mode; print its error against exact mode and how many keep/drop decisions of compression at ratio 0.5 it shares with exact mode.")
    var fast = false

    @Option(name: .customLong("exact-margin"), help: "With --fast: logits within this many nats of the running maximum are recomputed in float (the library's default: \(Gemma3Model.defaultExactMargin)); the keep/drop agreement is measured with the default.")
    var exactMargin = Gemma3Model.defaultExactMargin

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
            var bestCPU = Double.infinity
            var meanNLL = 0.0
            for _ in 0..<max(1, runs) {
                let start = DispatchTime.now()
                let cpuStart = Self.cpuSeconds()
                var session = ScoringSession(model: languageModel.model)
                let lps = try session.append(ids)
                best = min(best, Self.seconds(since: start))
                bestCPU = min(bestCPU, Self.cpuSeconds() - cpuStart)
                let values = lps.compactMap { $0 }.map(Double.init)
                meanNLL = -values.reduce(0, +) / Double(values.count)
            }
            var exact: [Float?] = []
            if fast {
                var session = ScoringSession(model: languageModel.model)
                exact = try session.append(ids)
            }
            let rss = Self.peakRSSMegabytes()
            if fast {
                let headStart = DispatchTime.now()
                _ = Int8OutputHead.shared(for: languageModel.model)
                let headSeconds = Self.seconds(since: headStart)
                let trunkStart = DispatchTime.now()
                languageModel.model.prepareInt8Trunk()
                let trunkSeconds = Self.seconds(since: trunkStart)
                var bestFastCPU = Double.infinity
                var bestFast = Double.infinity
                var approximate: [Float?] = []
                for _ in 0..<max(1, runs) {
                    let start = DispatchTime.now()
                    let cpuStart = Self.cpuSeconds()
                    var session = ScoringSession(model: languageModel.model, mode: .fast)
                    session.exactMargin = exactMargin
                    approximate = try session.append(ids)
                    bestFast = min(bestFast, Self.seconds(since: start))
                    bestFastCPU = min(bestFastCPU, Self.cpuSeconds() - cpuStart)
                }
                let error = FastModeError(exact: exact, fast: approximate)
                let agreement = try DecisionAgreement.measure(text, model: languageModel, ratio: 0.5)
                let fastRSS = Self.peakRSSMegabytes()
                if json {
                    print(String(format: "{\"file\": \"%@\", \"mode\": \"fast\", \"tokens\": %d, \"seconds\": %.3f, \"tok_per_s\": %.1f, \"speedup_vs_exact\": %.2f, \"within_0_05\": %.4f, \"mean_abs_error\": %.4f, \"p99_abs_error\": %.4f, \"max_abs_error\": %.4f, \"decision_agreement_0_5\": %.4f, \"head_s\": %.3f, \"trunk_s\": %.3f, \"cpu_s\": %.3f, \"peak_rss_mb\": %.0f}",
                                 file, ids.count, bestFast, Double(ids.count) / bestFast, best / bestFast, error.within, error.mean, error.p99, error.max, agreement, headSeconds, trunkSeconds, bestFastCPU, fastRSS))
                } else {
                    print(String(format: "%@ [fast]: best %.3f s, %.1f tokens/s (%.2fx exact); |fast - exact| within 0.05 nats: %.2f%%, mean %.4f, p99 %.4f, max %.4f; keep/drop agreement at ratio 0.5: %.2f%%; int8 head ready in %.3f s, int8 trunk in %.3f s; CPU %.3f s; peak RSS %.0f MB",
                                 file, bestFast, Double(ids.count) / bestFast, best / bestFast, error.within * 100, error.mean, error.p99, error.max, agreement * 100, headSeconds, trunkSeconds, bestFastCPU, fastRSS))
                }
            }
            if json {
                print(String(format: "{\"file\": \"%@\", \"tokens\": %d, \"seconds\": %.3f, \"tok_per_s\": %.1f, \"mean_nll\": %.4f, \"load_s\": %.3f, \"cpu_s\": %.3f, \"peak_rss_mb\": %.0f}",
                             file, ids.count, best, Double(ids.count) / best, meanNLL, loadSeconds, bestCPU, rss))
            } else {
                print(String(format: "%@: %d tokens, best %.3f s, %.1f tokens/s, mean NLL %.4f, peak RSS %.0f MB",
                             file, ids.count, best, Double(ids.count) / best, meanNLL, rss))
            }
        }
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// User + system CPU seconds of this process so far (all threads).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }

    /// Peak resident set size of this process (Linux reports ru_maxrss in kilobytes).
    static func peakRSSMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
