extension SourceAnalysis {
    /// The first settings read of a conditional whose branches all read the deployment's settings (or a record of
    /// the business it serves, `deploymentRead`) or are plain literals (`mode === "social" ?
    /// config.prompts.social.trim() : config.prompts.moderation.trim()`); nil when any branch is something else or
    /// none reads a setting. The condition only picks one of a few fixed texts, as a key picks an entry of a fixed
    /// table: each pick is the same text for every request that makes it.
    func settingsChoice(_ parts: [SourceNode]) -> String? {
        guard parts.count >= 2 else { return nil }
        var read: String?
        for branch in parts.dropLast() {
            var node = branch.unwrapped
            // `config.prompts.persona.trim()`: a method called with no arguments on the read gives the same text
            // from the same setting every time.
            while case .call(let callee, let arguments) = node.kind, arguments.isEmpty, case .member(let base, _) = callee.kind {
                node = base.unwrapped
            }
            if let r = deploymentRead(node) {
                read = read ?? r
            } else if node.plainString == nil, Self.literalAlternatives(node) == nil {
                return nil
            }
        }
        return read
    }
}
