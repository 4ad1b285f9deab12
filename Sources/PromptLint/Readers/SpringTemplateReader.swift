import Foundation

/// Reads a Spring AI prompt file (`src/main/resources/prompts/x.st`): StringTemplate as Spring AI's
/// `PromptTemplate`/`SystemPromptTemplate` renders it, with `{` and `}` as delimiters instead of
/// StringTemplate's own `<` `>` (Spring AI reference, "Prompts": "the `PromptTemplate` class uses the
/// StringTemplate engine ... `{name}` placeholders"). The Java or Kotlin code fills it with
/// `.createMessage(Map.of("name", value))` or `.param("name", value)`; that code is not traced, so the
/// values are classified by their names, as for other template files.
///
/// Read: `{name}`, `{name.field}`, `{name; separator=", "}` and `{name:{x | …}}` are slots (the first
/// name is the variable); `{if(x)}`/`{elseif(x)}` are conditions, `{else}` and `{endif}` close them;
/// `{! comment !}` is dropped; `\{` and `\}` are literal braces. Braces around anything that is not an
/// expression (JSON written without escapes, `{ }`) stay text: the file never fails to parse here (a
/// template the engine rejects fails at its first render, not in a cached prefix).
enum SpringTemplateReader {
    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        var sink = TemplateSink(defaultRole: .unknown)
        sink.keepsIssues = false
        let bytes = source.bytes
        var textStart = 0
        var i = 0
        func flush(_ end: Int) {
            if textStart < end { sink.text(textStart..<end, in: source) }
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{") || bytes[i + 1] == UInt8(ascii: "}") {
                i += 2
                continue
            }
            guard b == UInt8(ascii: "{") else {
                i += 1
                continue
            }
            if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "!"),
                let close = ByteSearch.find(Array("!}".utf8), in: bytes, from: i + 2)
            {
                flush(i)
                i = close + 2
                textStart = i
                continue
            }
            guard let end = expressionEnd(bytes, i) else {
                i += 1
                continue
            }
            let inner = source.string((i + 1)..<(end - 1)).trimmingCharacters(in: .whitespacesAndNewlines)
            let name = String(inner.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
            flush(i)
            let position = source.position(i)
            let whole = source.string(i..<end)
            switch name {
            case "else", "endif":
                break
            case "if", "elseif":
                let condition = inner.dropFirst(name.count).trimmingCharacters(in: CharacterSet(charactersIn: " ()!"))
                let variable = String(condition.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                sink.slot(TemplateSlot(expression: condition, variable: variable.isEmpty ? nil : variable, source: whole,
                                       position: position, isConditional: true))
            default:
                sink.slot(TemplateSlot(expression: inner, variable: variable(of: inner, name: name), source: whole,
                                       position: position))
            }
            i = end
            textStart = end
        }
        flush(bytes.count)
        return sink.template(source, format: format)
    }

    /// StringTemplate's functions (`{first(items)}`), whose argument is the variable.
    static let functions: Set<String> = ["first", "last", "rest", "trunc", "strip", "length", "strlen", "reverse", "trim"]

    private static func variable(of inner: String, name: String) -> String {
        guard functions.contains(name), inner.dropFirst(name.count).first == "(" else { return name }
        let argument = inner.dropFirst(name.count + 1).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return argument.isEmpty ? name : String(argument)
    }

    /// The end (after `}`) of an expression starting at the `{` at `i`: a name first (`{name`, `{if(`),
    /// braces balanced inside (anonymous templates), on at most a few lines; nil when the braces hold
    /// anything else.
    static func expressionEnd(_ bytes: [UInt8], _ i: Int) -> Int? {
        var j = i + 1
        guard j < bytes.count, isLetter(bytes[j]) || bytes[j] == UInt8(ascii: "_") else { return nil }
        while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
        guard j < bytes.count else { return nil }
        // A name is followed by the end, a field, a call, options or an anonymous template.
        let next = bytes[j]
        guard next == UInt8(ascii: "}") || next == UInt8(ascii: ".") || next == UInt8(ascii: "(")
            || next == UInt8(ascii: ";") || next == UInt8(ascii: ":") || next == 0x20
        else { return nil }
        var depth = 1
        var lines = 0
        while j < bytes.count, j - i < 2_000 {
            let c = bytes[j]
            if c == UInt8(ascii: "\\") {
                j += 2
                continue
            }
            if c == 0x0A {
                lines += 1
                if lines > 20 { return nil }
            }
            if c == UInt8(ascii: "{") { depth += 1 }
            if c == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { break }
            }
            j += 1
        }
        guard j < bytes.count, depth == 0 else { return nil }
        // `{name other words}` is prose in braces, not an expression.
        if next == 0x20 {
            let inner = String(decoding: bytes[(i + 1)..<j], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if inner.contains(" "), !inner.contains(":"), !inner.contains(";") { return nil }
        }
        return j + 1
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    private static func isNameByte(_ b: UInt8) -> Bool {
        isLetter(b) || b == UInt8(ascii: "_") || (b >= 0x30 && b <= 0x39)
    }
}
