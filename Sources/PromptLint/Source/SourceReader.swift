import Foundation

/// Reads the prompts a Python or TypeScript/JavaScript file sends: one `PromptTemplate` whose messages
/// are, per request (`promptIndex`), what the request would hold, with slots whose provenance comes
/// from data flow in the file. A file without prompts yields no messages and no issues.
enum SourceReader {
    /// Reads `source` as `language`.
    static func read(_ source: SourceText, language: SourceLanguage, format: TemplateFormat) -> PromptTemplate {
        read(SourceAnalysis(source, language: language), format: format)
    }

    /// Reads an analysed file (one of `SourceModules` when other modules' names resolve).
    /// `linkedFunctions`: functions of this file whose output a request in another file sends before the
    /// conversation (`SourceCrossFileCalls`), by scope, with that conversation.
    static func read(_ analysis: SourceAnalysis, format: TemplateFormat, linkedFunctions: [Int: TemplateSlot] = [:]) -> PromptTemplate {
        let source = analysis.source
        var requests: [[SourceMessage]] = []
        // Requests already read whose range may still enclose later calls (calls come in source order of
        // their names, so an enclosing request comes first); nested calls are part of it, not requests.
        var open: [Range<Int>] = []
        var requestRanges: [Range<Int>] = []
        // Requests in graph nodes nothing runs are never sent (`SourceGraphNodes`).
        let unwired = analysis.unwiredGraphNodes()
        for (call, scope) in analysis.module.calls where !unwired.contains(scope) {
            open.removeAll { $0.upperBound <= call.range.lowerBound }
            if open.contains(where: { $0.lowerBound <= call.range.lowerBound && $0.upperBound >= call.range.upperBound }) { continue }
            guard var messages = analysis.request(call, scope: scope) else { continue }
            open.append(call.range)
            requestRanges.append(call.range)
            lastUserMessageIsInput(&messages, analysis: analysis)
            requests.append(messages)
        }
        for (range, var messages) in analysis.postedChatRequests(skipping: unwired)
        where !requestRanges.contains(where: { $0.overlaps(range) }) {
            requestRanges.append(range)
            lastUserMessageIsInput(&messages, analysis: analysis)
            requests.append(messages)
        }
        for var messages in builtMessageLists(analysis, skipping: unwired) {
            lastUserMessageIsInput(&messages, analysis: analysis)
            requests.append(messages)
        }
        for var messages in analysis.helperRequests(skipping: unwired) {
            lastUserMessageIsInput(&messages, analysis: analysis)
            requests.append(messages)
        }
        for messages in analysis.modelFactoryRequests(skipping: unwired) { requests.append(messages) }
        for messages in analysis.chatSessionInstructionRequests(skipping: unwired) { requests.append(messages) }
        for messages in analysis.prependedSystemText() { requests.append(messages) }
        for (function, conversation) in linkedFunctions.sorted(by: { $0.key < $1.key }) {
            if let messages = analysis.linkedFunctionRequest(function, conversation: conversation) { requests.append(messages) }
        }
        requests += namedPrompts(analysis, outside: requestRanges)
        var out: [TemplateMessage] = []
        for (index, request) in requests.enumerated() {
            for m in request where !m.segments.isEmpty {
                out.append(TemplateMessage(
                    role: m.role, segments: m.segments, position: m.position, hasCacheBreakpoint: m.cacheBreakpoint,
                    promptIndex: index))
            }
        }
        // The file's own text (a notebook's JSON, not its Python), which positions' offsets and suppressions index.
        return PromptTemplate(path: "", format: format, messages: out, source: source.fileText)
    }

    /// The last user message of a request is its per-request input: nothing after it is cached, so its
    /// content counts as one per-request value rather than as cacheable text. Unless it holds more than the
    /// input, as a prompt named as the user's turn may (`userPromptHoldsPrefix`): a long static tail after its
    /// first value (`Text: "${input}"` then pages of rules and examples) is text a fix moves into the cached
    /// prefix, so the message keeps its layout.
    static func lastUserMessageIsInput(_ messages: inout [SourceMessage], analysis: SourceAnalysis) {
        guard messages.count > 1, let last = messages.last, last.role == .user, !userPromptHoldsPrefix(last.segments) else { return }
        let text = last.segments.map { segment -> String in
            switch segment {
            case .text(let t, _): return t
            case .slot(let s): return s.source
            }
        }.joined()
        let short = text.count > 60 ? String(text.prefix(57)) + "..." : text
        let slot = TemplateSlot(
            expression: "last user message", source: short, position: last.position,
            provenance: SlotClass(volatility: .perRequest, kind: .input, reason: "the last user message is the request's input"))
        messages[messages.count - 1].segments = [.slot(slot)]
    }

    /// Variables, constants and functions named as prompts that no request in the file used.
    private static func namedPrompts(_ analysis: SourceAnalysis, outside requestRanges: [Range<Int>]) -> [[SourceMessage]] {
        var out: [[SourceMessage]] = []
        var seen: Set<Int> = []
        var candidates: [(name: String, value: SourceNode, scope: Int, bindings: Bindings)] = []
        for (index, scope) in analysis.scopes.enumerated() {
            for (name, values) in scope.assignments where isPromptName(name) && !analysis.consumed.contains(name) {
                // Every assignment: branches (`if shell: p = A.format(…) else: p = B.format(…)`) set different prompts.
                for value in values where analysis.isTextual(value) { candidates.append((name, value, index, Bindings())) }
            }
            // Every text a prompt function returns (`return prompt.format(now=…)` in one branch, an
            // f-string in another) is a prompt it can send.
            if let name = scope.name, isPromptName(name), !analysis.consumed.contains(name) {
                let bindings = analysis.callSiteBindings(of: index)
                for value in scope.returns {
                    // `return system_instructions, ["topic", "response"]`: the prompt and what goes with it.
                    if case .list(let items, false) = value.kind, let first = items.first, analysis.isTextual(first) || analysis.namesText(first, in: index) {
                        candidates.append((name, first, index, bindings))
                    } else if analysis.isTextual(value) {
                        candidates.append((name, value, index, bindings))
                    } else if value.entry("role") != nil, let content = value.entry("content"),
                        analysis.isTextual(content) || analysis.namesText(content, in: index)
                    {
                        // `return { role: "system", content }`: the message's content.
                        candidates.append((name, content, index, bindings))
                    } else if let blocks = textBlocks(value, analysis: analysis, scope: index) {
                        // `return [{ type: "text", text: `…`, cache_control }, …]`: system content blocks, sent
                        // as one system prompt, their texts in order.
                        let segments = blocks.flatMap { analysis.render($0, scope: index, bindings: bindings) }
                        let textLength = segments.reduce(0) { n, s in if case .text(let t, _) = s { return n + t.count } else { return n } }
                        guard textLength >= 40, seen.insert(value.range.lowerBound).inserted else { continue }
                        out.append([SourceMessage(role: .system, segments: segments, position: analysis.source.position(value.range.lowerBound))])
                    }
                }
            }
        }
        for c in conversationTexts(analysis) { candidates.append(c) }
        for c in formattedPromptsInPlace(analysis, outside: requestRanges) { candidates.append((c.name, c.value, c.scope, Bindings())) }
        out += promptObjects(analysis) + promptLists(analysis)
        // By position; of values starting at one place (`p = "…"` and the `p += …` that extends it), the longest.
        candidates.sort { ($0.value.range.lowerBound, $1.value.range.upperBound) < ($1.value.range.lowerBound, $0.value.range.upperBound) }
        for c in candidates where seen.insert(c.value.range.lowerBound).inserted {
            let tokens = Set(NameTokens.split(c.name))
            let role: MessageRole = tokens.contains("system") ? .system : .unknown
            let segments = analysis.render(c.value, scope: c.scope, bindings: c.bindings)
            if !tokens.isDisjoint(with: ["user", "human", "question", "query"]), !userPromptHoldsPrefix(segments) { continue }
            // Sent only as the content of a user turn: the request's input, whatever it is named.
            if role != .system, analysis.usedOnlyAsUserTurn(c.name) { continue }
            let textLength = segments.reduce(0) { n, s in if case .text(let t, _) = s { return n + t.count } else { return n } }
            guard textLength >= 40 else { continue }
            out.append([SourceMessage(role: role, segments: segments, position: analysis.source.position(c.value.range.lowerBound))])
        }
        return out
    }

    /// Texts returned by functions not named as prompts that render the stored conversation as text after a
    /// per-request value (`parts = [system_prompt, channel_context, "Conversation history:"]`, then a line per
    /// turn of `for msg in history`, joined and returned): whatever sends the text, the conversation in it
    /// follows the value, so it is re-read uncached on every request. Only functions that loop over a
    /// collection named for the conversation are read (the evidence that their text holds it).
    private static func conversationTexts(_ analysis: SourceAnalysis) -> [(name: String, value: SourceNode, scope: Int, bindings: Bindings)] {
        var out: [(name: String, value: SourceNode, scope: Int, bindings: Bindings)] = []
        for (index, scope) in analysis.scopes.enumerated() {
            // A function this file calls is read where its text is used (a section of a prompt built here).
            guard index > 0, let name = scope.name, !isPromptName(name), !analysis.consumed.contains(name),
                analysis.callOffsets[name] == nil, loopsOverConversation(index, analysis: analysis)
            else { continue }
            let bindings = analysis.callSiteBindings(of: index)
            for value in scope.returns where analysis.isTextual(value) {
                if conversationFollowsValue(analysis.render(value, scope: index, bindings: bindings)) { out.append((name, value, index, bindings)) }
            }
        }
        return out
    }

    /// True when function `index` (or a callback written in it) runs over a collection named for the
    /// conversation: `for msg in trimmed_history:`, `history.forEach((m) => …)`.
    private static func loopsOverConversation(_ index: Int, analysis: SourceAnalysis) -> Bool {
        let classifier = SlotClassifier()
        func conversation(_ node: SourceNode) -> Bool { node.dottedPath.flatMap { classifier.nameClass(of: $0) }?.kind == .history }
        if analysis.scopes[index].loopTargets.values.contains(where: { $0.contains(where: conversation) }) { return true }
        return analysis.scopes.contains { $0.parent == index && $0.iterated.map(conversation) == true }
    }

    /// True when a slot holding the conversation follows a slot whose value changes per request.
    static func conversationFollowsValue(_ segments: [TemplateSegment]) -> Bool {
        var valueSeen = false
        let classifier = SlotClassifier()
        for case .slot(let s) in segments {
            // A slot data flow left unjudged is judged by its name, as the check judges it.
            let c = classifier.classify(s)
            if c.kind == .history { if valueSeen { return true }; continue }
            if c.volatility == .perRequest { valueSeen = true }
        }
        return false
    }

    /// The `text` entries of a returned list of content blocks (`[{ type: "text", text: … }, …]`, the form
    /// of Anthropic's `system` parameter) when every block written in place is one and at least one holds
    /// text written here; nil otherwise. Spread or computed items are skipped.
    private static func textBlocks(_ value: SourceNode, analysis: SourceAnalysis, scope: Int) -> [SourceNode]? {
        guard case .list(let items, false) = value.kind else { return nil }
        var texts: [SourceNode] = []
        for item in items {
            guard case .dict = item.kind else { continue }
            guard item.entry("type")?.plainString == "text", let text = item.entry("text") else { return nil }
            texts.append(text)
        }
        return texts.contains(where: { analysis.isTextual($0) }) ? texts : nil
    }

    /// Static text after a prompt's first value from which a prompt named as the user's turn is read:
    /// about 450 tokens, a little below the check's default threshold (512), which then decides.
    private static let userPromptStaticTail = 1_800

    /// A prompt named as the user's turn (`user_prompt`, `last_user_prompt_template(issue, editor, history)`)
    /// is the request's input, and is read only when it is more than that: the conversation as text after
    /// a value (`{editor}` then `{history}`: an agent that sends its whole state as one message), or a
    /// long static tail after its first value (instructions that could sit in the cached prefix).
    static func userPromptHoldsPrefix(_ segments: [TemplateSegment]) -> Bool {
        guard let first = segments.firstIndex(where: { if case .slot = $0 { true } else { false } }) else { return false }
        var staticAfter = 0
        for segment in segments[(first + 1)...] {
            switch segment {
            case .text(let text, _):
                staticAfter += text.count
            case .slot(let slot):
                let name = NameTokens.split(slot.variable ?? slot.expression)
                if !Set(name).isDisjoint(with: VolatilityKeywords.history) || slot.provenance?.kind == .history { return true }
            }
        }
        return staticAfter >= userPromptStaticTail
    }

    /// Functions named as prompts that return a prompt object (`return { system: …, user: … }`, as passed
    /// to `generateObject({ system: p.system, prompt: p.user })`, or `return { systemPrompt: lines.join("\n"),
    /// history }`, destructured by the caller) and that no request in the file used: its system entry, then
    /// its user entry as the request's input. Parameters are bound from the function's first call in the file.
    private static func promptObjects(_ analysis: SourceAnalysis) -> [[SourceMessage]] {
        var out: [[SourceMessage]] = []
        for (index, scope) in analysis.scopes.enumerated() {
            guard let name = scope.name, isPromptName(name), !analysis.consumed.contains(name),
                let object = scope.returns.last(where: { systemEntry(of: $0) != nil }), let system = systemEntry(of: object)
            else { continue }
            let bindings = analysis.callSiteBindings(of: index)
            let segments = analysis.render(system, scope: index, bindings: bindings)
            let textLength = segments.reduce(0) { n, s in if case .text(let t, _) = s { return n + t.count } else { return n } }
            guard textLength >= 40 else { continue }
            var messages = [SourceMessage(role: .system, segments: segments, position: analysis.source.position(system.range.lowerBound))]
            if let user = object.entry("user") ?? object.entry("prompt") {
                messages.append(SourceMessage(
                    role: .user, segments: analysis.render(user, scope: index, bindings: bindings),
                    position: analysis.source.position(user.range.lowerBound)))
                lastUserMessageIsInput(&messages, analysis: analysis)
            }
            out.append(messages)
        }
        return out
    }

    /// The system text of a returned prompt object: its `system` entry, or an entry named as a system prompt
    /// (`systemPrompt`, `system_message`); nil when it has neither.
    static func systemEntry(of object: SourceNode) -> SourceNode? {
        guard case .dict(let entries) = object.kind else { return nil }
        if let system = object.entry("system") { return system }
        return entries.last { entry in
            guard let key = entry.keyName else { return false }
            return isPromptName(key) && NameTokens.split(key).contains("system")
        }?.value
    }

    /// Message lists assigned to names given as prompts (`systemPrompts = [createMessage({ role: "system",
    /// content: … })]`) that no request in the file used: each assignment (branches set different lists)
    /// whose system message holds text.
    private static func promptLists(_ analysis: SourceAnalysis) -> [[SourceMessage]] {
        var out: [[SourceMessage]] = []
        for (index, scope) in analysis.scopes.enumerated() {
            for name in scope.assignments.keys.sorted() where isPromptName(name) && !analysis.consumed.contains(name) {
                for value in scope.assignments[name] ?? [] {
                    guard case .list(let items, false) = value.kind, !items.isEmpty else { continue }
                    var messages = analysis.messageList(value, scope: index)
                    lastUserMessageIsInput(&messages, analysis: analysis)
                    let hasSystemText = messages.contains { m in
                        m.role == .system && m.segments.contains { if case .text(let t, _) = $0 { t.count >= 40 } else { false } }
                    }
                    if hasSystemText { out.append(messages) }
                }
            }
        }
        return out
    }

    /// `SYSTEM_PROMPT`, `build_system_prompt`, `instructions`, `systemMessage`, `PROMPT_TEMPLATE`.
    static func isPromptName(_ name: String) -> Bool {
        let tokens = Set(NameTokens.split(name.split(separator: ".").last.map(String.init) ?? name))
        // `preprompt` (the text put before the system prompt) is one word, so camelCase does not split it.
        if !tokens.isDisjoint(with: ["prompt", "prompts", "preprompt", "instruction", "instructions", "preamble"]) { return true }
        return tokens.contains("system") && !tokens.isDisjoint(with: ["message", "msg", "template", "content"])
    }
}
