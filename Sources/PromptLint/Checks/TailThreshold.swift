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

    /// The static tokens this threshold weighs after each item of `layout` (compute once per run): with
    /// every conditional at its smallest branch (what every request renders), or with `largest`, at its
    /// largest (what some request renders).
    func tails(in layout: CacheLayout, largest: Bool = false) -> [Int] {
        if untilNextValue && !largest {
            return layout.items.indices.map { layout.staticTokensUntilNextDynamic(after: $0) } + [0]
        }
        if untilNextValue {
            // Up to the next dynamic value, counted in the largest rendering.
            let all = layout.staticBlockTokensAfter(minBlock: 0, largest: true)
            var next = Array(repeating: layout.items.count, count: layout.items.count + 1)
            for j in stride(from: layout.items.count - 1, through: 0, by: -1) {
                next[j] = layout.isDynamic(j) ? j : next[j + 1]
            }
            return layout.items.indices.map { i in
                let n = next[min(i + 1, layout.items.count)]
                return all[i] - (n < layout.items.count ? all[n] : 0)
            } + [0]
        }
        return layout.staticBlockTokensAfter(minBlock: minBlock, largest: largest)
    }

    /// True when `tokens` after a break are enough to report it (`largest`: counted in the largest
    /// rendering, so the share is of that rendering's static content).
    func isMet(by tokens: Int, in layout: CacheLayout, largest: Bool = false) -> Bool {
        let total = largest ? layout.totalLargestStaticTokens : layout.totalStaticTokens
        return tokens >= minTokens && Double(tokens) >= minFraction * Double(max(total, 1))
    }

    /// The count after a break as messages say it: `420` or, when conditionals change it, a range
    /// `120-1030` and what it depends on (` (depending on `x`)`).
    static func describe(smallest: Int, largest: Int, conditions: [String]) -> (tokens: String, depends: String) {
        guard largest > smallest else { return (String(smallest), "") }
        let names = conditions.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
        return ("\(smallest)-\(largest)", names.isEmpty ? " (depending on which branches render)" : " (depending on \(names))")
    }

    /// The rule's `strict:` block (`profile: strict`'s own parameters), empty when it has none.
    static func strictParameters(_ parameters: RuleParameters) -> RuleParameters {
        if case .map(let block)? = parameters.values[LintProfile.strict.rawValue] { return RuleParameters(block) }
        return RuleParameters()
    }

    /// The thresholds of each profile from a rule's parameters: the top level for `cost`, the `strict:`
    /// block alone for `strict` (top-level values do not carry over, since they are set for cost).
    static func byProfile(
        _ parameters: RuleParameters, tokensKey: String, defaultTokens: Int, strictTokens: Int, strictFraction: Double
    ) -> [LintProfile: TailThreshold] {
        let strict = strictParameters(parameters)
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
