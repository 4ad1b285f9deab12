import Foundation

/// File imports written as a line of their own in Markdown and text prompts: `@sections/environment.md`
/// (persona files assembled from sections, `CLAUDE.md`/`GEMINI.md`-style imports). Such a line becomes an
/// include slot when the file it names can be read through the partial source; any other line starting
/// with `@` (a mention, a decorator in an example) stays text.
enum LineIncludes {
    /// Formats whose text may hold line imports.
    static let formats: Set<TemplateFormat> = [.markdown, .plainText, .mustache, .handlebars, .jinja, .fstring]

    /// `template` with each readable line import turned into an include slot at its line.
    static func mark(_ template: PromptTemplate, source: any PartialSource) -> PromptTemplate {
        guard formats.contains(template.format) else { return template }
        var copy = template
        copy.messages = template.messages.map { message in
            var m = message
            m.segments = message.segments.flatMap { segment -> [TemplateSegment] in
                guard case .text(let text, let position) = segment, text.contains("@") else { return [segment] }
                return split(text, at: position) { source.load($0, includedBy: template.path) != nil }
            }
            return m
        }
        return copy
    }

    /// The text cut at its import lines (`readable` says which named files exist).
    static func split(_ text: String, at start: SourcePosition, readable: (String) -> Bool) -> [TemplateSegment] {
        var out: [TemplateSegment] = []
        var pending = ""
        var pendingStart = start
        var position = start
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines.enumerated() {
            let isLast = line.offset == lines.count - 1
            let raw = String(line.element)
            if position.column == 1, let name = importedName(raw), readable(name) {
                if !pending.isEmpty { out.append(.text(pending, pendingStart)) }
                out.append(.slot(TemplateSlot(
                    expression: "@" + name, source: raw.trimmingCharacters(in: .whitespaces), position: position,
                    isInclude: true)))
                pending = isLast ? "" : "\n"
                pendingStart = SourcePosition(
                    line: position.line, column: position.column + raw.unicodeScalars.count,
                    offset: position.offset + raw.utf8.count)
            } else {
                pending += isLast ? raw : raw + "\n"
            }
            position = SourcePosition(line: position.line + 1, column: 1, offset: position.offset + raw.utf8.count + 1)
        }
        if !pending.isEmpty { out.append(.text(pending, pendingStart)) }
        return out
    }

    /// `sections/x.md` of a line `@sections/x.md` (spaces around allowed): a relative path with an
    /// extension, made of letters, digits, `_`, `-`, `.` and `/`.
    static func importedName(_ line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("@") else { return nil }
        let name = String(trimmed.dropFirst())
        let allowed = name.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "_-./".unicodeScalars.contains($0)
        }
        let last = (name as NSString).lastPathComponent
        guard allowed, !name.hasPrefix("/"), last.contains("."), !last.hasPrefix("."), !last.hasSuffix(".")
        else { return nil }
        return name
    }
}
