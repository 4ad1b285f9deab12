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

    /// A predicate choosing the message contents of `roles` in the request `bytes`.
    /// - Throws: `CompressionError.invalidJSON` or `.notAMessagesRequest`.
    static func predicate(_ bytes: [UInt8], roles: Set<String>) throws -> (JSONStringScanner.StringValue) -> Bool {
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
        let wanted = Set(roles.map { $0.lowercased() })
        func roleWanted(_ role: String) -> Bool {
            wanted.contains(role) || (role == "developer" && wanted.contains("system"))
        }
        return { value in
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
            guard case .index(let i)? = path.first, let role = roleOf[i], roleWanted(role) else { return false }
            let rest = Array(path.dropFirst())
            if rest == [.key("content")] { return true }
            if rest.count == 3, rest[0] == .key("content"), case .index = rest[1], rest[2] == .key("text") { return true }
            return false
        }
    }
}

extension PromptCompressor {
    /// Compresses the message texts of an OpenAI (chat completions) or Anthropic (messages) request body, or
    /// a bare array of messages, keeping everything else byte for byte. The ratio applies to the chosen
    /// message texts (their raw JSON string contents); `result.text` is the request JSON with shorter texts.
    /// - Parameters:
    ///   - roles: roles whose text is compressed (default user and system; `developer` counts as system;
    ///     Anthropic's top-level `system` counts as system).
    /// - Throws: `CompressionError` for a bad ratio, JSON that does not parse, or no messages.
    public func compressMessages(
        _ requestJSON: String, ratio: Double, roles: Set<String> = ["user", "system"], options: CompressionOptions = .init()
    ) throws -> CompressionResult {
        guard ratio > 0, ratio <= 1, ratio.isFinite else { throw CompressionError.invalidRatio(ratio) }
        return try run(try Self.segmentMessages(requestJSON, roles: roles, options: options), budget: .ratio(ratio), options: options)
    }

    /// Compresses the message texts of a request to about `targetTokens` tokens of message text.
    /// - Throws: `CompressionError` for a non-positive target, JSON that does not parse, or no messages.
    public func compressMessages(
        _ requestJSON: String, targetTokens: Int, roles: Set<String> = ["user", "system"], options: CompressionOptions = .init()
    ) throws -> CompressionResult {
        guard targetTokens > 0 else { throw CompressionError.invalidTargetTokens(targetTokens) }
        return try run(try Self.segmentMessages(requestJSON, roles: roles, options: options), budget: .tokens(targetTokens), options: options)
    }

    static func segmentMessages(_ json: String, roles: Set<String>, options: CompressionOptions) throws -> SegmentedText {
        guard !json.allSatisfy(\.isWhitespace) else { throw CompressionError.emptyInput }
        let bytes = Array(json.utf8)
        let values: [JSONStringScanner.StringValue]
        do { values = try JSONStringScanner.scan(bytes) } catch {
            throw CompressionError.invalidJSON(offset: error.offset, reason: error.reason)
        }
        let select = try MessagesSelection.predicate(bytes, roles: roles)
        let settings = Segmenter.Settings(keepDigits: options.keepDigits, forceWords: options.forceWords)
        return Segmenter.segmentJSON(bytes, values: values, settings: settings, countAll: false, select: select)
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
        _ = try MessagesSelection.predicate(bytes, roles: [])
    }
}
