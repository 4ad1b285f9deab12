/// How strict the layout rules are (`profile:` in `.promptlint.yml`, `--profile` on the command line).
///
/// - `cost` (the default) reports a prefix break only where fixing it can save money: the static
///   content a fix would add to the cached prefix is at least half the smallest minimum cacheable
///   prefix of the OpenAI, Anthropic and Gemini models in `Rules/pricing` (see PL001's rationale).
/// - `strict` reports layout hygiene: any dynamic value before a static block of a couple of dozen
///   tokens, counting all static content after it. Rules read their `strict:` parameter block.
public enum LintProfile: String, Sendable, CaseIterable {
    /// Report what costs money (default).
    case cost
    /// Report layout hygiene, whatever it costs.
    case strict
}
