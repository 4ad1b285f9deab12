/// A pruned prompt or example list, written in its input's own form.
public struct FewShotPrunedText: Sendable {
    /// The text to send: the preamble, the kept examples with their original delimiters, and (for a prompt
    /// whose last block is the live question) that last block.
    public var text: String
    /// The selection, with indices into the document's examples (the live question excluded).
    public var result: FewShotPruneResult
    /// The parsed input.
    public var document: FewShotDocument
}

extension FewShotPruner {
    /// Prunes the examples of a parsed document and writes it back in its own form.
    /// - Parameters:
    ///   - lastIsQuery: the document's last example is the live question of the request, not a demonstration:
    ///     it is always kept, and it is the MMR query unless `query` is given.
    /// - Throws: `FewShotError`.
    public func prune(
        document: FewShotDocument, limit: FewShotLimit, query: String? = nil, lastIsQuery: Bool = false
    ) throws(FewShotError) -> FewShotPrunedText {
        var examples = document.examples
        var liveQuestion: FewShotExample?
        if lastIsQuery {
            liveQuestion = examples.removeLast()
            guard !examples.isEmpty else { throw .emptyList }
        }
        let result = try prune(examples, limit: limit, query: query ?? liveQuestion?.text)
        let keep = result.selected + (liveQuestion == nil ? [] : [document.examples.count - 1])
        return FewShotPrunedText(text: document.render(keeping: keep), result: result, document: document)
    }

    /// Prunes the demonstrations of a prompt before the request goes out: splits `prompt` (plain text by
    /// `splitPattern`, or a JSON/JSONL example list), keeps the best examples within `limit`, and returns the
    /// prompt in its own form.
    /// - Parameters:
    ///   - prompt: the prompt text.
    ///   - limit: how many demonstrations to keep, or a token budget for them.
    ///   - splitPattern: the delimiter between demonstrations of a plain prompt (default
    ///     `FewShotDocument.defaultSplitPattern`).
    ///   - lastIsQuery: the prompt ends with the live question (kept, and used as the MMR query).
    ///   - query: an explicit query for MMR.
    /// - Throws: `FewShotError`.
    public func prunePrompt(
        _ prompt: String, limit: FewShotLimit, splitPattern: String? = nil, lastIsQuery: Bool = false, query: String? = nil
    ) throws(FewShotError) -> FewShotPrunedText {
        let document = try FewShotDocument.parse(prompt, splitPattern: splitPattern)
        return try prune(document: document, limit: limit, query: query, lastIsQuery: lastIsQuery)
    }
}
