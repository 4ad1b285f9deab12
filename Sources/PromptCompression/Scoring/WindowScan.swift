import TinyLM

/// One pass over the input, window by window, scoring every token twice: after BOS alone and after BOS and the
/// question. Their difference summed over a unit is log p(question | text up to and including the unit) minus
/// log p(question | text before it): how much the unit explains the question (LongLLMLingua's question
/// likelihood ranking, conditioned on the document so far), and per word it is the contrastive surprisal.
struct WindowScan {
    /// log p per token of `TokenMap.ids` without the question.
    var plain: [Float]
    /// log p per token with the question before the text.
    var conditioned: [Float]
    /// Windows scored (each a fresh cache holding at most about `windowTokens` tokens of text).
    var windows = 0

    /// Scores the tokens of `map.ids` the model reads (`TokenMap.modelTokens`) in windows of at most
    /// `windowTokens` tokens cut at unit boundaries; the others keep log p 0.
    static func run(
        model: Gemma3Model, bos: Int32, text: SegmentedText, map: TokenMap, question: [Int32], windowTokens: Int,
        mode: ScoringMode, progress: (@Sendable (Double) -> Void)?
    ) throws -> WindowScan {
        var plain = [Float](repeating: 0, count: map.ids.count)
        var conditioned = plain
        // The token indices read, in order, and window boundaries in that list, at unit starts.
        var read: [Int] = []
        var cuts: [Int] = [0]
        let unitStarts = Set(text.units.compactMap(\.pieces.first))
        for p in text.pieces.indices {
            if unitStarts.contains(p), read.count - cuts[cuts.count - 1] > windowTokens { cuts.append(read.count) }
            read += map.modelTokens(p)
        }
        var windows = 0
        var k = 0
        while k < cuts.count {
            let lo = cuts[k], hi = k + 1 < cuts.count ? cuts[k + 1] : read.count
            // A unit longer than a window is cut further.
            var start = lo
            while start < hi {
                let end = min(hi, start + max(windowTokens, 1))
                let ids = read[start..<end].map { map.ids[$0] }
                var s0 = ConditionalScorer(model: model, bos: bos, mode: mode)
                var sq = ConditionalScorer(model: model, bos: bos, prefix: question, mode: mode)
                let a = try s0.score(ids)
                let b = try sq.score(ids)
                for i in 0..<ids.count {
                    plain[read[start + i]] = a[i]
                    conditioned[read[start + i]] = b[i]
                }
                start = end
                windows += 1
                progress?(0.5 * Double(end) / Double(max(1, read.count)))
            }
            k += 1
        }
        return WindowScan(plain: plain, conditioned: conditioned, windows: windows)
    }
}
