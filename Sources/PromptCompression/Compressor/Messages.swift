import Foundation

/// Which string values of an OpenAI or Anthropic request are message text of the chosen roles.
enum MessagesSelection {
    /// Words in raw JSON string content (runs separated by spaces or escaped whitespace).
    static func wordCount(_ raw: ArraySlice<UInt8>) -> Int {
        var n = 0
        var inWord = false
        var previous: UInt8 = 0
        for b in raw {
            let space = b == 32 || (previous == 92 && (b == UInt8(ascii: "n") || b == UInt8(ascii: "t")))
            if space { inWord = false } else if !inWord { inWord = true; n += 1 }
            previous = b
        }
        return n
    }

    /// What messages mode compresses in a request: a predicate choosing the message contents of `roles`, and the
    /// last user message (kept verbatim and used as the question unless `compressLastUser`).
    struct Selection {
        /// True for a string value that is compressed.
        let select: (JSONStringScanner.StringValue) -> Bool
        /// The text of the last `user` message (its string content, or its text blocks joined by newlines), when
        /// it is kept verbatim; nil when there is none or `compressLastUser` was given.
        let keptQuestion: String?
    }

    /// The selection of the message contents of `roles` in the request `bytes`.
    /// - Throws: `CompressionError.invalidJSON` or `.notAMessagesRequest`.
    static func selection(_ bytes: [UInt8], roles: Set<String>, compressLastUser: Bool) throws -> Selection {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) } catch {
            throw CompressionError.invalidJSON(offset: 0, reason: "does not parse")
        }
        var messages: [Any]
        var rootKey: JSONStringScanner.PathComponent?
        if let array = object as? [Any] {
            messages = array
        } else if let dict = object as? [String: Any] {
            guard let m = dict["messages"] as? [Any] else { throw CompressionError.notAMessagesRequest("no \"messages\" array") }
            messages = m
            rootKey = .key("messages")
        } else {
            throw CompressionError.notAMessagesRequest("not an object or array")
        }
        var roleOf: [Int: String] = [:]
        for (i, m) in messages.enumerated() {
            if let d = m as? [String: Any], let role = d["role"] as? String { roleOf[i] = role.lowercased() }
        }
        let lastUser = compressLastUser ? nil : roleOf.filter { $0.value == "user" }.keys.max()
        let wanted = Set(roles.map { $0.lowercased() })
        func roleWanted(_ role: String) -> Bool {
            wanted.contains(role) || (role == "developer" && wanted.contains("system"))
        }
        let select: (JSONStringScanner.StringValue) -> Bool = { value in
            var path = value.path[...]
            if let rootKey {
                // Anthropic's top-level system prompt: a string or text blocks.
                if path.first == .key("system") {
                    let rest = path.dropFirst()
                    return wanted.contains("system") && (rest.isEmpty || (rest.count == 2 && rest.last == .key("text")))
                }
                guard path.first == rootKey else { return false }
                path = path.dropFirst()
            }
            guard case .index(let i)? = path.first, i != lastUser, let role = roleOf[i], roleWanted(role) else { return false }
            let rest = Array(path.dropFirst())
            if rest == [.key("content")] { return true }
            if rest.count == 3, rest[0] == .key("content"), case .index = rest[1], rest[2] == .key("text") { return true }
            return false
        }
        return Selection(select: select, keptQuestion: lastUser.flatMap { messageText(messages[$0]) })
    }

    /// A message's text: its string content, or the `text` of its content blocks joined by newlines.
    static func messageText(_ message: Any) -> String? {
        guard let content = (message as? [String: Any])?["content"] else { return nil }
        if let text = content as? String { return text }
        let parts = (content as? [Any] ?? []).compactMap { ($0 as? [String: Any])?["text"] as? String }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }

    /// The end of `text` that fits a question (`CompressionOptions.maxQuestionBytes`), cut at a character
    /// boundary: a long last message usually ends with its question.
    static func questionSized(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.utf8.count > CompressionOptions.maxQuestionBytes else { return trimmed }
        var tail = trimmed.utf8.suffix(CompressionOptions.maxQuestionBytes)[...]
        while let first = tail.first, first & 0xC0 == 0x80 { tail = tail.dropFirst() }  // a UTF-8 continuation byte
        return String(decoding: tail, as: UTF8.self)
    }
}

extension PromptCompressor {
    /// Compresses the message texts of an OpenAI (chat completions) or Anthropic (messages) request body, or
    /// a bare array of messages, keeping everything else byte for byte. The ratio applies to the chosen
    /// message texts (their raw JSON string contents); `result.text` is the request JSON with shorter texts.
    /// - Parameters:
    ///   - roles: roles whose text is compressed (default user and system; `developer` counts as system;
    ///     Anthropic's top-level `system` counts as system).
    ///   - options: with `compressLastUser` false (the default) the last `user` message is kept verbatim and,
    ///     when `question` is nil, is the question for question-aware compression of the rest, as LLMLingua
    ///     keeps the question; its tokens are then not counted in the ratio.
    /// - Throws: `CompressionError` for a bad ratio, JSON that does not parse, or no messages.
    public func compressMessages(
        _ requestJSON: String, ratio: Double, roles: Set<String> = ["user", "system"], options: CompressionOptions = .init()
    ) throws -> CompressionResult {
        guard ratio > 0, ratio <= 1, ratio.isFinite else { throw CompressionError.invalidRatio(ratio) }
        let (text, options) = try Self.segmentMessages(requestJSON, roles: roles, options: options)
        return try run(text, budget: .ratio(ratio), options: options)
    }

    /// Compresses the message texts of a request to about `targetTokens` tokens of message text.
    /// - Throws: `CompressionError` for a non-positive target, JSON that does not parse, or no messages.
    public func compressMessages(
        _ requestJSON: String, targetTokens: Int, roles: Set<String> = ["user", "system"], options: CompressionOptions = .init()
    ) throws -> CompressionResult {
        guard targetTokens > 0 else { throw CompressionError.invalidTargetTokens(targetTokens) }
        let (text, options) = try Self.segmentMessages(requestJSON, roles: roles, options: options)
        return try run(text, budget: .tokens(targetTokens), options: options)
    }

    /// The request segmented for compression, and the options with the kept last user message as the question
    /// when none was given.
    static func segmentMessages(
        _ json: String, roles: Set<String>, options: CompressionOptions
    ) throws -> (SegmentedText, CompressionOptions) {
        guard !json.allSatisfy(\.isWhitespace) else { throw CompressionError.emptyInput }
        let bytes = Array(json.utf8)
        let values: [JSONStringScanner.StringValue]
        do { values = try JSONStringScanner.scan(bytes) } catch {
            throw CompressionError.invalidJSON(offset: error.offset, reason: error.reason)
        }
        let selection = try MessagesSelection.selection(bytes, roles: roles, compressLastUser: options.compressLastUser)
        var options = options
        if options.question == nil, let kept = selection.keptQuestion {
            options.question = MessagesSelection.questionSized(kept)
        }
        let settings = Segmenter.Settings(keepDigits: options.keepDigits, forceWords: options.forceWords)
        let text = Segmenter.segmentJSON(bytes, values: values, settings: settings, countAll: false, select: selection.select)
        return (text, options)
    }
}

extension PromptCompressor {
    /// Checks that `json` is a request this library can compress under messages mode, without a model.
    /// - Throws: `CompressionError.emptyInput`, `.invalidJSON` or `.notAMessagesRequest`.
    public static func validateMessages(_ json: String) throws {
        guard !json.allSatisfy(\.isWhitespace) else { throw CompressionError.emptyInput }
        let bytes = Array(json.utf8)
        do { _ = try JSONStringScanner.scan(bytes) } catch {
            throw CompressionError.invalidJSON(offset: error.offset, reason: error.reason)
        }
        _ = try MessagesSelection.selection(bytes, roles: [], compressLastUser: true)
    }
}
