import Foundation

/// An inline suppression comment, e.g. `{# promptlint-disable-next-line PL001 -- date is fixed per build #}`.
public struct Suppression: Sendable, Hashable {
    /// Which lines it covers.
    public enum Scope: String, Sendable, Hashable {
        /// The line after the comment.
        case nextLine = "disable-next-line"
        /// The comment's own line.
        case line = "disable-line"
        /// The whole file.
        case file = "disable-file"
    }

    /// What it covers.
    public var scope: Scope
    /// Rule ids, names or prefixes; empty means every rule.
    public var rules: [String]
    /// The text after `--`, if any.
    public var reason: String?
    /// Where the comment starts.
    public var position: SourcePosition
    /// The line the comment ends on.
    public var endLine: Int
    /// The comment's text.
    public var text: String

    /// True when the suppression covers a finding of `rule` on `line`.
    public func covers(rule: RuleDefinition, line: Int) -> Bool {
        let lineMatches: Bool
        switch scope {
        case .nextLine: lineMatches = line == endLine + 1
        case .line: lineMatches = line >= position.line && line <= endLine
        case .file: lineMatches = true
        }
        return lineMatches && (rules.isEmpty || rules.contains { Configuration.key($0, selects: rule) })
    }
}

/// The comment syntaxes a format allows for suppressions.
public enum CommentSyntax: String, Sendable, CaseIterable {
    /// `{# ... #}` (Jinja, Nunjucks, Liquid-in-Jinja tools).
    case jinja
    /// `{{! ... }}` and `{{!-- ... --}}` (Mustache, Handlebars, Dotprompt, Semantic Kernel).
    case handlebars
    /// `<!-- ... -->` (plain text, Markdown, POML, XML-ish prompts).
    case html
    /// `# ...` (YAML files and front matter, Python).
    case hash
    /// `// ...` and `/* ... */` (TypeScript and JavaScript).
    case slashes

    /// The syntaxes allowed in `format`.
    public static func allowed(in format: TemplateFormat) -> [CommentSyntax] {
        FormatRegistry.descriptor(format).comments
    }

    var pattern: String {
        switch self {
        case .jinja: return #"\{#-?\s*(promptlint[\s\S]*?)\s*-?#\}"#
        case .handlebars: return #"\{\{~?!(?:--)?\s*(promptlint[\s\S]*?)\s*(?:--)?~?\}\}"#
        case .html: return #"<!--\s*(promptlint[\s\S]*?)\s*-->"#
        case .hash: return #"(?m)#[ \t]*(promptlint[^\n]*?)[ \t]*$"#
        case .slashes: return #"(?m)(?://[ \t]*(promptlint[^\n]*?)[ \t]*$|/\*\s*(promptlint[\s\S]*?)\s*\*/)"#
        }
    }
}

/// Finds suppression comments in a template's source.
public enum SuppressionParser {
    /// Every suppression comment in `source` written in a syntax `format` allows.
    public static func parse(_ source: String, format: TemplateFormat) -> [Suppression] {
        var found: [Suppression] = []
        var seenOffsets = Set<Int>()
        for syntax in CommentSyntax.allowed(in: format) {
            guard let regex = try? NSRegularExpression(pattern: syntax.pattern) else { continue }
            let ns = NSRange(source.startIndex..., in: source)
            for match in regex.matches(in: source, range: ns) {
                guard let whole = Range(match.range, in: source),
                    let body = Range(match.range(at: 1), in: source)
                        ?? (match.numberOfRanges > 2 ? Range(match.range(at: 2), in: source) : nil)
                else { continue }
                let start = SourcePosition.start.advanced(over: source[..<whole.lowerBound])
                guard seenOffsets.insert(start.offset).inserted,
                    var suppression = directive(String(source[body]), at: start)
                else { continue }
                suppression.endLine = start.advanced(over: source[whole]).line
                found.append(suppression)
            }
        }
        return found.sorted { $0.position < $1.position }
    }

    /// Parses `promptlint-disable-next-line PL001, PL002 -- reason` (also `promptlint: disable-...`).
    static func directive(_ body: String, at position: SourcePosition) -> Suppression? {
        var text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.lowercased().hasPrefix("promptlint") else { return nil }
        text = String(text.dropFirst("promptlint".count)).trimmingCharacters(in: CharacterSet(charactersIn: " :-"))
        var reason: String?
        if let dash = text.range(of: "--") {
            let r = text[dash.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
            reason = r.isEmpty ? nil : r
            text = String(text[..<dash.lowerBound])
        }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\t" }).map(String.init)
        guard let first = words.first, let scope = Suppression.Scope(rawValue: first.lowercased()) else { return nil }
        return Suppression(
            scope: scope, rules: Array(words.dropFirst()), reason: reason, position: position,
            endLine: position.line, text: body)
    }
}
