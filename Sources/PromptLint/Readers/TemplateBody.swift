import Foundation

/// The placeholder syntax of a template body, for formats that embed one (Prompty, Semantic Kernel, LangChain).
enum BodySyntax: Sendable {
    case plain, jinja, mustache, dotprompt, fstring, semanticKernel

    /// The syntax a `template_format`/`format` value names (`jinja2`, `f-string`, `handlebars`, `liquid`…).
    static func named(_ name: String?, default fallback: BodySyntax) -> BodySyntax {
        switch name?.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "jinja", "jinja2", "liquid", "nunjucks": return .jinja
        case "mustache", "handlebars", "hbs": return .mustache
        case "f-string", "fstring", "python", "str.format": return .fstring
        case "semantic-kernel", "semantickernel", "sk": return .semanticKernel
        default: return fallback
        }
    }

    /// Scans `range` of `source` (all of it by default) with this syntax.
    func scan(_ source: SourceText, range: Range<Int>? = nil, into sink: inout TemplateSink) {
        switch self {
        case .plain: JinjaScanner.scan(source, range: range, into: &sink, options: .init(placeholdersOnly: true))
        case .jinja: JinjaScanner.scan(source, range: range, into: &sink)
        case .mustache: HandlebarsScanner.scan(source, range: range, into: &sink)
        case .dotprompt: HandlebarsScanner.scan(source, range: range, into: &sink, options: .init(dotprompt: true))
        case .fstring: FStringScanner.scan(source, range: range, into: &sink)
        case .semanticKernel: SemanticKernelScanner.scan(source, range: range, into: &sink)
        }
    }
}

extension TemplateSink {
    /// Finishes reading into a template of `format` for `file`.
    mutating func template(
        _ file: SourceText, format: TemplateFormat, metadata: [String: String] = [:], sampleValues: [String: String] = [:]
    ) -> PromptTemplate {
        let messages = finish()
        return PromptTemplate(
            path: "", format: format, messages: messages, metadata: metadata, sampleValues: sampleValues,
            issues: issues, source: file.fileText)
    }
}
