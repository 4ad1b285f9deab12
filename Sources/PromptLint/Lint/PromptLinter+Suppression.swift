extension PromptLinter {
    /// Drops findings covered by inline suppressions, then reports unused suppressions and
    /// suppressions without a reason.
    func applySuppressions(_ findings: [Finding], template: PromptTemplate) -> [Finding] {
        let suppressions = SuppressionParser.parse(template.source, format: template.format)
        guard !suppressions.isEmpty else { return findings }
        var used = Array(repeating: false, count: suppressions.count)
        var kept: [Finding] = []
        for f in findings {
            guard let rule = rules.rule(f.ruleID) else {
                kept.append(f)
                continue
            }
            let index = suppressions.indices.first { suppressions[$0].covers(rule: rule.definition, line: f.line) }
            if let index {
                used[index] = true
            } else {
                kept.append(f)
            }
        }
        for (i, s) in suppressions.enumerated() {
            let hitPosition = s.position
            let directive = TextMatch.short(s.text, limit: 80)
            if !used[i], let rule = rules.rule(forCheck: UnusedSuppressionCheck.identifier),
                isActive(rule.definition, path: template.path)
            {
                let unknown = s.rules.filter { key in !rules.rules.contains { Configuration.key(key, selects: $0.definition) } }
                let problem = unknown.isEmpty
                    ? "suppressed nothing" : "names unknown rule \(unknown.joined(separator: ", "))"
                kept.append(finding(rule.definition, hit: CheckHit(
                    position: hitPosition, snippet: directive,
                    values: ["directive": directive, "problem": problem]), path: template.path))
            }
            if s.reason == nil, let rule = rules.rule(forCheck: SuppressionReasonCheck.identifier),
                isActive(rule.definition, path: template.path)
            {
                kept.append(finding(rule.definition, hit: CheckHit(
                    position: hitPosition, snippet: directive, values: ["directive": directive]), path: template.path))
            }
        }
        return kept
    }
}
