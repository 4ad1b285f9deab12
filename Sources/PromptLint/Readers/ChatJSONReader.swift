/// Reads chat-shaped JSON: OpenAI and Anthropic request bodies, Gemini `contents`, and promptfoo
/// `[{role, content}]` arrays, in request order (tools, then system, then messages).
///
/// String contents are scanned as Nunjucks/Jinja (promptfoo renders them so); `cache_control` on a
/// tool, system block, message or content block sets `hasCacheBreakpoint` on its message; literal
/// timestamps and ids stay static text.
enum ChatJSONReader {
    /// True when `root` looks like a chat request or message array.
    static func isChat(_ root: DocValue) -> Bool {
        switch root {
        case .array(let items, _): return isMessageArray(items)
        case .object:
            for key in ["messages", "contents", "system", "systemInstruction", "system_instruction"] where root[key] != nil {
                return true
            }
            return root["input"]?.elements.map(isMessageArray) ?? false
        default: return false
        }
    }

    /// A non-empty array of objects with `role` (or Gemini `parts`), allowing template tags between them.
    static func isMessageArray(_ items: [DocValue]) -> Bool {
        var messages = 0
        for item in items {
            switch item {
            case .object:
                if item["role"] == nil && item["parts"] == nil { return false }
                messages += 1
            case .template: continue
            default: return false
            }
        }
        return messages > 0
    }

    /// Adds the messages of `root` to `sink`. Scanning a value never reports issues twice: callers
    /// validate the whole file's template syntax once.
    static func read(_ root: DocValue, file: SourceText, into sink: inout TemplateSink) {
        let keeps = sink.keepsIssues
        sink.keepsIssues = false
        defer { sink.keepsIssues = keeps }
        if case .array(let items, _) = root {
            messages(items, file: file, into: &sink)
            return
        }
        let tools = root["tools"] ?? root["functions"]
        if let tools {
            sink.switchRole(.tools, at: file.position(tools.offset))
            if hasCacheControl(tools) { sink.builder.markCacheBreakpoint() }
            raw(tools, file: file, into: &sink)
        }
        for key in ["system", "systemInstruction", "system_instruction", "instructions"] {
            guard let system = root[key] else { continue }
            sink.switchRole(.system, at: file.position(system.offset))
            content(system["parts"] ?? system, file: file, into: &sink)
        }
        if let list = (root["messages"] ?? root["contents"] ?? root["input"]) {
            if let items = list.elements {
                messages(items, file: file, into: &sink)
            } else {
                sink.switchRole(.user, at: file.position(list.offset))
                content(list, file: file, into: &sink)
            }
        }
        sink.builder.endMessage()
    }

    private static func messages(_ items: [DocValue], file: SourceText, into sink: inout TemplateSink) {
        for item in items {
            if case .template(let range) = item {
                if let slot = JinjaScanner.structuralSlot(file, range: range) {
                    sink.switchRole(.unknown, at: slot.position)
                    sink.slot(slot)
                }
                continue
            }
            let roleName = item["role"]?.string ?? item["type"]?.string ?? ""
            let role = RoleNames.role(roleName) ?? .unknown
            sink.switchRole(role, at: file.position(item.offset))
            if item["cache_control"] != nil { sink.builder.markCacheBreakpoint() }
            if let body = item["content"] ?? item["parts"] ?? item["text"] {
                content(body, file: file, into: &sink)
            } else {
                raw(item, file: file, into: &sink)
            }
        }
    }

    /// A message's content: a string, or blocks (`{type: "text", text}`, Gemini parts, tool calls).
    private static func content(_ value: DocValue, file: SourceText, into sink: inout TemplateSink) {
        switch value {
        case .string(let s):
            JinjaScanner.scan(s.source(in: file), into: &sink)
        case .array(let blocks, _):
            for block in blocks {
                if block["cache_control"] != nil { sink.builder.markCacheBreakpoint() }
                if case .string(let s) = block {
                    JinjaScanner.scan(s.source(in: file), into: &sink)
                } else if case .string(let s)? = block["text"] {
                    JinjaScanner.scan(s.source(in: file), into: &sink)
                } else {
                    raw(block, file: file, into: &sink)
                }
            }
        case .object:
            if value["cache_control"] != nil { sink.builder.markCacheBreakpoint() }
            if case .string(let s)? = value["text"] {
                JinjaScanner.scan(s.source(in: file), into: &sink)
            } else {
                raw(value, file: file, into: &sink)
            }
        case .template(let range):
            JinjaScanner.scan(file, range: range, into: &sink)
        case .scalar:
            raw(value, file: file, into: &sink)
        }
    }

    /// A value sent as written (tool definitions, tool calls, images): its JSON text, with any template tags as slots.
    private static func raw(_ value: DocValue, file: SourceText, into sink: inout TemplateSink) {
        let range = value.range
        if range.isEmpty {
            sink.literal(value.flatText(limit: 10_000), at: file.position(value.offset))
        } else {
            JinjaScanner.scan(file, range: range, into: &sink)
        }
    }

    /// True when a value or anything inside it (to a bounded depth) has `cache_control`.
    static func hasCacheControl(_ value: DocValue) -> Bool {
        var stack: [(DocValue, Int)] = [(value, 0)]
        while let (v, depth) = stack.popLast() {
            if v["cache_control"] != nil { return true }
            guard depth < 32 else { continue }
            if let items = v.elements { stack += items.map { ($0, depth + 1) } }
            if let pairs = v.pairs { stack += pairs.map { ($0.value, depth + 1) } }
        }
        return false
    }
}
