import Foundation

/// Scans Jinja2, Nunjucks and Liquid templates: `{{ }}` expressions, `{% %}` statements, `{# #}` comments.
///
/// Expressions become slots with their variable and filters; `if`/`elif`/`unless`/`case`/`when` become
/// conditional slots, `for` loop slots, `include`/`extends`/`render` include slots. `raw`/`verbatim`
/// bodies are text, comment bodies and macro/`set`/`capture` bodies are not output. Whitespace
/// control (`{%-`, `-%}`) trims the neighbouring text. Unclosed tags and blocks become issues.
enum JinjaScanner {
    /// Recognise only `{{ }}` placeholders (for Markdown and plain text); read `${name}` as a variable
    /// (an environment configured with `variable_start_string="${"`, `DollarVariables`).
    struct Options {
        var placeholdersOnly = false
        var dollarVariables = false
    }

    static let loopTags: Set<String> = ["for", "tablerow"]
    static let conditionalTags: Set<String> = ["if", "unless", "case"]
    static let branchTags: Set<String> = ["elif", "elsif", "when", "elseif"]
    private static let structuralTags: Set<String> = ["block", "with", "filter", "call", "autoescape", "trans", "spaceless"]
    private static let suppressingTags: Set<String> = ["macro", "capture"]
    private static let verbatimTags: Set<String> = ["raw", "verbatim", "comment"]
    static let includeTags: Set<String> = ["include", "extends", "render", "import", "from"]

    static func scan(_ source: SourceText, range: Range<Int>? = nil, into sink: inout TemplateSink, options: Options = .init()) {
        let bytes = source.bytes
        // A range from a broken document may run past the bytes (found by fuzzing request JSON): clamp it.
        let end = min(range?.upperBound ?? bytes.count, bytes.count)
        var pos = min(range?.lowerBound ?? 0, end)
        var textStart = pos
        var trimNextText = false
        var stack = BlockStack()

        // `literal`: a `raw` body, whose `${name}` is text even where the environment reads `${}` variables.
        func emitText(_ lo: Int, _ hi: Int, trimEnd: Bool, literal: Bool = false) {
            var lo = lo
            var hi = hi
            if trimNextText { while lo < hi, isSpace(bytes[lo]) { lo += 1 } }
            if trimEnd { while hi > lo, isSpace(bytes[hi - 1]) { hi -= 1 } }
            trimNextText = false
            guard lo < hi, !stack.isSuppressed else { return }
            if options.dollarVariables && !literal {
                DollarVariables.scan(source, range: lo..<hi, into: &sink)
            } else {
                sink.text(lo..<hi, in: source)
            }
        }

        while pos < end, let open = ByteSearch.find(UInt8(ascii: "{"), in: bytes, from: pos, to: end) {
            guard open + 1 < end else { break }
            let kind = bytes[open + 1]
            let closer: UInt8
            switch kind {
            case UInt8(ascii: "{"): closer = UInt8(ascii: "}")
            case UInt8(ascii: "%") where !options.placeholdersOnly: closer = UInt8(ascii: "%")
            case UInt8(ascii: "#") where !options.placeholdersOnly: closer = UInt8(ascii: "#")
            default:
                pos = open + 1
                continue
            }
            guard let close = findCloser(closer, in: bytes, from: open + 2, to: end) else {
                if !options.placeholdersOnly {
                    let what = kind == UInt8(ascii: "{") ? "{{" : kind == UInt8(ascii: "%") ? "{%" : "{#"
                    sink.issue("unterminated `\(what)`: no closing delimiter", at: source.position(open))
                }
                break
            }
            let tagEnd = close + 2
            let leftTrim = open + 2 < close && bytes[open + 2] == UInt8(ascii: "-")
            let rightTrim = close > open + 2 && bytes[close - 1] == UInt8(ascii: "-")
            emitText(textStart, open, trimEnd: leftTrim)
            trimNextText = rightTrim
            textStart = tagEnd
            pos = tagEnd
            let inner = trimmedInner(source, open + 2, close)
            let fullSource = source.string(open..<tagEnd)
            let position = source.position(open)
            if kind == UInt8(ascii: "#") { continue }
            if kind == UInt8(ascii: "{") {
                if stack.isSuppressed { continue }
                if options.placeholdersOnly && !looksLikePlaceholder(inner) {
                    textStart = open
                    pos = open + 2
                    continue
                }
                let parts = ExpressionParts.jinja(inner)
                sink.slot(TemplateSlot(
                    expression: inner, variable: parts.variable, filters: parts.filters,
                    source: fullSource, position: position))
                continue
            }
            // A statement.
            let keyword = String(inner.prefix(while: { $0.isLetter || $0 == "_" }))
            let rest = inner.dropFirst(keyword.count).trimmingCharacters(in: .whitespaces)
            if verbatimTags.contains(keyword) {
                let endName = "end" + keyword
                guard let (bodyEnd, afterEnd) = findEndTag(endName, in: bytes, from: tagEnd, to: end) else {
                    sink.issue("`{% \(keyword) %}` is never closed (missing \(endName))", at: position)
                    textStart = keyword == "comment" ? end : tagEnd
                    pos = end
                    break
                }
                if keyword != "comment" { emitText(tagEnd, bodyEnd, trimEnd: false, literal: true) }
                textStart = afterEnd
                pos = afterEnd
                continue
            }
            if keyword.hasPrefix("end") && keyword.count > 3 {
                _ = stack.close(String(keyword.dropFirst(3)), closer: "{% \(keyword) %}", at: position, sink: &sink)
                continue
            }
            let block = BlockStack.Block(name: keyword, source: "{% \(inner) %}", position: position, suppresses: false)
            if loopTags.contains(keyword) {
                stack.push(block)
                emitSlot(inner, rest: rest, source: fullSource, position: position, isLoop: true, stack: stack, sink: &sink)
            } else if conditionalTags.contains(keyword) {
                stack.push(block)
                emitSlot(inner, rest: rest, source: fullSource, position: position, isConditional: true, stack: stack, sink: &sink)
            } else if branchTags.contains(keyword) {
                if stack.top == nil { sink.issue("`{% \(keyword) %}` outside a block", at: position) }
                emitSlot(inner, rest: rest, source: fullSource, position: position, isConditional: true, stack: stack, sink: &sink)
            } else if includeTags.contains(keyword) {
                if keyword == "import" || keyword == "from" { continue }
                emitSlot(inner, rest: rest, source: fullSource, position: position, isInclude: true, stack: stack, sink: &sink)
            } else if structuralTags.contains(keyword) {
                stack.push(block)
            } else if suppressingTags.contains(keyword) || (keyword == "set" && !rest.contains("=")) {
                var b = block
                b.suppresses = true
                stack.push(b)
            } else if keyword == "echo" {
                emitSlot(inner, rest: rest, source: fullSource, position: position, stack: stack, sink: &sink)
            } else if keyword.isEmpty {
                sink.issue("empty or malformed statement `\(fullSource)`", at: position)
            }
        }
        emitText(textStart, max(textStart, end), trimEnd: false)
        stack.reportUnclosed(sink: &sink, closerPrefix: "{% end")
    }

    private static func emitSlot(
        _ inner: String, rest: String, source: String, position: SourcePosition, isLoop: Bool = false,
        isConditional: Bool = false, isInclude: Bool = false, stack: BlockStack, sink: inout TemplateSink
    ) {
        if stack.isSuppressed { return }
        let parts: (variable: String?, filters: [String]) =
            isLoop ? ExpressionParts.loopIterable(rest) : isInclude ? (nil, []) : ExpressionParts.jinja(rest)
        sink.slot(TemplateSlot(
            expression: inner, variable: parts.variable, filters: parts.filters, source: source, position: position,
            isLoop: isLoop, isConditional: isConditional, isInclude: isInclude))
    }

    /// The index of `closer` followed by `}` at or after `from`.
    static func findCloser(_ closer: UInt8, in bytes: [UInt8], from: Int, to end: Int) -> Int? {
        var i = from
        while let hit = ByteSearch.find(closer, in: bytes, from: i, to: end - 1) {
            if bytes[hit + 1] == UInt8(ascii: "}") { return hit }
            i = hit + 1
        }
        return nil
    }

    /// Finds `{% endname %}` (with optional `-`): returns where the tag starts and where it ends.
    static func findEndTag(_ name: String, in bytes: [UInt8], from: Int, to end: Int) -> (Int, Int)? {
        var i = from
        let nameBytes = Array(name.utf8)
        while let open = ByteSearch.find([0x7B, 0x25], in: bytes, from: i, to: end) {
            var k = open + 2
            while k < end, bytes[k] == UInt8(ascii: "-") || bytes[k] == UInt8(ascii: "+") || isSpace(bytes[k]) { k += 1 }
            if k + nameBytes.count <= end, Array(bytes[k..<(k + nameBytes.count)]) == nameBytes,
                let close = findCloser(UInt8(ascii: "%"), in: bytes, from: k, to: end)
            {
                let between = bytes[(k + nameBytes.count)..<close]
                if between.allSatisfy({ isSpace($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }) {
                    return (open, close + 2)
                }
            }
            i = open + 2
        }
        return nil
    }

    /// The text between delimiters without whitespace-control marks and surrounding whitespace.
    static func trimmedInner(_ source: SourceText, _ lo: Int, _ hi: Int) -> String {
        let bytes = source.bytes
        var lo = lo
        var hi = hi
        func isControl(_ b: UInt8) -> Bool { b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: "~") }
        if lo < hi, isControl(bytes[lo]) { lo += 1 }
        if hi > lo, isControl(bytes[hi - 1]) { hi -= 1 }
        while lo < hi, isSpace(bytes[lo]) { lo += 1 }
        while hi > lo, isSpace(bytes[hi - 1]) { hi -= 1 }
        return source.string(lo..<hi)
    }

    /// In Markdown/plain text, `{{ name }}`-like placeholders only (not JSON such as `{{"a": 1}}`).
    private static func looksLikePlaceholder(_ inner: String) -> Bool {
        guard let first = inner.unicodeScalars.first else { return false }
        return ExpressionParts.isIdentifierStart(first) || first == "$" || first == "@"
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }
}

extension JinjaScanner {
    /// The slot for one tag standing alone (between JSON values): `{{ x }}`, or an opening
    /// `for`/`if`/`include` statement. Closing and `else` tags give nil.
    static func structuralSlot(_ source: SourceText, range: Range<Int>) -> TemplateSlot? {
        guard range.count >= 4 else { return nil }
        if source.bytes[range.lowerBound + 1] == UInt8(ascii: "%") {
            let inner = trimmedInner(source, range.lowerBound + 2, range.upperBound - 2)
            let keyword = String(inner.prefix(while: { $0.isLetter || $0 == "_" }))
            let opens = [loopTags, conditionalTags, branchTags, includeTags].contains { $0.contains(keyword) }
            guard opens else { return nil }
        }
        var sink = TemplateSink(defaultRole: .unknown)
        sink.keepsIssues = false
        scan(source, range: range, into: &sink)
        return sink.finish().flatMap(\.segments).compactMap { if case .slot(let s) = $0 { return s } else { return nil } }.first
    }
}
