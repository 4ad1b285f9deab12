import Foundation

/// One finding per prefix break within a file: the same break reached by two requests, two arms of an `if`, or
/// a prompt built in one function and sent in another, is reported once.
extension PromptLinter {
    /// One finding per rule and place: two requests of a file built from the same prompt (a helper called
    /// twice) break at the same value; the finding kept is the most severe, then the longest message (it
    /// names more of what follows).
    static func onePerPlace(_ findings: [Finding]) -> [Finding] {
        var kept: [String: Finding] = [:]
        for f in Set(findings) {
            let key = "\(f.ruleID):\(f.line):\(f.column)"
            guard let other = kept[key] else { kept[key] = f; continue }
            if (f.severity, f.message.count, f.message) > (other.severity, other.message.count, other.message) { kept[key] = f }
        }
        return Array(kept.values)
    }

    /// One prefix-break finding per traced value: two requests of a file that send the same value, traced to the
    /// same place, with the same content after it (the two arms of an `if`/`else` that build the prompt with and
    /// without an extra message) break the prefix once, so only the first of the identical findings is kept.
    /// A value judged by its name alone names no place, so two such findings stay two.
    static func onePerTracedValue(_ findings: [Finding]) -> [Finding] {
        var seen: Set<String> = []
        var kept: [Finding] = []
        for f in findings.sorted(by: Finding.reportOrder) {
            let traced = f.ruleID == "PL001" && f.message.contains(" comes from ") && f.message.contains(" at line ")
            if traced, !seen.insert(f.message).inserted { continue }
            kept.append(f)
        }
        return kept
    }

    /// A prompt built around a traced value in one function (`It is ${now}.` in `buildSystemPrompt`, `now` from
    /// `new Date()` at line 61) and sent whole in another of the same file (`content: systemPrompt`) gets two
    /// PL001 findings for one break: at the placeholder, and at the send site, whose value traces to the same
    /// place. The send site's finding is folded into the placeholder's, which names it: the placeholder is the
    /// line to move. As across files (`LintRunner.foldingSendSites`), a more severe send-site finding stays (it
    /// sees the conversation after the prompt, which the placeholder's prompt does not show). Placeholders of
    /// several prompts filled from one clock (`{current_date}` in four prompts) each break their own prompt and
    /// are never folded; a send site whose value has no placeholder finding in the file stays.
    static func foldingLocalSendSites(_ findings: [Finding]) -> [Finding] {
        var placeholderAt: [String: Int] = [:]
        for (i, f) in findings.enumerated() where f.ruleID == "PL001" && !isWholeValue(f) {
            if let origin = tracedOrigin(f.message), placeholderAt[origin] == nil { placeholderAt[origin] = i }
        }
        var out = findings
        var folded: Set<Int> = []
        for (i, f) in findings.enumerated() where f.ruleID == "PL001" && isWholeValue(f) {
            guard let origin = tracedOrigin(f.message), let target = placeholderAt[origin],
                f.severity <= out[target].severity
            else { continue }
            out[target].related.append(RelatedLocation(line: f.line, column: f.column, snippet: f.snippet))
            out[target].message += " The prompt is sent at line \(f.line) (the same break, reported here once)."
            folded.insert(i)
        }
        return out.enumerated().filter { !folded.contains($0.offset) }.map(\.element)
    }

    /// True when a finding's value is a whole expression of code (`systemPrompt`, `await buildSystemPrompt(id)`),
    /// not a placeholder inside a prompt's text (`${now}`, `{current_date}`, `{{ date }}`, `%s`).
    static func isWholeValue(_ finding: Finding) -> Bool {
        guard let first = finding.snippet.trimmingCharacters(in: .whitespaces).first else { return false }
        return first.isLetter || first == "_"
    }

    /// The place a PL001 message traces its value to, `new Date()@79` of "`now` comes from new Date() at line
    /// 79, which reads the clock"; nil for a value judged otherwise (by its name alone).
    static func tracedOrigin(_ message: String) -> String? {
        guard let from = message.range(of: " comes from "),
            let at = message.range(of: " at line ", range: from.upperBound..<message.endIndex),
            let line = Int(message[at.upperBound...].prefix { $0.isNumber })
        else { return nil }
        return "\(message[from.upperBound..<at.lowerBound])@\(line)"
    }
}
