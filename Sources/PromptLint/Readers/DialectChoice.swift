import Foundation

/// Reads a file whose format is not configured, choosing the dialect by name and content: a `.prompt`
/// file may be Dotprompt, Jinja2 or `str.format`; a `.txt` or `.md` file may be Semantic Kernel, Jinja,
/// Mustache, an f-string or plain text with string-substitution markers. The format is certain only
/// when the name or content leaves no doubt (a `.j2` file, `skprompt.txt`, a `.prompt` file with front
/// matter); otherwise the first dialect that reads without problems wins, plain text is the last
/// resort for text files, and a `.prompt` file that fits no dialect is skipped with the reason.
enum DialectChoice {
    static func read(path: String, source: SourceText) -> PromptTemplate {
        let text = source.fileText
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        let ext = name.contains(".") ? String(name.split(separator: ".").last ?? "") : ""
        let first = FormatDetection.detect(path: path, text: text)
        let claimed = FormatRegistry.format(fileName: name, extension: ext)
        let genericText = claimed == .plainText || claimed == .markdown
        if claimed == .dotprompt {
            if FrontMatter.opens(source) { return TemplateReading.read(source, format: .dotprompt) }
            return firstFit(source, order: promptOrder(text), guess: "`.prompt` file without front matter",
                            fallback: nil)
        }
        if genericText, let claimed {
            let mustache = first == .jinja && hasMustacheSections(text)
            let order: [TemplateFormat] = mustache ? (hasJinjaSyntax(text) ? [.jinja, .mustache] : [.mustache, .jinja]) : [first]
            return firstFit(source, order: order.filter { $0 != claimed }, guess: "`.\(ext)` file", fallback: claimed)
        }
        var template = TemplateReading.read(source, format: first)
        // An extension no format claims leaves every dialect a guess, so its parse problems are not errors.
        if claimed == nil {
            template.formatGuess = "read as \(first.rawValue) by its content"
        }
        return template
    }

    /// `.prompt` dialects in order of what the content suggests.
    static func promptOrder(_ text: String) -> [TemplateFormat] {
        if hasMustacheSections(text) || text.contains("{{{") || text.contains("{{>") || text.contains("{{!") {
            return [.dotprompt, .jinja, .fstring]
        }
        if hasJinjaSyntax(text) { return [.jinja, .dotprompt, .fstring] }
        if FormatDetection.sniff(text, markdown: false) == .fstring { return [.fstring, .dotprompt, .jinja] }
        return [.dotprompt, .jinja, .fstring]
    }

    /// Reads with each format in turn; the first without problems wins. Otherwise `fallback` (which never
    /// fails), or, without one, an empty template whose one issue says why no dialect fits.
    private static func firstFit(
        _ source: SourceText, order: [TemplateFormat], guess: String, fallback: TemplateFormat?
    ) -> PromptTemplate {
        var tried: [String] = []
        for format in order {
            var template = TemplateReading.read(source, format: format)
            if template.issues.isEmpty, format != .fstring || template.slots.allSatisfy(isFieldName) {
                template.formatGuess = "\(guess), read as \(format.rawValue) by its content"
                return template
            }
            if let issue = template.issues.first {
                tried.append("\(format.rawValue) (line \(issue.position.line): \(issue.message))")
            } else if let odd = template.slots.first(where: { !isFieldName($0) }) {
                tried.append("\(format.rawValue) (line \(odd.position.line): `\(odd.source)` is not a field name)")
            }
        }
        if let fallback {
            var template = TemplateReading.read(source, format: fallback)
            template.formatGuess = "\(guess) read as \(fallback.rawValue) with substitution markers"
                + (tried.isEmpty ? "" : "; it does not parse as " + tried.joined(separator: " or "))
            return template
        }
        let why = "not read: \(guess) that fits no dialect; it does not parse as " + tried.joined(separator: " or ")
        var template = TemplateReading.read(source, format: order.first ?? .plainText)
        template.messages = []
        template.issues = [ParseIssue(message: why, position: .start)]
        template.formatGuess = "\(guess) that fits no dialect"
        return template
    }

    /// True for a `str.format` field that names a variable or an argument index (`{name}`, `{user.name}`,
    /// `{items[0]}`, `{0}`, `{}`, with `!r` or `:>10` after it), not JSON or Handlebars that happens to
    /// sit in braces (`{"plan": [1]}`, `{ url "x" }`).
    static func isFieldName(_ slot: TemplateSlot) -> Bool {
        let inner = slot.source.dropFirst().dropLast()
        let field = inner.prefix { $0 != "!" && $0 != ":" }
        return field.range(of: #"^(?:[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[[A-Za-z0-9_]+\])*|[0-9]*)$"#,
                           options: .regularExpression) != nil
    }

    /// Jinja statements or comments, or a `{{ x | filter }}` expression.
    static func hasJinjaSyntax(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        for i in bytes.indices.dropLast() where bytes[i] == UInt8(ascii: "{") {
            let next = bytes[i + 1]
            if next == UInt8(ascii: "%") || next == UInt8(ascii: "#") && (i == 0 || bytes[i - 1] != UInt8(ascii: "{")) {
                return true
            }
        }
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { return false }
            let inner = rest[open.upperBound..<close.lowerBound]
            if inner.contains("|") && !inner.contains("||") { return true }
            rest = rest[close.upperBound...]
        }
        return false
    }

    /// Mustache sections: `{{#x}}`, `{{^x}}` or `{{/x}}`.
    static func hasMustacheSections(_ text: String) -> Bool {
        text.contains("{{#") || text.contains("{{^") || text.contains("{{/")
    }
}
