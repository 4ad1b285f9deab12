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

    /// Scores `map.ids` in windows of at most `windowTokens` tokens cut at unit boundaries.
    static func run(
        model: Gemma3Model, bos: Int32, text: SegmentedText, map: TokenMap, question: [Int32], windowTokens: Int,
        mode: ScoringMode, progress: (@Sendable (Double) -> Void)?
    ) throws -> WindowScan {
        var plain = [Float](repeating: 0, count: map.ids.count)
        var conditioned = plain
        // Window boundaries in token indices, at unit starts.
        var cuts: [Int] = [0]
        for unit in text.units {
            guard let first = unit.pieces.first else { continue }
            let start = map.pieceTokens[first].lowerBound
            if start - cuts[cuts.count - 1] > windowTokens, start > cuts[cuts.count - 1] { cuts.append(start) }
        }
        var k = 0
        while k < cuts.count {
            let lo = cuts[k], hi = k + 1 < cuts.count ? cuts[k + 1] : map.ids.count
            // A unit longer than a window is cut further.
            var start = lo
            while start < hi {
                let end = min(hi, start + max(windowTokens, 1))
                let ids = Array(map.ids[start..<end])
                var s0 = ConditionalScorer(model: model, bos: bos, mode: mode)
                var sq = ConditionalScorer(model: model, bos: bos, prefix: question, mode: mode)
                let a = try s0.score(ids)
                let b = try sq.score(ids)
                for i in 0..<ids.count {
                    plain[start + i] = a[i]
                    conditioned[start + i] = b[i]
                }
                start = end
                progress?(0.5 * Double(end) / Double(max(1, map.ids.count)))
            }
            k += 1
        }
        return WindowScan(plain: plain, conditioned: conditioned)
    }
}
