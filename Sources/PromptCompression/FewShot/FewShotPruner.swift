import TinyLM

/// Keeps a small, diverse, representative subset of few-shot examples: embeds each with the local model, then
/// selects for coverage (facility location or k-center; MMR when a query is given), one example per label
/// first when examples carry labels, within a count or a token budget. Deterministic; ties go to the earlier
/// example; kept examples stay in input order. Safe to share between tasks.
public struct FewShotPruner: Sendable {
    /// Choices of the pruner.
    public struct Options: Sendable, Equatable {
        /// The coverage objective without a query.
        public var objective: FewShotObjective = .facilityLocation
        /// MMR's weight of relevance to the query against redundancy, in [0, 1].
        public var lambda: Float = 0.5
        /// Keep one example of each label before anything else (when examples carry labels).
        public var stratifyByLabel = true
        /// Embed only the input (`true`) or the whole example text (`false`).
        public var embedInputOnly = false
        /// How token states are pooled.
        public var pooling: FewShotEmbedder.Pooling = .mean
        /// How the set's vectors are normalised before cosines. Standardised separates topics best in
        /// `promptbench fewshot-eval` (leave-one-out 1-NN label accuracy on 30 SQuAD questions: 0.83 against
        /// 0.77 centred and 0.67 raw).
        public var normalization: FewShotEmbedder.Normalization = .standardize
        /// How the embedding trunk multiplies: `.exact` (float32) or `.fast` (block int8; see `promptcompress
        /// fewshot --fast` for the measured agreement of the selections).
        public var trunk: ScoringMode = .exact

        /// The defaults: facility location, λ 0.5, stratified, whole text, mean pooling, standardised.
        public init() {}
    }

    /// The embedder (model and tokenizer).
    public let embedder: FewShotEmbedder
    /// The options.
    public var options: Options
    /// Called with the fraction of examples embedded after each one (embedding is most of the time of a pool).
    public var progress: (@Sendable (Double) -> Void)?

    /// A pruner over a loaded model.
    public init(languageModel: LanguageModel, options: Options = Options()) {
        var embedder = FewShotEmbedder(languageModel: languageModel, pooling: options.pooling)
        embedder.trunk = options.trunk
        self.embedder = embedder
        self.options = options
    }

    /// Token count of an example as a prompt carries it (`example.text`, no BOS).
    public func tokenCount(_ example: FewShotExample) -> Int { embedder.tokenCount(example.text) }

    /// The raw pooled vector of each example (what `prune(_:limit:query:vectors:)` accepts), embedded in shared
    /// forward calls (`FewShotEmbedder.embedAll`).
    /// - Throws: `FewShotError.model`.
    public func vectors(for examples: [FewShotExample]) throws(FewShotError) -> [[Float]] {
        try embedder.embedAll(examples.map { options.embedInputOnly ? $0.input : $0.text }, progress: progress).map(\.vector)
    }

    /// Selects examples.
    /// - Parameters:
    ///   - examples: the list, in input order.
    ///   - limit: how many to keep, or a token budget.
    ///   - query: when given, MMR favours examples relevant to it.
    ///   - vectors: precomputed `vectors(for:)` of the examples (computed when nil).
    /// - Throws: `FewShotError` for an empty list, a count below 1, a budget below 1 or below the smallest
    ///   example, an empty query, or a model failure.
    public func prune(
        _ examples: [FewShotExample], limit: FewShotLimit, query: String? = nil, vectors: [[Float]]? = nil
    ) throws(FewShotError) -> FewShotPruneResult {
        guard !examples.isEmpty else { throw .emptyList }
        let costs = examples.map(tokenCount)
        let total = costs.reduce(0, +)
        var warnings: [FewShotWarning] = []
        switch limit {
        case .count(let k):
            guard k >= 1 else { throw .invalidKeep(k) }
            if k > examples.count { warnings.append(.keepExceedsCount(keep: k, count: examples.count)) }
        case .budget(let b):
            guard b >= 1 else { throw .invalidBudget(b) }
            let smallest = costs.min()!
            guard b >= smallest else { throw .budgetTooSmall(budget: b, smallestExample: smallest) }
            if b >= total { warnings.append(.budgetHoldsAll(budget: b, total: total)) }
        }
        if let query, query.allSatisfy(\.isWhitespace) { throw .emptyQuery }

        var raw: [[Float]]
        if let vectors { raw = vectors } else { raw = try self.vectors(for: examples) }
        if let query { raw.append(try embedder.embed(query).vector) }
        let unit = FewShotEmbedder.normalize(raw, options.normalization, fitCount: examples.count)
        let exampleUnits = Array(unit.prefix(examples.count))
        let relevance = query == nil ? nil : exampleUnits.map { FewShotEmbedder.dot($0, unit[examples.count]) }
        let groups = options.stratifyByLabel ? Self.groups(examples) : nil
        let input = FewShotSelectionInput(
            similarity: FewShotEmbedder.cosineMatrix(exampleUnits), count: examples.count, costs: costs,
            groups: groups, relevance: relevance)
        let selection = FewShotSelector.select(input, limit: limit, objective: options.objective, lambda: options.lambda)

        if let groups {
            let keptGroups = Set(selection.selected.map { groups[$0] })
            let names = Self.groupNames(examples)
            let missing = names.indices.filter { !keptGroups.contains($0) }.map { names[$0] }
            if !missing.isEmpty { warnings.append(.labelsNotCovered(missing: missing)) }
        }
        return FewShotPruneResult(
            selected: selection.selected, scores: selection.scores,
            examples: selection.selected.map { examples[$0] },
            tokensBefore: total, tokensAfter: selection.selected.reduce(0) { $0 + costs[$1] },
            coverage: selection.coverage, warnings: warnings)
    }

    /// A group id per example (labels in order of first appearance; unlabelled examples share one group), or
    /// nil when no example has a label.
    public static func groups(_ examples: [FewShotExample]) -> [Int]? {
        guard examples.contains(where: { $0.label != nil }) else { return nil }
        let names = groupNames(examples)
        return examples.map { names.firstIndex(of: $0.label ?? unlabelled)! }
    }

    static let unlabelled = "(no label)"

    static func groupNames(_ examples: [FewShotExample]) -> [String] {
        var names: [String] = []
        for e in examples where !names.contains(e.label ?? unlabelled) { names.append(e.label ?? unlabelled) }
        return names
    }
}

/// What a pruning kept.
public struct FewShotPruneResult: Sendable {
    /// 0-based indices of the kept examples, in input order.
    public var selected: [Int]
    /// A score per kept example (see `FewShotSelection.scores`).
    public var scores: [Float]
    /// The kept examples, in input order.
    public var examples: [FewShotExample]
    /// Tokens of all examples.
    public var tokensBefore: Int
    /// Tokens of the kept examples.
    public var tokensAfter: Int
    /// Mean similarity of every example to its nearest kept one.
    public var coverage: Double
    /// Things to tell the user.
    public var warnings: [FewShotWarning]
}
