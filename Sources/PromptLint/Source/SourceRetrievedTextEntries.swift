/// Where a retrieval helper of another module writes what it retrieved into the text it returns
/// (`build_search_context(query)` returning `f"## results\n{summary}\n…"`): a caller that adds that text to a
/// prompt before the conversation breaks the prefix there, so a finding at the caller names that line too.
extension SourceAnalysis {
    /// The first interpolated field of the text the helper of another module that `value` calls returns (its
    /// element `k` when `value` picks one of a tuple, `ctx, links = helper(query)`): the returned literal, or
    /// the literals the returned local is assigned; nil for a helper of this file, or text with no field.
    func retrievedTextEntry(_ value: SourceNode) -> RelatedLocation? {
        var call = value.unwrapped
        var element: Int?
        if case .index(let picked, let keys) = value.kind, keys.count == 1, let k = Self.pickedElement(keys[0]) {
            call = picked.unwrapped
            element = k
        }
        guard case .call(let callee, _) = call.kind, let path = callee.dottedPath,
            case .function(let other, let function)? = foreign(path)
        else { return nil }
        var first: (offset: Int, site: RelatedLocation)?
        for returned in other.scopes[function].returns.suffix(4) {
            var text = returned
            // `return context, links` is read up to its first comma: that is element 0.
            if let k = element, case .list(let items, false) = returned.kind {
                guard k < items.count else { continue }
                text = items[k]
            } else if let k = element, k > 0 {
                continue
            }
            let literals: [SourceNode]
            if case .name(let name) = text.kind {
                literals = other.scopes[function].assignments[name] ?? []
            } else {
                literals = [text]
            }
            for literal in literals {
                guard let pieces = literal.literal?.pieces else { continue }
                for case .field(let field) in pieces {
                    if first == nil || field.range.lowerBound < first!.offset {
                        let site = RelatedLocation(other.source.position(field.range.lowerBound), snippet: field.source, path: other.path)
                        first = (field.range.lowerBound, site)
                    }
                    break
                }
            }
        }
        return first?.site
    }
}
