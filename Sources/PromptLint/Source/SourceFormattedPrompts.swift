extension SourceReader {
    /// Prompt templates filled where they are used (`run_agent(agent, CHAT_PROMPT.format(current_date=…))`):
    /// the `.format(...)` of a reference named as a prompt that is neither a request read elsewhere nor part
    /// of an assigned or returned value (those are read through their names). Assigned first
    /// (`prompt = CHAT_PROMPT.format(…)`), the variable's name says it is a prompt; used in place, the
    /// template's own name does.
    static func formattedPromptsInPlace(_ analysis: SourceAnalysis, outside requestRanges: [Range<Int>])
        -> [(name: String, value: SourceNode, scope: Int)]
    {
        var claimed = requestRanges
        for scope in analysis.scopes {
            for values in scope.assignments.values { claimed += values.map(\.range) }
            claimed += scope.returns.map(\.range)
        }
        var out: [(name: String, value: SourceNode, scope: Int)] = []
        for (call, scope) in analysis.module.calls {
            guard case .call(let callee, _) = call.kind, case .member(let receiver, "format") = callee.kind,
                let name = receiver.dottedPath, isPromptName(name),
                !claimed.contains(where: { $0.lowerBound <= call.range.lowerBound && $0.upperBound >= call.range.upperBound })
            else { continue }
            out.append((name, call, scope))
        }
        return out
    }
}
