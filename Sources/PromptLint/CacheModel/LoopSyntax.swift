/// Reads loop headers: `item in documentation`, `for k, v in x.items()`, `#each items`, `each items as |x|`.
enum LoopSyntax {
    /// The iterated collection expression.
    static func collection(of expression: String) -> String? {
        var text = expression.trimmingCharacters(in: .whitespaces)
        if let r = text.range(of: " in ") {
            text = String(text[r.upperBound...])
        } else {
            for prefix in ["#each", "each", "#for", "for", "#with", "#", "foreach"] where text.hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count))
                break
            }
        }
        if let r = text.range(of: " as ") { text = String(text[..<r.lowerBound]) }
        if let r = text.range(of: " if ") { text = String(text[..<r.lowerBound]) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The names a Jinja-style loop binds (`item`, or `k`, `v`), empty for Handlebars.
    static func boundNames(of expression: String) -> [String] {
        var text = expression.trimmingCharacters(in: .whitespaces)
        guard let r = text.range(of: " in ") else {
            if let asRange = text.range(of: "as |") {
                return text[asRange.upperBound...].split(whereSeparator: { $0 == " " || $0 == "|" }).map(String.init)
            }
            return []
        }
        text = String(text[..<r.lowerBound])
        if text.hasPrefix("for ") { text = String(text.dropFirst(4)) }
        return text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "(" || $0 == ")" }).map(String.init)
    }
}
