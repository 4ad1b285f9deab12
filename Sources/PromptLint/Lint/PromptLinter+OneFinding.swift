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
            if f.ruleID == "PL001", f.tracedOrigin != nil, !seen.insert(f.message).inserted { continue }
            kept.append(f)
        }
        return kept
    }

    /// A prompt built around a traced value in one function (`It is ${now}.` in `buildSystemPrompt`, `now` from
    /// `new Date()` at line 61) and sent whole in another of the same file (`content: systemPrompt`) gets two
    /// PL001 findings for one break: at the placeholder, and at the send site, whose value traces to the same
    /// place (`Finding.tracedOrigin`). The send site's finding is folded into the placeholder's, which names it:
    /// the placeholder is the line to move. A send site that shows more (the conversation after the prompt, which
    /// the placeholder's prompt does not show) makes the kept finding as severe as its own (`folding`); as across
    /// files (`LintRunner.foldingSendSites`). Placeholders of several prompts filled from one clock
    /// (`{current_date}` in four prompts) each break their own prompt and are never folded; a send site whose
    /// value has no placeholder finding in the file stays.
    static func foldingLocalSendSites(_ findings: [Finding]) -> [Finding] {
        var placeholderAt: [ValueOrigin: Int] = [:]
        for (i, f) in findings.enumerated() where f.ruleID == "PL001" && !isWholeValue(f) {
            if let origin = f.tracedOrigin, placeholderAt[origin] == nil { placeholderAt[origin] = i }
        }
        var out = findings
        var folded: Set<Int> = []
        for (i, f) in findings.enumerated() where f.ruleID == "PL001" && isWholeValue(f) {
            guard let origin = f.tracedOrigin, let target = placeholderAt[origin] else { continue }
            out[target] = folding(f, into: out[target], sentAt: "line \(f.line)", path: nil)
            folded.insert(i)
        }
        return out.enumerated().filter { !folded.contains($0.offset) }.map(\.element)
    }

    /// `kept`, the finding at the value that breaks a prompt, with `site`, the finding where that prompt is sent
    /// (the same break), folded in: the send site listed (`path` when in another file) and named (`sentAt`). A
    /// more severe send site (it shows the conversation after the prompt) raises the kept finding to its severity,
    /// and the sentence saying the cost is small (`Finding.smallCostNote`) gives way to one saying so.
    static func folding(_ site: Finding, into kept: Finding, sentAt: String, path: String?) -> Finding {
        var merged = kept
        merged.related.append(RelatedLocation(line: site.line, column: site.column, snippet: site.snippet, path: path))
        guard site.severity > kept.severity else {
            merged.message += " The prompt is sent at \(sentAt) (the same break, reported here once)."
            return merged
        }
        if let small = merged.smallCostNote {
            merged.message = merged.message.replacingOccurrences(of: small, with: "")
            merged.smallCostNote = nil
        }
        merged.severity = site.severity
        merged.message += " The prompt is sent at \(sentAt), where the request shows more after it (such as the"
            + " conversation, lost to the cache too), which makes the break a \(site.severity.rawValue) (the same break, reported here once)."
        return merged
    }

    /// True when a finding's value is a whole expression of code (`systemPrompt`, `await buildSystemPrompt(id)`,
    /// a message literal wrapping it, `{ role: "model", parts: [{ text: systemPrompt }] }`), not a placeholder
    /// inside a prompt's text (`${now}`, `{current_date}`, `{{ date }}`, `%s`).
    static func isWholeValue(_ finding: Finding) -> Bool {
        if finding.isLiteralValue { return true }
        guard let first = finding.snippet.trimmingCharacters(in: .whitespaces).first else { return false }
        return first.isLetter || first == "_"
    }
}
