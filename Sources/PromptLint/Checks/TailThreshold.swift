/// How much static content must follow a prefix break for PL001/PL005 to report it, per profile.
struct TailThreshold: Sendable, Hashable {
    /// Fewest static tokens after the break.
    var minTokens: Int
    /// Smallest share of the template's static tokens after the break.
    var minFraction: Double
    /// Count the static content only up to the next dynamic slot (`until_next_value: true`), not all of
    /// it. The default counts all of it: the fix a finding proposes moves every dynamic value of the
    /// prefix break (the first one and those its message lists) after the static content.
    var untilNextValue = false
    /// Static stretches between dynamic values shorter than this are not counted
    /// (`CacheLayout.staticBlockTokensAfter`); 0 counts every static token.
    var minBlock = 0

    /// The static tokens this threshold weighs after each item of `layout` (compute once per run).
    func tails(in layout: CacheLayout) -> [Int] {
        if untilNextValue { return layout.items.indices.map { layout.staticTokensUntilNextDynamic(after: $0) } + [0] }
        return layout.staticBlockTokensAfter(minBlock: minBlock)
    }

    /// True when `tokens` after a break are enough to report it.
    func isMet(by tokens: Int, in layout: CacheLayout) -> Bool {
        tokens >= minTokens && Double(tokens) >= minFraction * Double(max(layout.totalStaticTokens, 1))
    }

    /// The thresholds of each profile from a rule's parameters: the top level for `cost`, the `strict:`
    /// block alone for `strict` (top-level values do not carry over, since they are set for cost).
    static func byProfile(
        _ parameters: RuleParameters, tokensKey: String, defaultTokens: Int, strictTokens: Int, strictFraction: Double
    ) -> [LintProfile: TailThreshold] {
        var strict = RuleParameters()
        if case .map(let block)? = parameters.values[LintProfile.strict.rawValue] { strict = RuleParameters(block) }
        return [
            .cost: TailThreshold(
                minTokens: parameters.int(tokensKey, default: defaultTokens),
                minFraction: parameters.double("min_fraction_after", default: 0),
                untilNextValue: parameters.bool("until_next_value", default: false),
                minBlock: parameters.int("min_block_tokens", default: 64)),
            .strict: TailThreshold(
                minTokens: strict.int(tokensKey, default: strictTokens),
                minFraction: strict.double("min_fraction_after", default: strictFraction),
                untilNextValue: strict.bool("until_next_value", default: false),
                minBlock: strict.int("min_block_tokens", default: 0)),
        ]
    }
}
