import TinyLM

/// Iterative token-level compression (LLMLingua's ITPC) on whole words: segment by segment, each scored given
/// the already-compressed text before it (one KV cache per window, the kept tokens re-fed without the output
/// layer), with the question-conditioned contrast of LongLLMLingua when a question is given.
struct FinePass {
    let model: Gemma3Model
    let bos: Int32
    let text: SegmentedText
    let map: TokenMap
    let rates: [Double]
    let question: [Int32]?
    let segmentTokens: Int
    let windowTokens: Int
    let progress: (@Sendable (Double) -> Void)?
    /// Scores from the whole-window pass (question mode), reused for the first segment of each window: both are
    /// conditioned on BOS (or BOS and question) and the original text before them in the window. When the scan
    /// took more than one window (`WindowScan.windows`), they are reused for every segment: each token is then
    /// scored once per condition instead of about 3.5 times (issue 18), and the segments after the first of a
    /// window are conditioned on the original text before them rather than on its compressed form.
    let scan: WindowScan?
    /// How log-normalisers are computed.
    let mode: ScoringMode
    /// The question's prior on phrase values (question mode).
    var answerPrior: AnswerPrior? = nil

    /// Word scores (higher = keep), nil for pieces never scored; and the keep decision per piece.
    struct Outcome {
        var scores: [Double?]
        var keep: [Bool]
    }

    /// Runs the pass.
    func run() throws -> Outcome {
        let pieces = text.pieces
        var scores = [Double?](repeating: nil, count: pieces.count)
        var keep = [Bool](repeating: false, count: pieces.count)
        // Segments: runs of pieces whose units are not dropped whole, cut at unit boundaries.
        let segments = makeSegments()
        let totalTokens = max(1, segments.reduce(0) { $0 + $1.tokens })
        var done = 0
        var scorer0: ConditionalScorer?
        var scorerQ: ConditionalScorer?
        var windowUsed = 0
        let scanEverywhere = (scan?.windows ?? 0) > 1
        for (k, segment) in segments.enumerated() {
            if scanEverywhere, let scan {
                let tokenIndices = segment.pieces.flatMap { map.modelTokens($0) }
                guard !tokenIndices.isEmpty else { continue }
                let lp0 = tokenIndices.map { scan.plain[$0] }
                let lpQ = tokenIndices.map { scan.conditioned[$0] }
                decide(segment, lp0: lp0, lpQ: lpQ, scores: &scores, keep: &keep)
                done += segment.tokens
                progress?(0.5 + 0.5 * Double(done) / Double(totalTokens))
                continue
            }
            var fresh = false
            if scorer0 == nil || windowUsed + segment.tokens > windowTokens {
                scorer0 = ConditionalScorer(model: model, bos: bos, mode: mode)
                if let question { scorerQ = ConditionalScorer(model: model, bos: bos, prefix: question, mode: mode) }
                windowUsed = 0
                fresh = true
            }
            let tokenIndices = segment.pieces.flatMap { map.modelTokens($0) }
            let ids = tokenIndices.map { map.ids[$0] }
            guard !ids.isEmpty else { continue }
            // A unit longer than a window is scored in window-sized chunks, each with a fresh cache, and the window
            // restarts after it: one forward call never holds more than a window (attention is quadratic in it).
            let oversized = segment.tokens > windowTokens
            let lastInWindow = oversized || k + 1 == segments.count
                || windowUsed + segment.tokens + segments[k + 1].tokens > windowTokens
            let base0 = scorer0!.count
            let baseQ = scorerQ?.count ?? 0
            let lp0: [Float]
            var lpQ: [Float]?
            if fresh, let scan {
                // Same conditioning as the window pass: reuse it, and feed the kept text below only if needed.
                lp0 = tokenIndices.map { scan.plain[$0] }
                lpQ = tokenIndices.map { scan.conditioned[$0] }
            } else if oversized {
                (lp0, lpQ) = try scoreInChunks(ids)
            } else {
                lp0 = try scorer0!.score(ids)
                if scorerQ != nil { lpQ = try scorerQ!.score(ids) }
            }
            decide(segment, lp0: lp0, lpQ: lpQ, scores: &scores, keep: &keep)
            // Re-feed only what is kept.
            var keptIDs: [Int32] = []
            for p in segment.pieces {
                switch pieces[p].kind {
                case .word, .code: if keep[p] { keptIDs += map.modelTokens(p).map { map.ids[$0] } }
                case .marker: break
                default: keptIDs += map.modelTokens(p).map { map.ids[$0] }
                }
            }
            if !lastInWindow {
                if fresh && scan != nil {
                    try scorer0!.feed(keptIDs)
                    if scorerQ != nil { try scorerQ!.feed(keptIDs) }
                } else {
                    scorer0!.replace(from: base0, with: keptIDs)
                    if scorerQ != nil { scorerQ!.replace(from: baseQ, with: keptIDs) }
                }
            }
            windowUsed += segment.tokens
            done += segment.tokens
            if oversized { scorer0 = nil; scorerQ = nil }
            let fraction = Double(done) / Double(totalTokens)
            progress?(scan == nil ? fraction : 0.5 + 0.5 * fraction)
        }
        // Code blocks are kept or dropped whole by their unit's rate.
        for (u, unit) in text.units.enumerated() where unit.isCode {
            for p in unit.pieces { keep[p] = rates[u] >= 0.5 }
        }
        return Outcome(scores: scores, keep: keep)
    }

    /// Scores the word pieces of `segment` from their tokens' log p without (`lp0`) and with (`lpQ`) the question,
    /// in the order of `segment`'s model tokens, and keeps the best phrases of each of its units.
    private func decide(_ segment: Segment, lp0: [Float], lpQ: [Float]?, scores: inout [Double?], keep: inout [Bool]) {
        let pieces = text.pieces
        // Per-piece offsets into ids.
        var offset = 0
        var local: [Int: Range<Int>] = [:]
        for p in segment.pieces {
            let n = map.modelTokens(p).count
            local[p] = offset..<offset + n
            offset += n
        }
        // Per phrase: mean surprisal (and question contrast) over its tokens, plus the prior of its words.
        var sums: [Int: (surprisal: Double, contrast: Double, tokens: Int, traits: [WordTraits])] = [:]
        var words: [Int: [String]] = [:]
        var before: [Int: String] = [:]
        let builder = UnitBuilder(bytes: text.bytes)
        var previous: Int?
        for p in segment.pieces where pieces[p].kind == .word {
            var entry = sums[pieces[p].phrase] ?? (0, 0, 0, [])
            entry.traits.append(pieces[p].traits)
            if answerPrior != nil {
                words[pieces[p].phrase, default: []].append(builder.text(pieces[p]))
                if entry.traits.count == 1, let previous, pieces[previous].sentence == pieces[p].sentence {
                    before[pieces[p].phrase] = UnitBuilder.core(builder.text(pieces[previous]))
                }
                previous = p
            }
            if let r = local[p] {
                entry.surprisal -= r.reduce(0.0) { $0 + Double(lp0[$1]) }
                if let lpQ { entry.contrast += r.reduce(0.0) { $0 + Double(lpQ[$1] - lp0[$1]) } }
                entry.tokens += r.count
            }
            sums[pieces[p].phrase] = entry
        }
        for p in segment.pieces where pieces[p].kind == .word {
            guard let e = sums[pieces[p].phrase] else { continue }
            let n = Double(max(1, e.tokens))
            let prior = answerPrior.map {
                $0.adjustment(words: words[pieces[p].phrase] ?? [], traits: e.traits, before: before[pieces[p].phrase])
            } ?? 0
            scores[p] = PhraseScore.score(
                surprisal: e.tokens == 0 ? nil : e.surprisal / n, contrast: lpQ == nil ? nil : e.contrast / n,
                value: PhraseBuilder.value(e.traits) + prior)
        }
        // Per unit: keep its best phrases up to its rate.
        for u in segment.units { select(unit: u, scores: scores, keep: &keep) }
    }

    /// log p of `ids` without and (with a question) with the question, in chunks of at most `windowTokens`, each
    /// token conditioned on BOS (and the question) and the tokens before it in its chunk.
    private func scoreInChunks(_ ids: [Int32]) throws -> ([Float], [Float]?) {
        var plain: [Float] = []
        var conditioned: [Float]? = question == nil ? nil : []
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(ids.count, start + max(1, windowTokens))])
            var s0 = ConditionalScorer(model: model, bos: bos, mode: mode)
            plain += try s0.score(chunk)
            if let question {
                var sq = ConditionalScorer(model: model, bos: bos, prefix: question, mode: mode)
                conditioned! += try sq.score(chunk)
            }
            start += chunk.count
        }
        return (plain, conditioned)
    }

    /// Keeps the highest-scoring phrases of unit `u`, whole, until its rate of droppable tokens is reached.
    private func select(unit u: Int, scores: [Double?], keep: inout [Bool]) {
        let words = text.units[u].pieces.filter { text.pieces[$0].kind == .word }
        if rates[u] >= 1 { for p in words { keep[p] = true }; return }
        let phrases = PhraseBuilder.runs(words, in: text.pieces) { map.cost($0) }
        let goal = rates[u] * Double(phrases.reduce(0) { $0 + $1.cost })
        var used = 0.0
        for phrase in phrases.sorted(by: { (scores[$0.first] ?? -99, -$0.first) > (scores[$1.first] ?? -99, -$1.first) }) {
            let c = Double(phrase.cost)
            let took = used + c / 2 <= goal || c == 0
            if took {
                for p in phrase.pieces { keep[p] = true }
                used += c
            }
        }
    }

    struct Segment {
        var pieces: [Int] = []
        var units: [Int] = []
        var tokens = 0
    }

    /// Cuts the pieces of the units not dropped whole into segments of about `segmentTokens` tokens the model reads.
    private func makeSegments() -> [Segment] {
        var out: [Segment] = []
        var current = Segment()
        for (u, unit) in text.units.enumerated() where rates[u] > 0 && !unit.isCode {
            let n = unit.pieces.reduce(0) { $0 + map.modelTokens($1).count }
            if current.tokens > 0, current.tokens + n > segmentTokens {
                out.append(current)
                current = Segment()
            }
            current.pieces += unit.pieces
            current.units.append(u)
            current.tokens += n
        }
        if current.tokens > 0 { out.append(current) }
        return out
    }
}

/// How a phrase's score combines model surprisal, the question contrast and the lexical value of its words.
enum PhraseScore {
    /// Weight of the lexical value (`PhraseBuilder.value`) against one nat of surprisal. Measured on SQuAD
    /// answer retention: without a question, what a phrase is (a number, a name) predicts whether a random
    /// question asks about it far better than how surprising it is.
    static let valueWeight = 5.0

    /// Weight of the question contrast (clamped to ±3 nats) against one nat of surprisal. The contrast is highest
    /// on the question's own words repeated in the text, which the reader already has. Answers kept at r = 0.5,
    /// 0.33, 0.2 (issue 17; first 100 NQ dev items, first 40 SQuAD random-question items): weight 1.5, NQ
    /// 83/68/52%, SQuAD 95/82.5/70%; 0.5, NQ 83/69/53%, SQuAD 95/82.5/70%; 0, NQ 83/69/53%, SQuAD 95/82.5/72.5%.
    /// 0.5 keeps a softened LongLLMLingua contrast; the differences are single items.
    static let contrastWeight = 0.5

    /// The score of a phrase with mean token surprisal `surprisal` (nil when not scored) and mean question
    /// contrast `contrast` (log p with the question minus without, nil without a question).
    static func score(surprisal: Double?, contrast: Double?, value: Double) -> Double {
        var s = min(max(surprisal ?? 0, 0), 12)
        if let contrast { s += contrastWeight * max(-3, min(3, contrast)) }
        return s + valueWeight * value
    }
}
