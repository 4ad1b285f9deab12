/// Scans plain text and Markdown whose placeholders are replaced by string substitution
/// (`text.replace("{goals}", goals)`, `$GOALS`, `${name}`) rather than rendered by a template engine:
/// `{name}`, `${name}` and `$UPPER_NAME` markers become slots, `{{ name }}` placeholders are read as
/// `BodySyntax.plain` reads them, and anything else is text. It never reports an issue: plain text
/// cannot fail to parse. In Markdown, fenced code blocks are text, and so is another system's template syntax
/// quoted in them (`ForeignTemplateExamples`). A `$NAME` or `${NAME}` marker whose shell variable the file sets
/// itself (`NAME=value`, `ShellAssignments`) is a constant with that evidence.
enum MarkerScanner {
    static func scan(_ source: SourceText, into sink: inout TemplateSink, markdown: Bool) {
        let bytes = source.bytes
        let assignments = bytes.contains(UInt8(ascii: "=")) ? ShellAssignments(source) : nil
        let examples = markdown ? ForeignTemplateExamples.spans(bytes) : []
        var nextExample = 0
        /// Text with `{{ }}` placeholders (as plain text has them), the quoted examples kept as text. Called on
        /// ranges in order, so the examples are walked once.
        func plain(_ range: Range<Int>, into sink: inout TemplateSink) {
            var from = range.lowerBound
            while nextExample < examples.count, examples[nextExample].upperBound <= from { nextExample += 1 }
            while nextExample < examples.count, examples[nextExample].lowerBound < range.upperBound {
                let example = examples[nextExample]
                if from < example.lowerBound { BodySyntax.plain.scan(source, range: from..<example.lowerBound, into: &sink) }
                let end = min(example.upperBound, range.upperBound)
                sink.text(max(from, example.lowerBound)..<end, in: source)
                from = end
                if example.upperBound > range.upperBound { break }
                nextExample += 1
            }
            if from < range.upperBound { BodySyntax.plain.scan(source, range: from..<range.upperBound, into: &sink) }
        }
        var textStart = 0
        var i = 0
        var fence: (byte: UInt8, count: Int)?
        var lineStart = true
        var skipExample = 0
        while i < bytes.count {
            let b = bytes[i]
            if markdown && lineStart, let marker = fenceMarker(bytes, i) {
                if let open = fence {
                    if marker.byte == open.byte && marker.count >= open.count && marker.bare { fence = nil }
                } else {
                    fence = (marker.byte, marker.count)
                }
            }
            lineStart = b == 0x0A
            if fence != nil || (b != UInt8(ascii: "{") && b != UInt8(ascii: "$")) {
                i += 1
                continue
            }
            // A fence indented under a list item is not one here; its quoted examples are text all the same.
            while skipExample < examples.count, examples[skipExample].upperBound <= i { skipExample += 1 }
            if skipExample < examples.count, examples[skipExample].contains(i) {
                i = examples[skipExample].upperBound
                continue
            }
            guard let end = markerEnd(bytes, i) else {
                i += 1
                continue
            }
            if textStart < i { plain(textStart..<i, into: &sink) }
            let whole = source.string(i..<end)
            let name = whole.trimmingCharacters(in: ["{", "}", "$"])
            let provenance = whole.hasPrefix("$") ? assignments?.provenance(of: name) : nil
            sink.slot(TemplateSlot(expression: name, variable: name, source: whole, position: source.position(i),
                                   provenance: provenance))
            i = end
            textStart = end
        }
        if textStart < bytes.count { plain(textStart..<bytes.count, into: &sink) }
    }

    /// The end of an upper-case shell variable name starting at `start` (`[A-Z][A-Z0-9_]*`), as `$NAME` markers and
    /// the assignments that set them (`ShellAssignments`) write it; nil when no such name starts there.
    static func shellNameEnd(_ bytes: [UInt8], _ start: Int) -> Int? {
        guard start < bytes.count, bytes[start] >= 0x41, bytes[start] <= 0x5A else { return nil }
        var j = start + 1
        while j < bytes.count, bytes[j] >= 0x41 && bytes[j] <= 0x5A || bytes[j] == UInt8(ascii: "_")
            || SourceBytes.isDigit(bytes[j])
        {
            j += 1
        }
        return j
    }

    /// The end of a marker starting at `i`: `{name}` (not part of `{{ }}`), `${name}`, or `$NAME`
    /// (upper case, two characters or more, not preceded by a letter, digit or `$`).
    private static func markerEnd(_ bytes: [UInt8], _ i: Int) -> Int? {
        if bytes[i] == UInt8(ascii: "$") {
            if i > 0, isNameByte(bytes[i - 1]) || bytes[i - 1] == UInt8(ascii: "$") { return nil }
            if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{") { return braced(bytes, i + 1) }
            guard let j = shellNameEnd(bytes, i + 1) else { return nil }
            if j < bytes.count, isNameByte(bytes[j]) { return nil }
            return j - i >= 3 ? j : nil
        }
        if i > 0, bytes[i - 1] == UInt8(ascii: "{") || bytes[i - 1] == UInt8(ascii: "$") { return nil }
        guard let end = braced(bytes, i) else { return nil }
        return end < bytes.count && bytes[end] == UInt8(ascii: "}") ? nil : end
    }

    /// `{name}` or `{obj.attr}` starting at the `{` at `i`; returns the index after `}`.
    private static func braced(_ bytes: [UInt8], _ i: Int) -> Int? {
        var j = i + 1
        guard j < bytes.count, bytes[j] == UInt8(ascii: "_") || isLetter(bytes[j]) else { return nil }
        while j < bytes.count, j - i < 80, isNameByte(bytes[j]) || bytes[j] == UInt8(ascii: ".") { j += 1 }
        return j < bytes.count && bytes[j] == UInt8(ascii: "}") ? j + 1 : nil
    }

    /// A CommonMark code fence at the line starting at `i`: its character, length, and whether nothing
    /// but spaces follows it (only such a line can close a fence, and only one at least as long). At most
    /// `maxIndent` spaces may come before it (3 in CommonMark; more inside a list item).
    static func fenceMarker(_ bytes: [UInt8], _ i: Int, maxIndent: Int = 3) -> (byte: UInt8, count: Int, bare: Bool)? {
        var j = i
        while j < bytes.count, j - i < maxIndent, bytes[j] == 0x20 { j += 1 }
        guard j < bytes.count, bytes[j] == UInt8(ascii: "`") || bytes[j] == UInt8(ascii: "~") else { return nil }
        let byte = bytes[j]
        var k = j
        while k < bytes.count, bytes[k] == byte { k += 1 }
        guard k - j >= 3 else { return nil }
        var rest = k
        while rest < bytes.count, bytes[rest] == 0x20 || bytes[rest] == 0x09 || bytes[rest] == 0x0D { rest += 1 }
        return (byte, k - j, rest >= bytes.count || bytes[rest] == 0x0A)
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    private static func isNameByte(_ b: UInt8) -> Bool {
        isLetter(b) || b == UInt8(ascii: "_") || b >= 0x30 && b <= 0x39
    }
}
