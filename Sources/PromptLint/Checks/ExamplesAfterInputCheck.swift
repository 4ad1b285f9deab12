import Foundation

/// PL006: few-shot examples placed after the user's input. They are static and belong in the prefix;
/// after the input they are re-sent uncached every time.
///
/// Parameters: `pattern` (regex that marks the start of examples), `min_example_tokens` (512, the cost
/// threshold PL001 explains; 30 in the `strict:` block, read under `profile: strict`).
public struct ExamplesAfterInputCheck: RuleCheck {
    /// `examples-after-input`.
    public static let identifier = "examples-after-input"
    let pattern: NSRegularExpression
    let minTokens: [LintProfile: Int]

    /// The default pattern: an "Examples" heading or label, `<example>` tags, or "Example 1".
    public static let defaultPattern =
        #"(?im)^\s*(#+\s*|\*\*)?(examples?|few[- ]shot examples?|sample (inputs?|outputs?))\s*(\*\*)?\s*:?\s*$|<examples?>|^\s*(#+\s*)?example\s*(#?\d+)\b"#

    /// Creates the check; throws when the pattern does not compile.
    public init(parameters: RuleParameters) throws {
        pattern = try TextMatch.regex(parameters.string("pattern") ?? Self.defaultPattern)
        minTokens = TailThreshold.byProfile(
            parameters, tokensKey: "min_example_tokens", defaultTokens: 512, strictTokens: 30, strictFraction: 0
        ).mapValues(\.minTokens)
    }

    /// Finds an examples block after the first input slot.
    public func run(_ context: CheckContext) -> [CheckHit] {
        let layout = context.layout
        let minTokens = minTokens[context.profile] ?? 512
        guard let inputIndex = layout.items.indices.first(where: {
            layout.items[$0].slotClass?.kind == .input && layout.isDynamic($0)
        }), let input = layout.items[inputIndex].slot else { return [] }
        for i in layout.items.indices where i > inputIndex {
            guard let text = layout.items[i].text, layout.items[i].staticTokens > 0 else { continue }
            let found: [(Range<String.Index>, String)]
            do { found = try TextMatch.matches(pattern, in: text) } catch { return [.budgetExceeded(error, at: layout.items[i].position)] }
            guard let (range, label) = found.first else { continue }
            let after = layout.staticTokens(after: i, within: text, from: range.lowerBound, counter: context.tokenCounter)
            guard after >= minTokens else { continue }
            return [CheckHit(
                position: layout.items[i].position.advanced(over: text[..<range.lowerBound]),
                snippet: TextMatch.short(label),
                values: ["examples": TextMatch.short(label, limit: 40), "input": input.source,
                         "tokens": String(after), "input_position": input.position.description],
                severityCap: layout.items[inputIndex].slotClass?.severityCap, breakPosition: input.position, breakIndex: inputIndex)]
        }
        return []
    }
}
