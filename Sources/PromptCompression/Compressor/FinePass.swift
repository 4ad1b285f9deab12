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
    /// conditioned on BOS (or BOS and question) and the original text before them in the window.
    let scan: WindowScan?

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
        for (k, segment) in segments.enumerated() {
            var fresh = false
            if scorer0 == nil || windowUsed + segment.tokens > windowTokens {
                scorer0 = ConditionalScorer(model: model, bos: bos)
                if let question { scorerQ = ConditionalScorer(model: model, bos: bos, prefix: question) }
                windowUsed = 0
                fresh = true
            }
            let tokenIndices = segment.pieces.flatMap { map.pieceTokens[$0] }
            let ids = tokenIndices.map { map.ids[$0] }
            guard !ids.isEmpty else { continue }
            let lastInWindow = k + 1 == segments.count || windowUsed + segment.tokens + segments[k + 1].tokens > windowTokens
            let base0 = scorer0!.count
            let baseQ = scorerQ?.count ?? 0
            let lp0: [Float]
            var lpQ: [Float]?
            if fresh, let scan {
                // Same conditioning as the window pass: reuse it, and feed the kept text below only if needed.
                lp0 = tokenIndices.map { scan.plain[$0] }
                lpQ = tokenIndices.map { scan.conditioned[$0] }
            } else {
                lp0 = try scorer0!.score(ids)
                if scorerQ != nil { lpQ = try scorerQ!.score(ids) }
            }
            // Per-piece offsets into ids.
            var offset = 0
            var local: [Int: Range<Int>] = [:]
            for p in segment.pieces {
                let n = map.pieceTokens[p].count
                local[p] = offset..<offset + n
                offset += n
            }
            for p in segment.pieces where pieces[p].kind == .word {
                guard let r = local[p], !r.isEmpty else { scores[p] = WordScore.prior(pieces[p]); continue }
                let surprisal = -r.reduce(0.0) { $0 + Double(lp0[$1]) } / Double(r.count)
                var contrast: Double?
                if let lpQ { contrast = r.reduce(0.0) { $0 + Double(lpQ[$1] - lp0[$1]) } / Double(r.count) }
                scores[p] = WordScore.score(surprisal: surprisal, contrast: contrast, piece: pieces[p])
            }
            // Per unit: keep the best words up to its rate.
            for u in segment.units { select(unit: u, scores: scores, keep: &keep) }
            // Re-feed only what is kept.
            var keptIDs: [Int32] = []
            for p in segment.pieces {
                switch pieces[p].kind {
                case .word, .code: if keep[p] { keptIDs += map.pieceTokens[p].map { map.ids[$0] } }
                case .marker: break
                default: keptIDs += map.pieceTokens[p].map { map.ids[$0] }
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
            let fraction = Double(done) / Double(totalTokens)
            progress?(scan == nil ? fraction : 0.5 + 0.5 * fraction)
        }
        // Code blocks are kept or dropped whole by their unit's rate.
        for (u, unit) in text.units.enumerated() where unit.isCode {
            for p in unit.pieces { keep[p] = rates[u] >= 0.5 }
        }
        return Outcome(scores: scores, keep: keep)
    }

    /// Keeps the highest-scoring words of unit `u` until its rate of droppable tokens is reached.
    private func select(unit u: Int, scores: [Double?], keep: inout [Bool]) {
        let words = text.units[u].pieces.filter { text.pieces[$0].kind == .word }
        let total = words.reduce(0) { $0 + map.cost($1) }
        let goal = rates[u] * Double(total)
        if rates[u] >= 1 { for p in words { keep[p] = true }; return }
        var used = 0.0
        for p in words.sorted(by: { (scores[$0] ?? -99, -$0) > (scores[$1] ?? -99, -$1) }) {
            let c = Double(map.cost(p))
            if used + c / 2 <= goal || c == 0 {
                keep[p] = true
                used += c
            }
        }
    }

    struct Segment {
        var pieces: [Int] = []
        var units: [Int] = []
        var tokens = 0
    }

    /// Cuts the pieces of the units not dropped whole into segments of about `segmentTokens` tokens.
    private func makeSegments() -> [Segment] {
        var out: [Segment] = []
        var current = Segment()
        for (u, unit) in text.units.enumerated() where rates[u] > 0 && !unit.isCode {
            let n = unit.pieces.reduce(0) { $0 + map.cost($1) }
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

/// How a word's score combines model surprisal, the question contrast and lexical priors.
enum WordScore {
    /// A score from the model's view of the word plus its prior.
    static func score(surprisal: Double, contrast: Double?, piece: Piece) -> Double {
        var s = min(max(surprisal, 0), 12)
        if let contrast { s += 1.5 * max(-3, min(3, contrast)) }
        return s + prior(piece)
    }

    /// The lexical prior alone.
    static func prior(_ piece: Piece) -> Double {
        let t = piece.traits
        var p = 0.0
        if t.contains(.number) { p += 3 }
        if t.contains(.capitalized) && !t.contains(.sentenceStart) { p += 2 }
        if t.contains(.compound) { p += 1 }
        if t.contains(.literal) { p += 2 }
        if t.contains(.negation) { p += 4 }
        if t.contains(.stopword) { p -= 2 }
        if t.contains(.punctuation) { p -= 1.5 }
        return p
    }
}
