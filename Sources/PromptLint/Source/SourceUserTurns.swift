import Foundation

/// Prompt-named values whose only use is the content of a user turn (`{ role: "user", content: titlePrompt }`,
/// `{"role": "user", "content": summary_prompt}`): the request's input, after everything it could share.
extension SourceAnalysis {
    /// Keys that name a message's author in a message object.
    private static let authorKeys: Set<String> = ["role", "sender", "author", "from"]

    /// True when `name` is used, and every use of it (other than assigning it) is the `content` (or `text`)
    /// of a message object whose author is the user.
    func usedOnlyAsUserTurn(_ name: String) -> Bool {
        let tokens = module.tokens
        var uses = 0
        for k in tokens.indices where tokens[k].kind == .name && tokens[k].text == name {
            if module.isOp(k + 1, "=") || module.isOp(k + 1, "+=") || module.isOp(k + 1, ":") { continue }
            if k >= 1, module.isOp(k - 1, ".") { continue }
            if k >= 1, module.isName(k - 1, "const") || module.isName(k - 1, "let") || module.isName(k - 1, "var") { continue }
            uses += 1
            guard k >= 2, module.isOp(k - 1, ":"), ["content", "text"].contains(Self.bare(tokens[k - 2].text)),
                let open = enclosingBrace(of: k), let close = module.matching[open], userAuthored(open, close)
            else { return false }
        }
        return uses > 0
    }

    /// The `{` whose braces hold token `k` (within 200 tokens before it).
    private func enclosingBrace(of k: Int) -> Int? {
        var j = k - 1
        while j >= 0, k - j < 200 {
            if module.isOp(j, "{"), let close = module.matching[j], close > k { return j }
            j -= 1
        }
        return nil
    }

    /// True when the object between `open` and `close` has an author key set to `"user"` at its top level.
    private func userAuthored(_ open: Int, _ close: Int) -> Bool {
        var j = open + 1
        while j + 2 < close {
            if let inner = module.matching[j], inner < close, inner > j { j = inner + 1; continue }
            if Self.authorKeys.contains(Self.bare(module.tokens[j].text)), module.isOp(j + 1, ":"),
                module.tokens[j + 2].kind == .string, Self.bare(module.tokens[j + 2].text) == "user"
            {
                return true
            }
            j += 1
        }
        return false
    }

    /// A token's text without the quotes of a string literal.
    private static func bare(_ text: String) -> String {
        text.trimmingCharacters(in: CharacterSet(charactersIn: "\"'`"))
    }
}
