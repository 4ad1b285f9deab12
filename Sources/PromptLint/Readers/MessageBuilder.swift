/// Collects segments into ordered messages while a reader walks a file.
///
/// Text before the first explicit role switch goes into an implicit message with `defaultRole`,
/// which is dropped when it holds only whitespace.
struct MessageBuilder {
    let source: SourceText
    let defaultRole: MessageRole
    private(set) var messages: [TemplateMessage] = []
    private var current: TemplateMessage?
    private var currentIsImplicit = true

    init(source: SourceText, defaultRole: MessageRole) {
        self.source = source
        self.defaultRole = defaultRole
    }

    /// The role segments are currently added to.
    var role: MessageRole { current?.role ?? defaultRole }

    /// Ends the current message and starts one with `role` at `offset`.
    mutating func startMessage(_ role: MessageRole, at offset: Int, cacheBreakpoint: Bool = false) {
        flush()
        current = TemplateMessage(
            role: role, segments: [], position: source.position(offset), hasCacheBreakpoint: cacheBreakpoint)
        currentIsImplicit = false
    }

    /// Ends the current message and starts one with `role` at a known position.
    mutating func startMessage(_ role: MessageRole, at position: SourcePosition, cacheBreakpoint: Bool = false) {
        flush()
        current = TemplateMessage(role: role, segments: [], position: position, hasCacheBreakpoint: cacheBreakpoint)
        currentIsImplicit = false
    }

    /// Marks the current message as carrying a cache breakpoint.
    mutating func markCacheBreakpoint() {
        current?.hasCacheBreakpoint = true
    }

    /// Adds the source bytes in `range` as static text.
    mutating func addText(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        addText(source.string(range), at: source.position(range.lowerBound))
    }

    /// Adds static text that starts at `position` (for text decoded from escapes, such as JSON strings).
    mutating func addText(_ text: String, at position: SourcePosition) {
        guard !text.isEmpty else { return }
        ensureMessage(at: position)
        current?.segments.append(.text(text, position))
    }

    /// Adds a slot.
    mutating func addSlot(_ slot: TemplateSlot) {
        ensureMessage(at: slot.position)
        current?.segments.append(.slot(slot))
    }

    /// Adds already-built segments.
    mutating func addSegments(_ segments: [TemplateSegment]) {
        for segment in segments {
            switch segment {
            case .text(let t, let p): addText(t, at: p)
            case .slot(let s): addSlot(s)
            }
        }
    }

    /// Ends the current message and returns all messages.
    mutating func finish() -> [TemplateMessage] {
        flush()
        return messages
    }

    private mutating func ensureMessage(at position: SourcePosition) {
        if current == nil {
            current = TemplateMessage(role: defaultRole, segments: [], position: position)
            currentIsImplicit = true
        }
    }

    private mutating func flush() {
        guard let message = current else { return }
        current = nil
        if currentIsImplicit && message.segments.allSatisfy(\.isBlankText) { return }
        messages.append(message)
    }
}

extension TemplateSegment {
    /// True for a text segment of only whitespace.
    var isBlankText: Bool {
        if case .text(let t, _) = self { return t.allSatisfy(\.isWhitespace) }
        return false
    }
}
