import Foundation
import TinyLM

/// LLMLingua-style prompt compression with a local Gemma 3 model: load once, compress many times, from any
/// number of concurrent tasks (each call keeps its own state).
///
/// ```swift
/// let compressor = try PromptCompressor(model: modelURL)
/// let result = try compressor.compress(prompt, ratio: 0.5)
/// print(result.text, result.compressedTokens)
/// ```
public struct PromptCompressor: Sendable {
    /// The scoring model and its tokenizer.
    public let languageModel: LanguageModel

    /// Loads the GGUF model at `model`.
    /// - Throws: `TinyLMError` when the file is missing or not a Gemma 3 model.
    public init(model: URL) throws {
        languageModel = try LanguageModel(path: model.path)
    }

    /// Uses an already loaded model.
    public init(languageModel: LanguageModel) {
        self.languageModel = languageModel
    }

    /// Model tokens of `text` (no BOS).
    public func countTokens(_ text: String) -> Int {
        text.isEmpty ? 0 : languageModel.tokenizer.encode(text, addBOS: false).count
    }

    /// Compresses `prompt` keeping about `ratio` of its model tokens (within ±0.02 unless protected content
    /// alone exceeds the budget).
    /// - Throws: `CompressionError` for a ratio outside (0, 1], an empty prompt, invalid JSON when JSON is
    ///   forced, an input longer than `options.maxModelTokens`, or a model failure.
    public func compress(_ prompt: String, ratio: Double, options: CompressionOptions = .init()) throws -> CompressionResult {
        guard ratio > 0, ratio <= 1, ratio.isFinite else { throw CompressionError.invalidRatio(ratio) }
        return try run(try Self.segment(prompt, options: options), budget: .ratio(ratio), options: options)
    }

    /// Compresses `prompt` to about `targetTokens` model tokens.
    /// - Throws: `CompressionError` for a non-positive target, an empty prompt, invalid JSON when forced, or a
    ///   model failure.
    public func compress(_ prompt: String, targetTokens: Int, options: CompressionOptions = .init()) throws -> CompressionResult {
        guard targetTokens > 0 else { throw CompressionError.invalidTargetTokens(targetTokens) }
        return try run(try Self.segment(prompt, options: options), budget: .tokens(targetTokens), options: options)
    }

    /// How much to keep.
    enum Budget {
        case ratio(Double)
        case tokens(Int)
    }

    /// Segments a prompt as plain text or JSON per `options.format`.
    static func segment(_ prompt: String, options: CompressionOptions) throws -> SegmentedText {
        guard !prompt.allSatisfy(\.isWhitespace) else { throw CompressionError.emptyInput }
        let bytes = Array(prompt.utf8)
        let settings = Segmenter.Settings(keepDigits: options.keepDigits, forceWords: options.forceWords)
        let first = bytes.first { ![32, 9, 10, 13].contains($0) }
        let looksJSON = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        if options.format == .json || (options.format == .auto && looksJSON) {
            do {
                let values = try JSONStringScanner.scan(bytes)
                return Segmenter.segmentJSON(bytes, values: values, settings: settings, countAll: true) { value in
                    // Short values are identifiers and enumerations, not prose: keep them.
                    MessagesSelection.wordCount(bytes[value.content]) >= 5
                }
            } catch {
                if options.format == .json || error.isDepthLimit {
                    throw CompressionError.invalidJSON(offset: error.offset, reason: error.reason)
                }
            }
        }
        return Segmenter.segmentText(bytes, settings: settings)
    }

    /// The whole pipeline on a segmented input.
    func run(_ text: SegmentedText, budget: Budget, options: CompressionOptions) throws -> CompressionResult {
        if let question = options.question, question.utf8.count > CompressionOptions.maxQuestionBytes {
            throw CompressionError.questionTooLong(bytes: question.utf8.count)
        }
        let tokenizer = languageModel.tokenizer
        let count: ([String]) -> Int = { texts in
            texts.reduce(0) { $0 + ($1.isEmpty ? 0 : tokenizer.encode($1, addBOS: false).count) }
        }
        let all = [Bool](repeating: true, count: text.pieces.count)
        let full = Assembly(text, keep: all)
        let n = count(full.countedTexts)
        let target: Int
        var allowed: ClosedRange<Int>
        switch budget {
        case .ratio(let r):
            target = Int((r * Double(n)).rounded())
            if target == 0 && n > 0 { throw CompressionError.ratioKeepsNothing(ratio: r, tokens: n) }
            let lo = Int((max(0, r - 0.02) * Double(n) - 1e-9).rounded(.up))
            let hi = Int(((r + 0.02) * Double(n) + 1e-9).rounded(.down))
            allowed = lo <= hi ? lo...hi : target...target
        case .tokens(let t):
            target = min(t, n)
            let slack = Int((0.02 * Double(n)).rounded(.down))
            allowed = max(0, target - slack)...(target + slack)
        }
        let none = Assembly(text, keep: [Bool](repeating: false, count: text.pieces.count))
        let protectedTokens = count(none.countedTexts)
        if target >= n || n == 0 {
            return result(full, tokens: n, original: n, target: target, protectedTokens: protectedTokens, exceeds: false)
        }
        if protectedTokens > allowed.upperBound {
            var out = result(none, tokens: protectedTokens, original: n, target: target, protectedTokens: protectedTokens, exceeds: true)
            out.droppedBlocks = BlockBudget.dropped(text, keep: [Bool](repeating: false, count: text.pieces.count))
            return out
        }
        let map = TokenMap(text, tokenizer: tokenizer)
        if let limit = options.maxModelTokens {
            let read = text.pieces.indices.reduce(0) { $0 + map.modelTokens($1).count }
            if read > limit { throw CompressionError.inputTooLong(tokens: read, limit: limit) }
        }
        let costs = text.pieces.indices.map { map.cost($0) }
        let unitCosts = text.units.map { unit in
            unit.pieces.reduce(0) { k, p in
                let kind = text.pieces[p].kind
                return k + ((kind == .word || kind == .code) && text.pieces[p].counted ? costs[p] : 0)
            }
        }
        let fixed = text.pieces.indices.reduce(0) { k, p in
            let piece = text.pieces[p]
            return k + (piece.counted && piece.kind != .word && piece.kind != .code ? costs[p] : 0)
        }
        let ratio = Double(target) / Double(n)
        var phrased = text
        if ratio < PhraseBuilder.articlesJoinFrom {
            phrased.pieces = PhraseBuilder.detachingArticles(text.pieces)
        } else if options.question?.allSatisfy(\.isWhitespace) ?? true {
            // Without a question, coordinated common words stay together ("time and space hierarchy theorems"), and
            // a verb form before a noun joins it ("flattened circular granal thylakoids").
            let participles = PhraseBuilder.adjectivalParticiples(text.pieces, bytes: text.bytes)
            phrased.pieces = PhraseBuilder.joiningConjunctions(participles, bytes: text.bytes)
            // With room for it, a verb form keeps the complement it opens ("returned to New York").
            if ratio >= PhraseBuilder.verbPrepositionsFrom {
                phrased.pieces = PhraseBuilder.joiningVerbPrepositions(phrased.pieces, bytes: text.bytes)
            }
        }
        let bos = tokenizer.bosID ?? 2
        let questionIDs = options.question.flatMap { q -> [Int32]? in
            q.allSatisfy(\.isWhitespace) ? nil : tokenizer.encode("Question: " + q + "\n", addBOS: false)
        }
        var scan: WindowScan?
        if let questionIDs {
            scan = try WindowScan.run(
                model: languageModel.model, bos: bos, text: text, map: map, question: questionIDs,
                windowTokens: max(256, options.windowTokens), mode: options.scoringMode, progress: options.progress)
        }
        let ranking = CoarseRanking.rank(
            text, map: map, costs: unitCosts, ratio: ratio, scan: scan, questionText: options.question)
        // Structure is kept only on lines that keep content: count about `ratio` of it against the budget.
        let structure = Double(fixed - protectedTokens)
        let droppableBudget = max(0, Double(target - protectedTokens) - structure * min(1, ratio * 1.2))
        let wholeBlocks = BlockBudget.keptWhole(units: text.units, costs: unitCosts, budget: droppableBudget)
        var floors = ranking.floors
        for u in wholeBlocks { floors[u] = 1 }
        let valueRates = BudgetController.valueShareRates(
            valueTokens: PhraseBuilder.valueTokens(phrased, costs: costs), floors: floors, budget: droppableBudget)
        var rates = valueRates
        if scan != nil {
            rates = BudgetController.rates(
                costs: unitCosts, scores: ranking.scores, floors: floors, budget: droppableBudget,
                spread: ranking.spread, dropsWholeUnits: ranking.dropsWholeUnits)
            // A question asking for a name, a date or a quantity is answered by the words the value rates keep
            // first, often beside the sentence that matches the question; other answers are phrases inside the
            // matching sentence, which needs the question ranking's whole rate.
            if ExpectedAnswer.of(options.question ?? "") == .entity { rates = BudgetController.hedged(rates, with: valueRates) }
        }
        var fine = FinePass(
            model: languageModel.model, bos: bos, text: phrased, map: map, rates: rates, question: questionIDs,
            segmentTokens: max(32, options.segmentTokens), windowTokens: max(256, options.windowTokens), progress: options.progress,
            scan: scan, mode: options.scoringMode)
        if questionIDs != nil, ratio < AnswerPrior.appliesBelow, let question = options.question {
            fine.answerPrior = AnswerPrior(question: question)
        }
        let outcome = try fine.run()
        var priority = [Double](repeating: 0, count: text.pieces.count)
        // Without a question, a name or number already seen earlier in the text is worth less the second time.
        let repeated = scan == nil ? PhraseBuilder.repeatedValues(phrased) : [:]
        for (p, piece) in text.pieces.enumerated() where piece.kind == .word || piece.kind == .code {
            let rate = piece.sentence >= 0 ? rates[piece.sentence] : 0
            let unscored = PhraseScore.score(surprisal: nil, contrast: nil, value: PhraseBuilder.wordValue(piece.traits)) - 8
            priority[p] = (outcome.scores[p] ?? unscored) + 4 * rate
            if piece.kind == .word, let v = repeated[phrased.pieces[p].phrase] {
                priority[p] -= PhraseScore.valueWeight * PhraseBuilder.repeatDiscount * v
            }
        }
        if scan == nil {
            // Without a question, the question to come asks about the opening sentence more often than any other.
            for p in PhraseBuilder.leadSentencePieces(phrased.pieces) { priority[p] += PhraseBuilder.leadSentenceBonus }
            let discounts = PhraseBuilder.sentenceRankDiscounts(phrased.pieces, priority: priority)
            for (p, piece) in phrased.pieces.enumerated() where piece.kind == .word { priority[p] -= discounts[piece.phrase] ?? 0 }
        }
        for u in wholeBlocks { for p in text.units[u].pieces where text.pieces[p].kind == .code { priority[p] += 100 } }
        let answers = scan == nil ? [] : answerCandidates(text, question: options.question, ratio: ratio, costs: costs, target: target)
        // Function words score far below zero; the answer's own ("more than 50") go with it.
        for p in answers { priority[p] = max(priority[p], 0) + 50 }
        if scan == nil && ratio < PhraseBuilder.articlesFitApartBelow {
            // A tight budget spends no token on an article: the phrase it opens is kept without it.
            let apart = PhraseBuilder.detachingLeadingArticles(phrased.pieces, bytes: text.bytes)
            for p in apart.indices where phrased.pieces[p].traits.contains(.article) && !apart[p].traits.contains(.article) {
                priority[p] = PhraseScore.valueWeight * PhraseBuilder.wordValue(apart[p].traits)
            }
            phrased.pieces = apart
        }
        var fit = BudgetFit(text: phrased, costs: costs, priority: priority, count: count)
        fit.wholePhrases = scan == nil
        var initial = scan == nil ? fit.greedy(budget: droppableBudget) : outcome.keep
        for p in answers { initial[p] = true }
        let fitted = fit.keepingOne(fit.fit(initial, target: target, allowed: allowed))
        options.progress?(1)
        var out = result(fitted.assembly, tokens: fitted.tokens, original: n, target: target, protectedTokens: protectedTokens,
                         exceeds: false)
        out.droppedBlocks = BlockBudget.dropped(text, keep: fitted.keep)
        return out
    }

    /// The likeliest answer words of a question (`AnswerProximity`), within their share of the budget.
    private func answerCandidates(_ text: SegmentedText, question: String?, ratio: Double, costs: [Int], target: Int) -> [Int] {
        guard let question else { return [] }
        var spent = 0
        var kept: [Int] = []
        let groups = AnswerProximity.candidates(in: text, question: question, limit: AnswerProximity.limit(ratio: ratio))
        for (rank, group) in groups.enumerated() {
            let cost = group.reduce(0) { $0 + costs[$1] }
            let share = rank == 0 ? AnswerProximity.bestBudgetShare : AnswerProximity.maxBudgetShare
            guard Double(spent + cost) <= share * Double(target) else { continue }
            kept += group
            spent += cost
        }
        return kept
    }

    private func result(
        _ a: Assembly, tokens: Int, original: Int, target: Int, protectedTokens: Int, exceeds: Bool
    ) -> CompressionResult {
        CompressionResult(
            text: String(decoding: a.bytes, as: UTF8.self), originalTokens: original, compressedTokens: tokens,
            targetTokens: target, kept: a.kept, protectedExceedsBudget: exceeds, protectedTokens: protectedTokens)
    }
}
