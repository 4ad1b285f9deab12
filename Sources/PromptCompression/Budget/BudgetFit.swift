/// Brings the kept set to the exact token target: counts the assembled output with the model's tokenizer and
/// drops the lowest-priority kept words (or restores the highest-priority dropped ones) until the count is
/// inside the tolerance.
struct BudgetFit {
    let text: SegmentedText
    let costs: [Int]
    /// Priority per piece (higher = keep first); only word and code pieces are considered.
    let priority: [Double]
    let count: ([String]) -> Int
    /// Whether the fit removes whole phrases over the target (the question-free path) rather than single words,
    /// lowest priority first. With a question the fine pass has already chosen phrases within each unit and the
    /// fit trims word by word, as that path was tuned: whole phrases there kept 92.5 / 87.5 / 67.5% of the first 40
    /// NQ answers at r = 0.5 / 0.33 / 0.2, against 95 / 87.5 / 70% measured before (issue 17, session 21).
    var wholePhrases = false

    /// The result of fitting.
    struct Fitted {
        var keep: [Bool]
        var assembly: Assembly
        var tokens: Int
    }

    /// The kept set one global ranking gives: whole phrases (and code blocks) by descending priority, each taken
    /// while its tokens fit in `budget`. Used without a question, where no unit is more relevant than another and
    /// per-unit quotas would drop a number in one sentence to keep a verb in the next.
    func greedy(budget: Double) -> [Bool] {
        let candidates = text.pieces.indices.filter { text.pieces[$0].kind == .word || text.pieces[$0].kind == .code }
        let groups = PhraseBuilder.runs(candidates, in: text.pieces) { text.pieces[$0].counted ? costs[$0] : 0 }
        var keep = [Bool](repeating: false, count: text.pieces.count)
        var used = 0.0
        for g in groups.sorted(by: { (priority[$0.first], -$0.first) > (priority[$1.first], -$1.first) }) {
            let c = Double(g.cost)
            if used + c / 2 <= budget || c == 0 {
                for p in g.pieces { keep[p] = true }
                used += c
            }
        }
        return keep
    }

    /// Adjusts `keep` towards `target`, accepting any count in `allowed`.
    func fit(_ initial: [Bool], target: Int, allowed: ClosedRange<Int>, maxRounds: Int = 40) -> Fitted {
        var keep = initial
        var assembly = Assembly(text, keep: keep)
        var tokens = count(assembly.countedTexts)
        let droppable = text.pieces.indices.filter { (text.pieces[$0].kind == .word || text.pieces[$0].kind == .code) && costs[$0] > 0 }
        let ascending = droppable.sorted { (priority[$0], -$0) < (priority[$1], -$1) }
        // Phrases (and code blocks), lowest priority first: what the fit removes over the target.
        let ascendingRuns = PhraseBuilder.runs(droppable, in: text.pieces) { costs[$0] }
            .sorted { (priority[$0.first], -$0.first) < (priority[$1.first], -$1.first) }
        var best = Fitted(keep: keep, assembly: assembly, tokens: tokens)
        var seen = Set<[Bool]>()
        for _ in 0..<maxRounds {
            if abs(tokens - target) < abs(best.tokens - target) || (allowed.contains(tokens) && !allowed.contains(best.tokens)) {
                best = Fitted(keep: keep, assembly: assembly, tokens: tokens)
            }
            if allowed.contains(tokens) && abs(tokens - target) <= 1 { break }
            if !seen.insert(keep).inserted { break }
            var excess = tokens - target
            var changed = false
            if excess > 0, wholePhrases {
                // Remove the lowest-priority kept phrases whole (a cut phrase is rarely a fact: "time space
                // hierarchy theorems"); prefer an exact fit for the last step.
                for run in ascendingRuns where excess > 0 {
                    let kept = run.pieces.filter { keep[$0] }
                    guard !kept.isEmpty else { continue }
                    let c = kept.reduce(0) { $0 + costs[$1] }
                    if c <= excess || c - excess <= max(0, allowed.upperBound - target) {
                        for p in kept { keep[p] = false }
                        excess -= c
                        changed = true
                    }
                }
                if !changed, let run = ascendingRuns.first(where: { $0.pieces.contains { keep[$0] } }) {
                    for p in run.pieces { keep[p] = false }
                    changed = true
                }
            } else if excess > 0 {
                // Remove the lowest-priority kept pieces; prefer an exact fit for the last step.
                for p in ascending where keep[p] && excess > 0 {
                    if costs[p] <= excess || costs[p] - excess <= max(0, allowed.upperBound - target) {
                        keep[p] = false
                        excess -= costs[p]
                        changed = true
                    }
                }
                if !changed, let p = ascending.first(where: { keep[$0] }) { keep[p] = false; changed = true }
            } else if excess < 0 {
                var room = -excess
                // Content words before the function words joined to them, which follow only a kept phrase.
                let restoring = ascending.reversed().filter { !isJoined($0) } + ascending.reversed().filter(isJoined)
                for p in restoring where !keep[p] && room > 0 {
                    if isJoined(p) && !phraseKeepsContent(p, keep) { continue }
                    if costs[p] <= room {
                        keep[p] = true
                        room -= costs[p]
                        changed = true
                    }
                }
            }
            if !changed { break }
            droppingOrphans(&keep)
            assembly = Assembly(text, keep: keep)
            tokens = count(assembly.countedTexts)
        }
        if abs(tokens - target) < abs(best.tokens - target) || (allowed.contains(tokens) && !allowed.contains(best.tokens)) {
            best = Fitted(keep: keep, assembly: assembly, tokens: tokens)
        }
        return best
    }

    /// Whether piece `p` is a function word joined to its phrase's content words (`WordTraits.article`).
    private func isJoined(_ p: Int) -> Bool {
        text.pieces[p].kind == .word && text.pieces[p].traits.contains(.article)
    }

    /// Whether a content word of `p`'s phrase is kept.
    private func phraseKeepsContent(_ p: Int, _ keep: [Bool]) -> Bool {
        let phrase = text.pieces[p].phrase
        var q = p - 1
        while q >= 0, text.pieces[q].kind == .word, text.pieces[q].phrase == phrase {
            if keep[q] && !isJoined(q) { return true }
            q -= 1
        }
        q = p + 1
        while q < text.pieces.count, text.pieces[q].kind == .word, text.pieces[q].phrase == phrase {
            if keep[q] && !isJoined(q) { return true }
            q += 1
        }
        return false
    }

    /// Drops every kept joined function word whose phrase keeps no content word: alone it says nothing ("the
    /// the" when one token of room was left).
    private func droppingOrphans(_ keep: inout [Bool]) {
        for p in text.pieces.indices where keep[p] && isJoined(p) && !phraseKeepsContent(p, keep) { keep[p] = false }
    }

    /// `fitted`, or when it keeps no word or code piece of an input that has some (a one-word prompt at ratio
    /// 0.5: its only word costs more tokens than the target), the same with the highest-priority one kept, so a
    /// non-empty input never compresses to nothing.
    func keepingOne(_ fitted: Fitted) -> Fitted {
        let droppable = text.pieces.indices.filter { text.pieces[$0].kind == .word || text.pieces[$0].kind == .code }
        guard !droppable.contains(where: { fitted.keep[$0] }),
              let best = droppable.max(by: { (priority[$0], -$0) < (priority[$1], -$1) })
        else { return fitted }
        var keep = fitted.keep
        keep[best] = true
        let assembly = Assembly(text, keep: keep)
        return Fitted(keep: keep, assembly: assembly, tokens: count(assembly.countedTexts))
    }
}
