import PromptCompression
import TinyLM

/// |log p(fast) - log p(exact)| over the tokens both modes scored.
struct FastModeError {
    /// Share of tokens within 0.05 nats.
    let within: Double
    /// Mean, 99th percentile and largest absolute error, in nats.
    let mean: Double, p99: Double, max: Double

    init(exact: [Float?], fast: [Float?]) {
        let errors = zip(exact, fast).compactMap { a, b -> Double? in
            guard let a, let b else { return nil }
            return abs(Double(a) - Double(b))
        }.sorted()
        let n = Double(Swift.max(1, errors.count))
        within = Double(errors.filter { $0 <= 0.05 }.count) / n
        mean = errors.reduce(0, +) / n
        p99 = errors.isEmpty ? 0 : errors[Swift.min(errors.count - 1, Int(Double(errors.count) * 0.99))]
        max = errors.last ?? 0
    }
}

/// How many of compression's keep/drop decisions the fast mode shares with exact mode on one text.
enum DecisionAgreement {
    /// Compresses `text` at `ratio` in both modes and returns the share of the text's words (maximal runs of
    /// non-whitespace) kept in both or dropped in both. A word counts as kept when any of its bytes is kept.
    static func measure(_ text: String, model: LanguageModel, ratio: Double) throws -> Double {
        let compressor = PromptCompressor(languageModel: model)
        let exact = try compressor.compress(text, ratio: ratio, options: CompressionOptions(scoringMode: .exact))
        let fast = try compressor.compress(text, ratio: ratio, options: CompressionOptions(scoringMode: .fast))
        let bytes = Array(text.utf8)
        func keptMask(_ ranges: [Range<Int>]) -> [Bool] {
            var mask = [Bool](repeating: false, count: bytes.count)
            for range in ranges { for i in range where i < bytes.count { mask[i] = true } }
            return mask
        }
        let a = keptMask(exact.kept), b = keptMask(fast.kept)
        var words = 0, same = 0, i = 0
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
        while i < bytes.count {
            if isSpace(bytes[i]) { i += 1; continue }
            var j = i, keptA = false, keptB = false
            while j < bytes.count && !isSpace(bytes[j]) {
                keptA = keptA || a[j]
                keptB = keptB || b[j]
                j += 1
            }
            words += 1
            if keptA == keptB { same += 1 }
            i = j
        }
        return words == 0 ? 1 : Double(same) / Double(words)
    }
}
