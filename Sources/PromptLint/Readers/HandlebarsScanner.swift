import Foundation

/// Scans Mustache and Handlebars templates (also the Dotprompt and Semantic Kernel dialects).
///
/// `{{x}}`, `{{{x}}}` and `{{& x}}` become slots; sections `{{#x}}`/`{{^x}}` and `{{#if}}`/`{{#unless}}`/
/// `{{#with}}` conditional slots, `{{#each}}` loop slots, partials `{{> p}}` include slots. Comments
/// (`{{! }}`, `{{!-- --}}`) vanish, `{{~` trims whitespace. With `dotprompt`, `{{role "x"}}` and
/// `{{#role "x"}}…{{/role}}` switch messages instead of being slots.
enum HandlebarsScanner {
    struct Options {
        /// Treat `role` helpers as message switches.
        var dotprompt = false
    }

    private static let open2: [UInt8] = [0x7B, 0x7B]

    static func scan(_ source: SourceText, range: Range<Int>? = nil, into sink: inout TemplateSink, options: Options = .init()) {
        let bytes = source.bytes
        let end = range?.upperBound ?? bytes.count
        var pos = range?.lowerBound ?? 0
        var textStart = pos
        var trimNext = false
        var skipNewline = false
        var stack = BlockStack()

        func emitText(_ lo: Int, _ hi: Int, trimEnd: Bool) {
            var lo = lo
            var hi = hi
            if trimNext { while lo < hi, JinjaScanner.isSpace(bytes[lo]) { lo += 1 } }
            if skipNewline {
                if lo < hi, bytes[lo] == 0x0D { lo += 1 }
                if lo < hi, bytes[lo] == 0x0A { lo += 1 }
            }
            if trimEnd { while hi > lo, JinjaScanner.isSpace(bytes[hi - 1]) { hi -= 1 } }
            trimNext = false
            skipNewline = false
            if lo < hi, !stack.isSuppressed { sink.text(lo..<hi, in: source) }
        }

        while pos < end, let open = ByteSearch.find(open2, in: bytes, from: pos, to: end) {
            if open > 0, bytes[open - 1] == UInt8(ascii: "\\") {
                pos = open + 2
                continue
            }
            let triple = open + 2 < end && bytes[open + 2] == UInt8(ascii: "{")
            var contentStart = open + (triple ? 3 : 2)
            let leftTrim = contentStart < end && bytes[contentStart] == UInt8(ascii: "~")
            if leftTrim { contentStart += 1 }
            let isLongComment = RoleMarkers.hasPrefix(bytes, at: contentStart, "!--")
            let closer: [UInt8] = isLongComment ? Array("--".utf8) + [0x7D, 0x7D] : triple ? [0x7D, 0x7D, 0x7D] : [0x7D, 0x7D]
            guard var close = ByteSearch.find(closer, in: bytes, from: contentStart + (isLongComment ? 3 : 0), to: end) else {
                sink.issue("unterminated `{{`: no closing `\(String(decoding: closer, as: UTF8.self))`", at: source.position(open))
                break
            }
            let tagEnd = close + closer.count
            if isLongComment { close += 2 }
            var contentEnd = isLongComment ? close - 2 : close
            let rightTrim = contentEnd > contentStart && bytes[contentEnd - 1] == UInt8(ascii: "~")
            if rightTrim { contentEnd -= 1 }
            emitText(textStart, open, trimEnd: leftTrim)
            trimNext = rightTrim
            textStart = tagEnd
            pos = tagEnd
            let inner = source.string(contentStart..<max(contentStart, contentEnd)).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let sigil = inner.first, sigil != "!" else { continue }
            let position = source.position(open)
            let full = source.string(open..<tagEnd)
            let body = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces)
            let name = String(body.prefix(while: { !$0.isWhitespace && $0 != "}" }))

            func slot(loop: Bool = false, conditional: Bool = false, include: Bool = false) {
                if stack.isSuppressed { return }
                let parts = ExpressionParts.handlebars(inner)
                var filters = parts.filters
                if include { filters = [] }
                sink.slot(TemplateSlot(
                    expression: inner, variable: include ? nil : parts.variable, filters: filters, source: full,
                    position: position, isLoop: loop, isConditional: conditional, isInclude: include))
            }

            if triple {
                slot()
                continue
            }
            switch sigil {
            case "#":
                if name.hasPrefix("*") || name.hasPrefix(">") {
                    let partial = name.hasPrefix(">")
                    stack.push(.init(name: String(name.dropFirst()), source: inner, position: position, suppresses: !partial))
                    if partial { slot(include: true) }
                } else if options.dotprompt && name == "role" {
                    stack.push(.init(name: name, source: inner, position: position, suppresses: false))
                    sink.switchRole(roleArgument(body), at: position)
                    skipNewline = true
                } else {
                    stack.push(.init(name: name, source: inner, position: position, suppresses: false))
                    slot(loop: name == "each", conditional: name != "each")
                }
            case "^":
                if name.isEmpty { continue }
                stack.push(.init(name: name, source: inner, position: position, suppresses: false))
                slot(conditional: true)
            case "/":
                if stack.close(name, closer: inner, at: position, sink: &sink), options.dotprompt, name == "role" {
                    sink.builder.endMessage()
                    skipNewline = true
                }
            case ">":
                slot(include: true)
            case "=":
                sink.issue("custom Mustache delimiters `\(full)` are not supported", at: position)
            default:
                let first = inner.prefix(while: { !$0.isWhitespace })
                if first == "else" {
                    if inner.count > 4 { slot(conditional: true) }
                } else if options.dotprompt && first == "role" {
                    sink.switchRole(roleArgument(String(inner)), at: position)
                    skipNewline = true
                } else {
                    slot()
                }
            }
        }
        emitText(textStart, max(textStart, end), trimEnd: false)
        stack.reportUnclosed(sink: &sink, closerPrefix: "{{/")
    }

    /// The role named by `role "system"` (Dotprompt's `model` is the assistant).
    static func roleArgument(_ body: String) -> MessageRole {
        let tokens = ExpressionParts.handlebarsTokens(Substring(body))
        guard let arg = tokens.first(where: { $0.hasPrefix("\"") || $0.hasPrefix("'") }) else { return .unknown }
        return RoleNames.role(String(arg.dropFirst().dropLast())) ?? .unknown
    }
}
