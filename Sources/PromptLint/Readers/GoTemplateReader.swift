import Foundation

/// Reads Go `text/template` files: `{{ .Field }}` actions become slots named by their field
/// (`.Tasks` → `Tasks`, `$task` → `task`), `{{ range }}` opens a loop, `{{ if }}`/`{{ with }}` a
/// conditional (`{{ else if }}` is a branch), `{{ end }}` closes the innermost block, `{{ define }}`
/// bodies are not output, comments (`{{/* */}}`) are dropped and `{{-`/`-}}` trim the neighbouring
/// white space. Hand-written: no installed Swift package parses Go templates.
enum GoTemplateReader {
    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        var sink = TemplateSink(defaultRole: .unknown)
        scan(source, into: &sink)
        return sink.template(source, format: format)
    }

    private static func scan(_ source: SourceText, into sink: inout TemplateSink) {
        let bytes = source.bytes
        var pos = 0
        var textStart = 0
        var trimNext = false
        var stack = BlockStack()

        func emitText(_ lo: Int, _ hi: Int, trimEnd: Bool) {
            var lo = lo
            var hi = hi
            if trimNext { while lo < hi, JinjaScanner.isSpace(bytes[lo]) { lo += 1 } }
            if trimEnd { while hi > lo, JinjaScanner.isSpace(bytes[hi - 1]) { hi -= 1 } }
            trimNext = false
            guard lo < hi, !stack.isSuppressed else { return }
            sink.text(lo..<hi, in: source)
        }

        while let open = ByteSearch.find([0x7B, 0x7B], in: bytes, from: pos, to: bytes.count) {
            guard let close = ByteSearch.find([0x7D, 0x7D], in: bytes, from: open + 2, to: bytes.count) else {
                sink.issue("unterminated `{{`: no closing `}}`", at: source.position(open))
                break
            }
            let leftTrim = open + 3 < close && bytes[open + 2] == UInt8(ascii: "-") && JinjaScanner.isSpace(bytes[open + 3])
            let rightTrim = close >= open + 4 && bytes[close - 1] == UInt8(ascii: "-") && JinjaScanner.isSpace(bytes[close - 2])
            emitText(textStart, open, trimEnd: leftTrim)
            trimNext = rightTrim
            pos = close + 2
            textStart = pos
            let inner = JinjaScanner.trimmedInner(source, open + 2, close)
            if inner.hasPrefix("/*") { continue }
            let position = source.position(open)
            let tag = source.string(open..<(close + 2))
            let keyword = String(inner.prefix { $0.isLetter })
            let rest = inner.dropFirst(keyword.count).trimmingCharacters(in: .whitespaces)
            let isKeyword = inner.count == keyword.count || inner.dropFirst(keyword.count).first?.isWhitespace == true
            switch isKeyword ? keyword : "" {
            case "end":
                if let top = stack.top {
                    _ = stack.close(top.name, closer: tag, at: position, sink: &sink)
                } else {
                    sink.issue("`\(tag)` has no matching opening action", at: position)
                }
            case "range", "if", "with":
                stack.push(BlockStack.Block(name: keyword, source: tag, position: position, suppresses: false))
                slot(inner, header: rest, tag: tag, at: position, loop: keyword == "range", stack: stack, sink: &sink)
            case "else":
                if stack.top == nil { sink.issue("`\(tag)` outside a block", at: position) }
                let branch = rest.drop { $0.isLetter }.trimmingCharacters(in: .whitespaces)
                if !rest.isEmpty { slot(inner, header: branch, tag: tag, at: position, loop: false, stack: stack, sink: &sink) }
            case "define":
                stack.push(BlockStack.Block(name: keyword, source: tag, position: position, suppresses: true))
            case "block":
                stack.push(BlockStack.Block(name: keyword, source: tag, position: position, suppresses: false))
            case "template", "break", "continue":
                continue
            default:
                guard !stack.isSuppressed else { continue }
                let parts = pipeline(inner)
                sink.slot(TemplateSlot(expression: inner, variable: parts.variable, filters: parts.filters,
                                       source: tag, position: position))
            }
        }
        emitText(textStart, max(textStart, bytes.count), trimEnd: false)
        stack.reportUnclosed(sink: &sink, closerPrefix: "{{ end }} for ")
    }

    /// A `range`/`if`/`with`/`else if` action as a loop or conditional slot over the field its header reads.
    private static func slot(
        _ inner: String, header: String, tag: String, at position: SourcePosition, loop: Bool, stack: BlockStack,
        sink: inout TemplateSink
    ) {
        guard !stack.isSuppressed else { return }
        // `range $i, $task := .Tasks` iterates `.Tasks`.
        let iterated = header.range(of: ":=").map { String(header[$0.upperBound...]) } ?? header
        let parts = pipeline(iterated)
        sink.slot(TemplateSlot(expression: inner, variable: parts.variable, filters: parts.filters, source: tag,
                               position: position, isLoop: loop, isConditional: !loop))
    }

    /// The first field or variable a pipeline reads (`.Args` → `Args`, `$task.Name` → `task`,
    /// `printf "%s" .Name` → `Name`; nil for `.` alone) and the commands it is piped through.
    static func pipeline(_ expression: String) -> (variable: String?, filters: [String]) {
        let stages = expression.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        var variable: String?
        let scalars = Array((stages.first ?? "").unicodeScalars)
        var i = 0
        var quoted = false
        while i < scalars.count, variable == nil {
            let c = scalars[i]
            if c == "\"" || c == "`" { quoted.toggle() }
            let startsToken = i == 0 || scalars[i - 1] == " " || scalars[i - 1] == "("
            if !quoted, startsToken, c == "." || c == "$", i + 1 < scalars.count,
                ExpressionParts.isIdentifierStart(scalars[i + 1])
            {
                var name = String.UnicodeScalarView()
                var j = i + 1
                while j < scalars.count, ExpressionParts.isIdentifierStart(scalars[j]) || ("0"..."9").contains(scalars[j]) {
                    name.append(scalars[j])
                    j += 1
                }
                variable = String(name)
            }
            i += 1
        }
        let filters = stages.dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
        return (variable, filters)
    }

    /// A file of an extension no format claims (`.tmpl`, `.avanterules`; YAML and JSON are data, read by
    /// their keys) whose content reads as a Go template.
    static func claims(_ file: FileCandidate) -> Bool {
        !["yaml", "yml", "json", "jsonc"].contains(file.ext)
            && FormatRegistry.format(fileName: file.name, extension: file.ext) == nil && looksLikeGoTemplate(file.text)
    }

    /// True when a text reads as a Go template rather than Jinja or Mustache: no `{%` statements, and an
    /// action that reads a field (`{{ .Name }}`, `{{- .Name -}}`) or is `{{ end }}`/`{{ range`.
    static func looksLikeGoTemplate(_ text: String) -> Bool {
        guard !text.contains("{%") else { return false }
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { return false }
            var inner = rest[open.upperBound..<close.lowerBound].drop { $0 == "-" || $0 == " " }
            while inner.hasSuffix(" ") || inner.hasSuffix("-") { inner = inner.dropLast() }
            if inner.hasPrefix("."), inner.dropFirst().first?.isLetter == true { return true }
            if inner == "end" || inner.hasPrefix("range ") || inner.hasPrefix("if .") || inner.hasPrefix("with .") {
                return true
            }
            rest = rest[close.upperBound...]
        }
        return false
    }
}
