/// Collects segments into ordered messages while a reader walks a file.
///
/// Content outside an explicitly started message goes into an implicit message with `defaultRole`,
/// which is dropped when it holds only whitespace.
struct MessageBuilder {
    /// The role of content before (or between) explicit messages.
    var defaultRole: MessageRole
    /// The prompt new messages belong to, in files holding several alternative prompts.
    var promptIndex = 0
    private(set) var messages: [TemplateMessage] = []
    private var current: TemplateMessage?
    private var currentIsImplicit = true

    init(defaultRole: MessageRole) {
        self.defaultRole = defaultRole
    }

    /// The role content is currently added to.
    var role: MessageRole { current?.role ?? defaultRole }

    /// Ends the current message and starts an explicit one with `role` at `position`.
    mutating func startMessage(_ role: MessageRole, at position: SourcePosition, cacheBreakpoint: Bool = false) {
        flush()
        current = TemplateMessage(
            role: role, segments: [], position: position, hasCacheBreakpoint: cacheBreakpoint, promptIndex: promptIndex)
        currentIsImplicit = false
    }

    /// Ends the current message; later content opens an implicit one.
    mutating func endMessage() {
        flush()
    }

    /// Marks the current message as carrying a cache breakpoint.
    mutating func markCacheBreakpoint() {
        current?.hasCacheBreakpoint = true
    }

    /// Adds static text that starts at `position`.
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

    /// Ends the current message and returns all messages.
    mutating func finish() -> [TemplateMessage] {
        flush()
        return messages
    }

    private mutating func ensureMessage(at position: SourcePosition) {
        if current == nil {
            current = TemplateMessage(role: defaultRole, segments: [], position: position, promptIndex: promptIndex)
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

/// Role names as formats spell them.
enum RoleNames {
    /// The role for a name such as `system`, `human`, `model` or `ai` (case-insensitive).
    static func role(_ name: String) -> MessageRole? {
        switch name.lowercased() {
        case "system", "system_message", "systemmessage", "systemmessageprompttemplate": return .system
        case "developer": return .developer
        case "user", "human", "human_message", "humanmessage", "humanmessageprompttemplate": return .user
        case "assistant", "ai", "model", "bot", "ai_message", "aimessage", "aimessageprompttemplate": return .assistant
        case "tool", "function", "tool_message", "toolmessage", "functionmessage": return .tool
        case "tools": return .tools
        default: return nil
        }
    }
}
