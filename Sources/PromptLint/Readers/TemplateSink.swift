/// Where template scanners put what they find: text, slots, role switches and issues.
///
/// Besides forwarding to a `MessageBuilder`, it recognises role markers written as static text:
/// role lines (`system:`, `# user:`, Prompty and promptflow) and `<message role="…">` tags
/// (Semantic Kernel). A tag whose attributes hold a slot (`role="{{role}}"`) opens a message of
/// unknown role, and the slot inside the tag is not content.
struct TemplateSink {
    var builder: MessageBuilder
    private(set) var issues: [ParseIssue] = []
    /// Recognise role lines in static text.
    var roleLines = false
    /// Recognise `<message role="…">` tags in static text.
    var messageTags = false
    /// Keep issues reported by scanners (off while re-scanning values whose issues were found already).
    var keepsIssues = true
    /// An open `<message` tag not yet closed by `>`: where it starts and its static text so far.
    private var pendingTag: (position: SourcePosition, text: String, dynamic: Bool)?
    /// `<message>` tags opened and not yet closed; a `</message>` outside them is text.
    private var openMessageTags = 0
    private static let issueLimit = 200

    init(defaultRole: MessageRole) {
        builder = MessageBuilder(defaultRole: defaultRole)
    }

    /// Records a problem (at most `issueLimit` per file, then one summary issue).
    mutating func issue(_ message: String, at position: SourcePosition) {
        guard keepsIssues else { return }
        if issues.count < Self.issueLimit {
            issues.append(ParseIssue(message: message, position: position))
        } else if issues.count == Self.issueLimit {
            issues.append(ParseIssue(message: "further issues omitted", position: position))
        }
    }

    /// Adds issues found elsewhere.
    mutating func addIssues(_ more: [ParseIssue]) {
        for issue in more { self.issue(issue.message, at: issue.position) }
    }

    /// Adds a slot (dropped when it sits inside a `<message>` tag's attributes).
    mutating func slot(_ slot: TemplateSlot) {
        if pendingTag != nil {
            pendingTag?.dynamic = true
            return
        }
        builder.addSlot(slot)
    }

    /// Starts a message with an explicit role.
    mutating func switchRole(_ role: MessageRole, at position: SourcePosition) {
        builder.startMessage(role, at: position)
    }

    /// Adds literal text that needs no marker detection (already decoded).
    mutating func literal(_ text: String, at position: SourcePosition) {
        builder.addText(text, at: position)
    }

    /// Adds the static text of `range` in `source`, splitting messages at role markers.
    mutating func text(_ range: Range<Int>, in source: SourceText) {
        guard !range.isEmpty else { return }
        var start = range.lowerBound
        if pendingTag != nil {
            guard let close = ByteSearch.find(UInt8(ascii: ">"), in: source.bytes, from: start, to: range.upperBound)
            else {
                pendingTag?.text += source.string(start..<range.upperBound)
                return
            }
            pendingTag?.text += source.string(start..<close)
            finishTag()
            start = close + 1
        }
        if messageTags {
            textWithMessageTags(start..<range.upperBound, in: source)
        } else if roleLines {
            textWithRoleLines(start..<range.upperBound, in: source)
        } else {
            plain(start..<range.upperBound, in: source)
        }
    }

    /// Ends reading: reports a `<message` tag left open.
    mutating func finish() -> [TemplateMessage] {
        if let tag = pendingTag {
            issue("`<message` tag is never closed", at: tag.position)
            pendingTag = nil
        }
        return builder.finish()
    }

    private mutating func plain(_ range: Range<Int>, in source: SourceText) {
        guard !range.isEmpty else { return }
        builder.addText(source.string(range), at: source.position(range.lowerBound))
    }

    private mutating func textWithRoleLines(_ range: Range<Int>, in source: SourceText) {
        let bytes = source.bytes
        var emitted = range.lowerBound
        var lineStart = range.lowerBound
        while lineStart < range.upperBound {
            let newline = ByteSearch.find(0x0A, in: bytes, from: lineStart, to: range.upperBound)
            let lineEnd = newline ?? range.upperBound
            let atLineStart = lineStart == 0 || bytes[lineStart - 1] == 0x0A
            let terminated = newline != nil || lineEnd == source.count
            if atLineStart, terminated, lineEnd - lineStart <= 48,
                let role = RoleMarkers.roleLine(bytes[lineStart..<lineEnd])
            {
                plain(emitted..<lineStart, in: source)
                builder.startMessage(role, at: source.position(lineStart))
                emitted = min(lineEnd + 1, range.upperBound)
            }
            lineStart = lineEnd + 1
        }
        plain(emitted..<range.upperBound, in: source)
    }

    private mutating func textWithMessageTags(_ range: Range<Int>, in source: SourceText) {
        let bytes = source.bytes
        var emitted = range.lowerBound
        var i = range.lowerBound
        while let lt = ByteSearch.find(UInt8(ascii: "<"), in: bytes, from: i, to: range.upperBound) {
            i = lt + 1
            if openMessageTags > 0, RoleMarkers.hasPrefix(bytes, at: lt, "</message>") {
                openMessageTags -= 1
                plain(emitted..<lt, in: source)
                builder.endMessage()
                emitted = lt + 10
                i = emitted
            } else if RoleMarkers.hasPrefix(bytes, at: lt, "<message"),
                lt + 8 < bytes.count, [0x20, 0x3E, 0x0A, 0x09].contains(bytes[lt + 8])
            {
                plain(emitted..<lt, in: source)
                pendingTag = (source.position(lt), "", false)
                guard let close = ByteSearch.find(UInt8(ascii: ">"), in: bytes, from: lt, to: range.upperBound) else {
                    pendingTag?.text = source.string(lt..<range.upperBound)
                    return
                }
                pendingTag?.text = source.string(lt..<close)
                finishTag()
                emitted = close + 1
                i = emitted
            }
        }
        plain(emitted..<range.upperBound, in: source)
    }

    /// Closes a pending `<message` tag: with a `role` attribute it opens a message (of unknown role when
    /// the value is a slot); without one it is ordinary text.
    private mutating func finishTag() {
        guard let tag = pendingTag else { return }
        pendingTag = nil
        guard let name = RoleMarkers.roleAttribute(tag.text) else {
            builder.addText(tag.text + ">", at: tag.position)
            return
        }
        openMessageTags += 1
        builder.startMessage(tag.dynamic ? .unknown : RoleNames.role(name) ?? .unknown, at: tag.position)
    }
}

/// Recognisers for role markers written as text.
enum RoleMarkers {
    /// The role of a Prompty/promptflow role line: `system:`, `# user:`, `assistant[name=x]:`.
    static func roleLine(_ line: ArraySlice<UInt8>) -> MessageRole? {
        // Cheap rejection first: a marker ends with `:` (before trailing whitespace).
        guard let last = line.lastIndex(where: { !JinjaScanner.isSpace($0) }), line[last] == UInt8(ascii: ":") else {
            return nil
        }
        var s = Substring(String(decoding: line, as: UTF8.self))
        s = s.drop(while: { $0 == " " || $0 == "\t" })
        if s.first == "#" { s = s.dropFirst().drop(while: { $0 == " " || $0 == "\t" }) }
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        guard s.last == ":" else { return nil }
        s = s.dropLast()
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        if s.last == "]", let open = s.firstIndex(of: "[") { s = s[..<open] }
        switch s.lowercased() {
        case "system": return .system
        case "user", "human": return .user
        case "assistant": return .assistant
        case "developer": return .developer
        case "function", "tool": return .tool
        default: return nil
        }
    }

    /// The value of a `role="…"` attribute in a tag's text.
    static func roleAttribute(_ tag: String) -> String? {
        guard let r = tag.range(of: "role") else { return nil }
        var rest = tag[r.upperBound...].drop(while: { $0 == " " })
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop(while: { $0 == " " })
        guard let quote = rest.first, quote == "\"" || quote == "'" else {
            return String(rest.prefix(while: { !$0.isWhitespace && $0 != ">" && $0 != "/" }))
        }
        rest = rest.dropFirst()
        guard let end = rest.firstIndex(of: quote) else { return nil }
        return String(rest[..<end])
    }

    /// True when `bytes` holds `prefix` (ASCII) at `offset`.
    static func hasPrefix(_ bytes: [UInt8], at offset: Int, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard offset + n <= bytes.count else { return false }
        return prefix.withUTF8Buffer { p in
            for k in 0..<n where bytes[offset + k] != p[k] { return false }
            return true
        }
    }
}
