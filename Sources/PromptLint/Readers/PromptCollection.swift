import Foundation

/// A Markdown file that collects several prompts under `## ` headings (`other_prompts.md` titled
/// "# Other Prompts" with a `## Chatroom Context` and a `## Reminder Clarification` section): code loads
/// each section by its heading and sends it on its own, so each section is read as its own prompt
/// (`TemplateMessage.promptIndex`), not as one prompt whose later sections are a static tail.
///
/// A file is a collection when its name is plural (`prompts.md`, `other_prompts.md`,
/// `system-prompts.md`) or its title (the first line, a `# ` heading) ends with "Prompts", and it has at
/// least two `## ` headings outside fenced code. A prompt file named in the singular (`system_prompt.md`)
/// whose `## ` headings are the parts of one prompt (rules, output format) stays one prompt.
enum PromptCollection {
    /// Extensions of Markdown files.
    static let markdownExtensions: Set<String> = ["md", "markdown", "mdx"]
    /// Formats whose text segments are the file's text as written, so lines can be counted in them.
    static let verbatimFormats: Set<TemplateFormat> = [.markdown, .plainText, .jinja, .mustache, .handlebars]

    /// `template` with each `## ` section of a prompt collection as its own prompt; unchanged otherwise.
    static func split(_ template: PromptTemplate, path: String, source: SourceText) -> PromptTemplate {
        guard verbatimFormats.contains(template.format), !template.messages.isEmpty,
            template.messages.allSatisfy({ $0.promptIndex == 0 })
        else { return template }
        let headings = sectionHeadingLines(path: path, source: source)
        guard headings.count >= 2 else { return template }
        /// The section a line belongs to: 0 before the first heading, k from the k-th heading on.
        func section(_ line: Int) -> Int { headings.lastIndex(where: { $0 <= line }).map { $0 + 1 } ?? 0 }
        var copy = template
        copy.messages = []
        for message in template.messages {
            var current: TemplateMessage?
            func append(_ segment: TemplateSegment, index: Int) {
                if let open = current, open.promptIndex != index {
                    copy.messages.append(open)
                    current = nil
                }
                if current == nil {
                    current = TemplateMessage(
                        role: message.role, segments: [], position: segment.position,
                        hasCacheBreakpoint: false, promptIndex: index)
                }
                current?.segments.append(segment)
            }
            for segment in message.segments {
                switch segment {
                case .slot(let slot): append(segment, index: section(slot.position.line))
                case .text(let body, let start):
                    for (piece, position) in pieces(of: body, from: start, breakingAt: Set(headings)) {
                        append(.text(piece, position), index: section(position.line))
                    }
                }
            }
            if var last = current {
                last.hasCacheBreakpoint = message.hasCacheBreakpoint
                copy.messages.append(last)
            }
        }
        return copy
    }

    /// The 1-based lines of the `## ` headings that start the prompts of a collection, or [] when the
    /// file is not one. Lines end at `\n` (a CRLF line keeps its `\r`, as `SourceText` counts them); YAML
    /// front matter is skipped, and the title is the first non-blank line after it. A file whose name is
    /// not plural is read no further than its title when the title does not make it a collection.
    static func sectionHeadingLines(path: String, source: SourceText) -> [Int] {
        let name = (path as NSString).lastPathComponent
        let ext = (name as NSString).pathExtension.lowercased()
        guard markdownExtensions.contains(ext) else { return [] }
        let plural = (name as NSString).deletingPathExtension.lowercased().hasSuffix("prompts")
        var issues: [ParseIssue] = []
        let bodyStart = FrontMatter.split(source, allowLeadingComments: false, issues: &issues)?.bodyRange.lowerBound ?? 0
        var line = source.position(bodyStart).line
        var title: String?
        var headings: [Int] = []
        var fence: Character?
        source.forEachLine(from: bodyStart) { range, _ in
            defer { line += 1 }
            let raw = source.string(range)
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines.union(["\u{FEFF}"]))
            if title == nil, !trimmed.isEmpty {
                title = trimmed
                if !plural, !isCollectionTitle(trimmed) { return false }
            }
            if let open = fence {
                if trimmed.hasPrefix(String(repeating: open, count: 3)) { fence = nil }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.first
            } else if raw.hasPrefix("## ") {
                headings.append(line)
            }
            return true
        }
        return plural || title.map(isCollectionTitle) == true ? headings : []
    }

    /// True for a title that names a collection of prompts (`# Other Prompts`).
    private static func isCollectionTitle(_ line: String) -> Bool {
        line.hasPrefix("# ") && line.lowercased().hasSuffix("prompts")
    }

    /// `body` (starting at `start`) cut before each line of `lines`, with each piece's position.
    static func pieces(of body: String, from start: SourcePosition, breakingAt lines: Set<Int>) -> [(String, SourcePosition)] {
        var out: [(String, SourcePosition)] = []
        var piece = ""
        var position = start
        var line = start.line
        var offset = start.offset
        for character in body {
            piece.append(character)
            offset += String(character).utf8.count
            if character == "\n" || character == "\r\n" {
                line += 1
                if lines.contains(line) {
                    out.append((piece, position))
                    piece = ""
                    position = SourcePosition(line: line, column: 1, offset: offset)
                }
            }
        }
        if !piece.isEmpty || out.isEmpty { out.append((piece, position)) }
        return out
    }
}
