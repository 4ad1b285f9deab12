/// What the content of a file says when its extension names no format (`agent.tmpl`, `base.avanterules`)
/// and it sits in a prompts folder: which template language it is written in, if any.
enum UnclaimedTemplate {
    /// `Go template`, `Jinja` or `Mustache` for a text with that language's tags, nil for one without
    /// template tags or an HTML page.
    static func dialect(_ text: String) -> String? {
        if DiscoveryRules.isHTMLPage(text) { return nil }
        if GoTemplateReader.looksLikeGoTemplate(text) { return "Go template" }
        if hasTag(text, open: "{%", close: "%}") { return "Jinja" }
        if DialectChoice.hasMustacheSections(text) { return "Mustache" }
        return hasTag(text, open: "{{", close: "}}") ? "Jinja" : nil
    }

    /// True when `open` is followed, on the same line or a few lines on, by a name and then `close`.
    private static func hasTag(_ text: String, open: String, close: String) -> Bool {
        var rest = Substring(text)
        while let start = rest.range(of: open) {
            let after = rest[start.upperBound...]
            guard let end = after.range(of: close) else { return false }
            let inner = after[..<end.lowerBound].drop { $0 == " " || $0 == "-" || $0 == "~" }
            if inner.count < 200, let first = inner.first, first.isLetter || first == "_" { return true }
            rest = after
        }
        return false
    }
}
