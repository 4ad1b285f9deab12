import Foundation

/// Scans Semantic Kernel's own template syntax: `{{$variable}}`, function calls `{{plugin.function $arg}}`
/// and `{{function "literal"}}`. A call's function name is the slot's filter; its first `$argument` (or,
/// without one, the function itself) is the variable.
enum SemanticKernelScanner {
    static func scan(_ source: SourceText, range: Range<Int>? = nil, into sink: inout TemplateSink) {
        let bytes = source.bytes
        let end = range?.upperBound ?? bytes.count
        var pos = range?.lowerBound ?? 0
        var textStart = pos
        while pos < end, let open = ByteSearch.find([0x7B, 0x7B], in: bytes, from: pos, to: end) {
            guard let close = closeIndex(bytes, from: open + 2, to: end) else {
                sink.issue("unterminated `{{`: no closing `}}`", at: source.position(open))
                pos = open + 2
                continue
            }
            let inner = source.string((open + 2)..<close).trimmingCharacters(in: .whitespacesAndNewlines)
            pos = close + 2
            if inner.isEmpty { continue }
            if textStart < open { sink.text(textStart..<open, in: source) }
            textStart = pos
            let full = source.string(open..<pos)
            let position = source.position(open)
            sink.slot(slot(inner, source: full, position: position))
        }
        if textStart < end { sink.text(textStart..<end, in: source) }
    }

    /// The slot for a block's content.
    static func slot(_ inner: String, source: String, position: SourcePosition) -> TemplateSlot {
        let tokens = ExpressionParts.handlebarsTokens(Substring(inner))
        if tokens.count == 1, let only = tokens.first {
            if only.hasPrefix("$") {
                return TemplateSlot(expression: inner, variable: String(only.dropFirst()), source: source, position: position)
            }
            if only.hasPrefix("\"") || only.hasPrefix("'") {
                return TemplateSlot(expression: inner, source: source, position: position)
            }
            return TemplateSlot(expression: inner, variable: only, filters: [only], source: source, position: position)
        }
        let function = tokens.first ?? inner
        var variable: String?
        for token in tokens.dropFirst() {
            let value = token.split(separator: "=", maxSplits: 1).last.map(String.init) ?? token
            if value.hasPrefix("$") {
                variable = String(value.dropFirst())
                break
            }
        }
        return TemplateSlot(expression: inner, variable: variable ?? function, filters: [function], source: source, position: position)
    }

    /// The `}}` closing a block, skipping quoted strings (`{{ "a }} b" }}`) on the same line.
    private static func closeIndex(_ bytes: [UInt8], from: Int, to end: Int) -> Int? {
        var i = from
        var quote: UInt8?
        while i + 1 < end {
            let b = bytes[i]
            if let q = quote {
                if b == UInt8(ascii: "\\") {
                    i += 1
                } else if b == q || b == 0x0A {
                    quote = nil
                }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: "}") && bytes[i + 1] == UInt8(ascii: "}") {
                return i
            } else if b == UInt8(ascii: "{") && bytes[i + 1] == UInt8(ascii: "{") {
                return nil
            }
            i += 1
        }
        return nil
    }
}
