/// A stored field the code rewrites from a model's output: `user.memorySummary = await summarizeMemory(chat)`
/// after the reply, or `db.data.summary = summary` with `summary = await summarizeMessages(oldest)` whenever
/// messages are stored. A conversation summary or a memory about the user regenerated as the conversation
/// goes differs from one request to the next like the conversation itself, whatever the record started
/// with, so reading it back into the next prompt (`${user.memorySummary}`, `return db.data.summary`) is a
/// per-request value, although the write comes after the read in the code. So is a field named for the
/// previous reply (`session.lastStyle = result.style`, with `result` what a helper asking the model returned),
/// set anew after every turn. Only fields named for a summary, a memory or the previous reply count, written under the same name (`user.memorySummary` both times) in this file or a file one
/// import away from it (the handler that imports the prompt builder), and only writes of a model's output: a
/// field the user edits or the code sets once (a default, a sign-up value, a copy of a request field), and an
/// unrelated object's field of the same name elsewhere in the folder, are judged as before.
extension SourceAnalysis {
    /// Words of a field's name that make it a summary of the conversation, a memory about the user, or
    /// something of the previous reply (`lastStyle`, `previousTone`).
    private static let rewrittenFieldWords: Set<String> = ["summary", "memory", "memories", "last", "previous", "prev"]

    /// Words of a callee's name that make its result a model's output (`summarizeMessages`, `callLLM`,
    /// `get_chat_completion`).
    private static let modelOutputWords: Set<String> = [
        "summary", "summarize", "summarise", "summarizer", "summariser", "completion", "llm", "gpt",
    ]

    /// What reading such a field is, for messages: where the folder rewrites it.
    private static func rewrittenField(file: String, line: Int) -> VolatileSources.Source {
        VolatileSources.Source(volatility: .perRequest, kind: .value, what: rewrittenWhat + " (\(file) line \(line))")
    }

    private static let rewrittenWhat = "is rewritten from a model's output as the conversation goes"

    /// True for the source of such a read (`rewrittenFieldSource`, `rewrittenKeySource`).
    static func isRewrittenField(_ source: VolatileSources.Source) -> Bool { source.what.hasPrefix(rewrittenWhat) }

    /// The source of a read of the field `path` (`user.memorySummary`, `db.data.summary`) when its last name is
    /// named for a summary or a memory and a function of this file or of a file one import away assigns a
    /// model's output to the same path; nil otherwise. Writes in test functions do not count.
    func rewrittenFieldSource(_ path: String) -> VolatileSources.Source? {
        guard let dot = path.lastIndex(of: "."), !path.contains("("),
            !Set(NameTokens.split(String(path[path.index(after: dot)...]))).isDisjoint(with: Self.rewrittenFieldWords)
        else { return nil }
        if let known = modelRewrites[path] { return known.map { Self.rewrittenField(file: $0.file, line: $0.line) } }
        var found: (file: String, line: Int)?
        search: for a in writers(mentioning: path) {
            for (index, scope) in a.scopes.enumerated() where index > 0 && !Self.isTest(scope.name) {
                if let write = scope.assignments[path]?.first(where: { a.isModelOutput($0, scope: index) }) {
                    found = (a.path, a.source.position(write.range.lowerBound).line)
                    break search
                }
            }
        }
        modelRewrites[path] = .some(found)
        return found.map { Self.rewrittenField(file: $0.file, line: $0.line) }
    }

    /// This file, then the files of the folder holding `text` that import it or that it imports (one import
    /// away): where a write of what this file reads is looked for.
    private func writers(mentioning text: String) -> [SourceAnalysis] {
        guard let modules else { return [self] }
        let imported: (SourceAnalysis, SourceAnalysis) -> Bool = { from, to in
            from.imports.values.contains { modules.module($0.module, from: from) === to }
        }
        return [self] + modules.analyses(containing: text).filter { $0 !== self && (imported($0, self) || imported(self, $0)) }
    }

    /// Methods that read a store's entry by key (`store.get(namespace, "user_memory")`) and that write one
    /// (`store.aput(namespace, "user_memory", value)`, `cache.set(key, value)`).
    private static let keyReads: Set<String> = ["get", "aget"]
    private static let keyWrites: Set<String> = ["put", "aput", "set", "aset"]

    /// The source of a read of a store's entry by a written key named for a summary or a memory
    /// (`store.get(namespace, "user_memory")`) when a call of this file or of a file one import away writes that key with a
    /// model's output (`store.aput(namespace, "user_memory", {"memory": reply.content})`, after each reply in
    /// a LangGraph memory node); nil otherwise.
    func rewrittenKeySource(callee: SourceNode, args: [SourceArgument]) -> VolatileSources.Source? {
        guard case .member = callee.kind, let method = callee.lastName, Self.keyReads.contains(method),
            let key = args.lazy.compactMap({ $0.value.plainString }).first(where: {
                !Set(NameTokens.split($0)).isDisjoint(with: Self.rewrittenFieldWords)
            })
        else { return nil }
        let cacheKey = "\u{0}" + key
        if let known = modelRewrites[cacheKey] { return known.map { Self.rewrittenField(file: $0.file, line: $0.line) } }
        var found: (file: String, line: Int)?
        search: for a in writers(mentioning: key) {
            for name in Self.keyWrites.sorted() {
                for (token, scope) in a.module.otherCalls[name] ?? [] where !Self.isTest(a.scopes[scope].name) {
                    guard let call = a.module.parsedCall(at: token), case .call(let written, let values) = call.kind,
                        case .member = written.kind, let k = values.firstIndex(where: { $0.value.plainString == key }),
                        k + 1 < values.count, a.isModelOutput(values[k + 1].value, scope: scope)
                    else { continue }
                    found = (a.path, a.source.position(call.range.lowerBound).line)
                    break search
                }
            }
        }
        modelRewrites[cacheKey] = .some(found)
        return found.map { Self.rewrittenField(file: $0.file, line: $0.line) }
    }

    /// True when `value` (in the function `scope`) is a model's output: a call of a model or of a function
    /// named for one (`summarizeMessages(oldest)`, `model.ainvoke(…)`), a field read off one (`reply.content`,
    /// `response.get("content")`), a name the function bound to one before, or either side of a default
    /// (`updated?.text || ""`); a few steps deep.
    func isModelOutput(_ value: SourceNode, scope: Int, depth: Int = 0) -> Bool {
        guard depth < 6 else { return false }
        switch value.kind {
        case .call(let callee, _):
            if Self.callsModel(callee) || asksModel(callee) { return true }
            // `response.get("content")`: a field of a reply.
            if case .member(let base, "get") = callee.kind { return isModelOutput(base, scope: scope, depth: depth + 1) }
            return false
        case .member(let base, _), .index(let base, _):
            return isModelOutput(base, scope: scope, depth: depth + 1)
        case .name(let name):
            guard let bound = scopes[scope].assignments[name]?.last(where: { $0.range.upperBound <= value.range.lowerBound }) else { return false }
            return isModelOutput(bound, scope: scope, depth: depth + 1)
        case .conditional(let options), .other(let options):
            return options.contains { isModelOutput($0, scope: scope, depth: depth + 1) }
        case .binary(_, let a, let b):
            return isModelOutput(a, scope: scope, depth: depth + 1) || isModelOutput(b, scope: scope, depth: depth + 1)
        case .dict(let entries):
            // `{"memory": new_memory.content}`: a record holding one.
            return entries.contains { isModelOutput($0.value, scope: scope, depth: depth + 1) }
        default:
            return false
        }
    }

    /// True when `callee` names a function of this file or of a module of the folder whose own body asks a
    /// model (`getChatTurn` calling `openai.chat.completions.create` and returning what the reply holds).
    private func asksModel(_ callee: SourceNode) -> Bool {
        guard let dotted = callee.dottedPath else { return false }
        let function: (SourceAnalysis, Int)
        if let f = functionScope(named: dotted) {
            function = (self, f)
        } else if case .function(let a, let f)? = foreign(dotted) {
            function = (a, f)
        } else {
            return false
        }
        return function.0.module.calls.contains { call, s in
            guard case .call(let c, _) = call.kind else { return false }
            return Self.callsModel(c) && function.0.isWithin(s, function.1)
        }
    }

    /// True for a callee that asks a model: a request method of the SDKs (`ainvoke`, `generateContent`,
    /// `client.chat.completions.create`), or a name with a word of a model's output (`summarizeMemory`, `callLLM`).
    private static func callsModel(_ callee: SourceNode) -> Bool {
        guard let last = callee.lastName else { return false }
        if !Set(NameTokens.split(last)).isDisjoint(with: modelOutputWords) { return true }
        let named = RequestMethods.langChain.union(RequestMethods.gemini).union(RequestMethods.aiSDK)
            .union(RequestMethods.namedCompletions).union(RequestMethods.converse)
        if named.contains(last) { return true }
        // `create`, `chat`, `stream` are also other libraries' methods (`User.create(…)`): only on a model client's path.
        guard RequestMethods.chatBodies.contains(last), let path = callee.dottedPath else { return false }
        return ["completions", "messages", "responses", "chat"].contains { path.contains(".\($0).") }
    }
}
