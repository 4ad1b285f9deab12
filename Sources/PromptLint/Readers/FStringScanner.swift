import Foundation

/// Scans Python `str.format` / f-string / LangChain f-string templates: `{name}`, `{obj.attr[0]}`,
/// `{x!r:>10}` (conversion and format spec become filters), with `{{` and `}}` as literal braces.
enum FStringScanner {
    static func scan(_ source: SourceText, range: Range<Int>? = nil, into sink: inout TemplateSink) {
        let bytes = source.bytes
        let end = range?.upperBound ?? bytes.count
        var i = range?.lowerBound ?? 0
        var text: [UInt8] = []
        var textStart = i

        func flushText() {
            if !text.isEmpty { sink.literal(String(decoding: text, as: UTF8.self), at: source.position(textStart)) }
            text.removeAll(keepingCapacity: true)
        }

        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "{") {
                if i + 1 < end, bytes[i + 1] == UInt8(ascii: "{") {
                    if text.isEmpty { textStart = i }
                    text.append(b)
                    i += 2
                    continue
                }
                guard let close = fieldEnd(bytes, from: i + 1, to: end) else {
                    sink.issue("single `{` with no closing `}`", at: source.position(i))
                    if text.isEmpty { textStart = i }
                    text.append(b)
                    i += 1
                    continue
                }
                flushText()
                let inner = source.string((i + 1)..<close)
                sink.slot(slot(inner, source: source.string(i..<(close + 1)), position: source.position(i)))
                i = close + 1
                textStart = i
                continue
            }
            if b == UInt8(ascii: "}") {
                if i + 1 < end, bytes[i + 1] == UInt8(ascii: "}") {
                    if text.isEmpty { textStart = i }
                    text.append(b)
                    i += 2
                    continue
                }
                sink.issue("single `}` encountered in format string", at: source.position(i))
            }
            if text.isEmpty { textStart = i }
            text.append(b)
            i += 1
        }
        flushText()
    }

    /// The `}` ending a replacement field, allowing one level of nested fields in the format spec.
    /// Returns nil when the field crosses a line break, the end, or 1,000 bytes.
    private static func fieldEnd(_ bytes: [UInt8], from: Int, to end: Int) -> Int? {
        var depth = 0
        var i = from
        let end = min(end, from + 1000)
        while i < end {
            switch bytes[i] {
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"):
                if depth == 0 { return i }
                depth -= 1
            case 0x0A: return nil
            default: break
            }
            i += 1
        }
        return nil
    }

    /// `x!r:>10` → variable `x`, filters `["!r", ":>10"]`.
    static func slot(_ inner: String, source: String, position: SourcePosition) -> TemplateSlot {
        var field = Substring(inner)
        var filters: [String] = []
        if let colon = field.firstIndex(of: ":") {
            filters.append(String(field[colon...]))
            field = field[..<colon]
        }
        if let bang = field.firstIndex(of: "!") {
            filters.insert(String(field[bang...]), at: 0)
            field = field[..<bang]
        }
        let name = field.drop(while: { $0 == " " }).prefix(while: { $0 != "." && $0 != "[" && $0 != " " })
        return TemplateSlot(
            expression: inner.trimmingCharacters(in: .whitespaces), variable: name.isEmpty ? nil : String(name),
            filters: filters, source: source, position: position)
    }
}
