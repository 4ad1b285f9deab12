import Foundation
import SafeIO

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads POML (`.poml`) with Foundation's `XMLParser`.
///
/// `<system-msg>`, `<human-msg>`/`<user-msg>`, `<ai-msg>`/`<assistant-msg>` (and PascalCase or
/// `speaker=` forms) are messages; everything else, including intention tags such as `<role>` and
/// `<task>`, is system content. `{{ expr }}` in text and attributes are slots, `for=` and `if=`
/// attributes loop and conditional slots, `<include>`/`<document>`/`<table>`/`<img>` with `src`
/// include slots. `<let>`, `<meta>`, `<stylesheet>` and `<runtime>` are not content. A parse error
/// is an issue at the parser's line and column, and what was read before it is kept.
enum POMLReader {
    /// An element name wrapped around the file so that several top-level elements or bare text parse.
    static let wrapper = "poml-file"

    static func read(_ source: SourceText, format: TemplateFormat) -> PromptTemplate {
        let hasDeclaration = source.text.hasPrefix("<?xml")
        let prefix = hasDeclaration ? "" : "<\(wrapper)>"
        let data = Data((prefix + source.text + (hasDeclaration ? "" : "</\(wrapper)>")).utf8)
        let parser = XMLParser(data: data)
        let delegate = POMLDelegate(source: source)
        parser.delegate = delegate
        reportExternalEntities(in: source, into: &delegate.sink)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        if !parser.parse() || delegate.error != nil {
            let (line, column, message) = delegate.error ?? (parser.lineNumber, parser.columnNumber, "XML parse error")
            let adjusted = line == 1 ? max(1, column - prefix.count) : max(1, column)
            let offset = source.offset(line: max(1, line), column: adjusted)
            delegate.flushText()
            delegate.sink.issue("POML: \(message)", at: source.position(offset))
        }
        return delegate.sink.template(source, format: format, metadata: delegate.metadata)
    }

    /// External entities (`<!ENTITY e SYSTEM "file:///etc/passwd">`) are never fetched, and the XML parser drops
    /// the text from an entity's first use on: each declaration is an issue (a parse-error finding), so the loss is
    /// not silent.
    static func reportExternalEntities(in source: SourceText, into sink: inout TemplateSink) {
        guard source.text.contains("<!ENTITY"),
            let regex = try? NSRegularExpression(pattern: #"<!ENTITY\s+(?:%\s+)?([^\s>]+)\s+(?:SYSTEM|PUBLIC)\b"#)
        else { return }
        let text = source.text
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let whole = Range(match.range, in: text), let name = Range(match.range(at: 1), in: text) else { continue }
            let offset = text.utf8.distance(from: text.startIndex, to: whole.lowerBound)
            sink.issue("POML: external entity '\(DisplayText.escaped(String(text[name])))' is not read; the text from its "
                       + "first use on is not linted", at: source.position(offset))
        }
    }
}

/// Receives `XMLParser` events in document order and finds each tag in the source with a forward
/// cursor, so positions are exact without recursion.
private final class POMLDelegate: NSObject, XMLParserDelegate {
    private struct Element {
        var name: String
        var isMessage: Bool
        var suppresses: Bool
        var selfClosing: Bool
    }

    let source: SourceText
    var sink = TemplateSink(defaultRole: .system)
    var metadata: [String: String] = [:]
    var error: (Int, Int, String)?
    private var stack: [Element] = []
    private var suppressed = 0
    private var cursor = 0
    private var text = ""
    private var textStart = 0

    private static let roles: [String: MessageRole] = [
        "systemmsg": .system, "systemmessage": .system, "humanmsg": .user, "usermsg": .user, "humanmessage": .user,
        "usermessage": .user, "aimsg": .assistant, "assistantmsg": .assistant, "aimessage": .assistant,
        "assistantmessage": .assistant, "toolresponse": .tool, "tooldefinition": .tools, "outputschema": .system,
    ]
    private static let hidden: Set<String> = ["let", "meta", "stylesheet", "runtime"]
    private static let sources: Set<String> = ["include", "document", "table", "img", "image", "webpage", "audio", "video"]

    init(source: SourceText) {
        self.source = source
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        flushText()
        if elementName == POMLReader.wrapper { return }
        let (tagStart, tagEnd, selfClosing) = locateStartTag(elementName)
        cursor = tagEnd
        textStart = cursor
        let key = elementName.lowercased().replacingOccurrences(of: "-", with: "")
        let role = attributes["speaker"].flatMap(RoleNames.role) ?? Self.roles[key]
        let hides = Self.hidden.contains(key)
        stack.append(Element(name: elementName, isMessage: role != nil, suppresses: hides, selfClosing: selfClosing))
        if hides { suppressed += 1 }
        if key == "outputschema" { metadata["output-schema"] = "yes" }
        guard suppressed == 0 else { return }
        if let role { sink.switchRole(role, at: source.position(tagStart)) }
        attributeSlots(elementName, attributes, tag: tagStart..<tagEnd)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName name: String?) {
        flushText()
        if elementName == POMLReader.wrapper { return }
        guard let element = stack.popLast() else { return }
        if !element.selfClosing, let close = findTag(Array("</\(elementName)".utf8), from: cursor) {
            cursor = (ByteSearch.find(UInt8(ascii: ">"), in: source.bytes, from: close) ?? source.count - 1) + 1
        }
        textStart = cursor
        if element.suppresses { suppressed -= 1 }
        if element.isMessage && suppressed == 0 { sink.builder.endMessage() }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if text.isEmpty { textStart = cursor }
        text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if text.isEmpty { textStart = cursor }
        text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, foundComment comment: String) {
        flushText()
        if let end = find(Array("-->".utf8), from: cursor) { cursor = end + 3 }
        textStart = cursor
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        guard error == nil else { return }
        let message = (parseError as NSError).localizedDescription
        error = (parser.lineNumber, parser.columnNumber, message.isEmpty ? "XML parse error" : message)
    }

    /// Adds the text gathered since the last tag, with positions aligned to the source.
    func flushText() {
        defer { text = "" }
        guard !text.isEmpty, suppressed == 0, !text.allSatisfy(\.isWhitespace) else { return }
        let end = ByteSearch.find(UInt8(ascii: "<"), in: source.bytes, from: textStart) ?? source.count
        let embedded = source.embedded(text, alignedTo: textStart..<max(end, textStart))
        JinjaScanner.scan(embedded, into: &sink)
    }

    /// Slots for `for=`, `if=`, `src=` and `{{ }}` in attribute values; a caption's text is content.
    private func attributeSlots(_ name: String, _ attributes: [String: String], tag: Range<Int>) {
        let tagText = source.string(tag)
        let position = source.position(tag.lowerBound)
        let lowered = name.lowercased()
        for attribute in attributeOrder(attributes.keys, in: tagText) {
            guard let value = attributes[attribute] else { continue }
            let valueStart = attributeValueOffset(attribute, in: tag) ?? tag.lowerBound
            switch attribute {
            case "for":
                let parts = ExpressionParts.loopIterable(value)
                sink.slot(TemplateSlot(expression: value, variable: parts.variable, filters: parts.filters, source: tagText,
                    position: position, isLoop: true))
            case "if":
                let parts = ExpressionParts.jinja(value)
                sink.slot(TemplateSlot(expression: value, variable: parts.variable, filters: parts.filters, source: tagText,
                    position: position, isConditional: true))
            case "src" where Self.sources.contains(lowered), "href" where lowered == "include":
                let inner = value.contains("{{") ? value.replacingOccurrences(of: "{{", with: "").replacingOccurrences(of: "}}", with: "") : ""
                let variable = inner.isEmpty ? nil : ExpressionParts.jinja(inner.trimmingCharacters(in: .whitespaces)).variable
                sink.slot(TemplateSlot(expression: value, variable: variable, source: tagText,
                    position: source.position(valueStart), isInclude: true))
            default:
                guard value.contains("{{") || attribute == "caption" else { continue }
                let embedded = source.embedded(value, alignedTo: valueStart..<tag.upperBound)
                if attribute == "caption" {
                    JinjaScanner.scan(embedded, into: &sink)
                } else {
                    var temp = TemplateSink(defaultRole: .unknown)
                    JinjaScanner.scan(embedded, into: &temp)
                    sink.addIssues(temp.issues)
                    for slot in temp.finish().flatMap(\.segments) {
                        if case .slot(let s) = slot { sink.slot(s) }
                    }
                }
            }
        }
    }

    /// `for` and `if` first (they govern the whole element), then the others in the order written.
    private func attributeOrder(_ names: Dictionary<String, String>.Keys, in tag: String) -> [String] {
        func rank(_ name: String) -> (Int, String.Index) {
            (name == "for" ? 0 : name == "if" ? 1 : 2, tag.range(of: " \(name)=")?.lowerBound ?? tag.endIndex)
        }
        return names.sorted { rank($0) < rank($1) }
    }

    /// Where an attribute's value (after its opening quote) starts inside a tag.
    private func attributeValueOffset(_ name: String, in tag: Range<Int>) -> Int? {
        guard let at = ByteSearch.find(Array("\(name)=".utf8), in: source.bytes, from: tag.lowerBound, to: tag.upperBound)
        else { return nil }
        return at + name.utf8.count + 2
    }

    /// Finds `<name` from the cursor; returns the tag's start, the offset after its `>`, and whether it self-closes.
    private func locateStartTag(_ name: String) -> (Int, Int, Bool) {
        let bytes = source.bytes
        guard let start = findTag(Array("<\(name)".utf8), from: cursor) else { return (cursor, cursor, false) }
        var i = start + 1
        var quote: UInt8?
        while i < bytes.count {
            let b = bytes[i]
            if let q = quote {
                if b == q { quote = nil }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: ">") {
                return (start, i + 1, bytes[i - 1] == UInt8(ascii: "/"))
            }
            i += 1
        }
        return (start, bytes.count, false)
    }

    /// The next `<name` or `</name` followed by a delimiter (not a longer name), skipping comments.
    private func findTag(_ needle: [UInt8], from: Int) -> Int? {
        var i = from
        while let hit = find(needle, from: i) {
            let next = hit + needle.count
            if next >= source.count { return hit }
            switch source.bytes[next] {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/"): return hit
            default: i = hit + 1
            }
        }
        return nil
    }

    /// The next occurrence of `needle` at or after `from`, skipping comments.
    private func find(_ needle: [UInt8], from: Int) -> Int? {
        var i = from
        let comment = Array("<!--".utf8)
        while let hit = ByteSearch.find(needle, in: source.bytes, from: i) {
            if let c = ByteSearch.find(comment, in: source.bytes, from: i, to: hit), needle != Array("-->".utf8) {
                i = (ByteSearch.find(Array("-->".utf8), in: source.bytes, from: c) ?? source.count) + 3
                continue
            }
            return hit
        }
        return nil
    }
}
