/// Gemini's REST `generateContent` posted without an SDK: `requests.post(url, json={"system_instruction": {"parts":
/// {"text": system}}, "contents": contents})`, `axios.post(url, { systemInstruction, contents })`.
/// The instruction is sent before the contents, as the SDK's `system_instruction` is (`SourceRequests`).
extension SourceAnalysis {
    /// The system instruction of a Gemini REST body (`system_instruction` or `systemInstruction` beside
    /// `contents`), else nil.
    static func geminiInstruction(of body: SourceNode) -> SourceNode? {
        guard body.entry("contents") != nil else { return nil }
        return body.entry("system_instruction") ?? body.entry("systemInstruction")
    }

    /// The messages of a posted Gemini body: the instruction's text, then the contents when they are the
    /// conversation (turns built in this file or a value named for it). Nil for a body that is not Gemini's, and
    /// for contents that are one prompt (the instruction before a single fixed turn is not a conversation).
    func postedGeminiMessages(_ body: SourceNode, scope: Int) -> [SourceMessage]? {
        guard let instruction = Self.geminiInstruction(of: body), let contents = body.entry("contents") else { return nil }
        let system = content(.system, Self.instructionText(instruction), scope: scope)
        if holdsConversation(contents, scope: scope) { return system + messageList(contents, scope: scope) }
        if namesConversation(contents, scope: scope) { return system + [conversation(contents, scope: scope)] }
        return nil
    }
}
