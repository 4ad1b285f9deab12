import Foundation

/// Request bodies that carry the whole conversation: a chat client posts its thread (`messages`) on every
/// message, with the chat's own state beside it (`{ messages, systemPrompt, concepts } = await req.json()`).
/// Those other fields stay the same across the chat's messages (a saved system prompt, a study set, the
/// user's settings), so they count like a per-user value; a field named for this message's input or
/// attachments, a time, an id or retrieved text keeps counting per request.
extension SourceAnalysis {
    /// True when a field's name says it holds the chat's settings (`systemPrompt`, `coachPersonality`, `settings`).
    static func namesChatSettings(_ key: String) -> Bool {
        !Set(NameTokens.split(key)).isDisjoint(with: ["system", "persona", "personality", "settings", "config", "preferences"])
    }

    /// True when a field `key` read from a request body is the chat's state by its name: a name that
    /// says nothing, a per-user or setting name, or a system prompt or persona the client keeps.
    static func holdsChatState(_ key: String) -> Bool {
        if namesChatSettings(key) { return true }
        let words = Set(NameTokens.split(key))
        // `images`, `files`: what this message attaches, as `question` is what it asks.
        let singular = Set(words.map { $0.count > 3 && $0.hasSuffix("s") ? String($0.dropLast()) : $0 })
        if !singular.isDisjoint(with: VolatilityKeywords.input) || namesAttachments(key) { return false }
        guard let named = SlotClassifier().nameClass(of: key) else { return true }
        return named.volatility <= .perUser && named.kind == .value
    }

    /// True when a field's name says it holds files attached to a message (`attachments`, `files`, `uploads`).
    static func namesAttachments(_ key: String) -> Bool {
        !Set(NameTokens.split(key)).isDisjoint(with: VolatilityKeywords.attachments)
    }

    /// True when a field read from the chat's posted state (`data`, the value of `{ messages, data } = await
    /// req.json()`) names what this message attaches (`data.attachments`, `data.files`): a chat client posts the
    /// files with the message that carries them and clears them after the send, so they change per request.
    func readsMessageAttachments(_ key: String, of owner: ValueTrace) -> Bool {
        guard let v = owner.volatile, v.source.what == VolatileSources.chatState.what else { return false }
        return Self.namesAttachments(key)
    }

    /// True when another field destructured from the same request body (`body`, the value of a
    /// `const { … } = await req.json()`) is named for the conversation (`messages`, `history`).
    func bodyCarriesConversation(_ body: SourceNode, besides key: String) -> Bool {
        let classifier = SlotClassifier()
        for scope in scopes {
            for values in scope.assignments.values {
                for value in values {
                    guard case .member(let other, let field) = value.kind, other.range == body.range, value.range == body.range,
                        field != key, classifier.nameClass(of: field)?.kind == .history
                    else { continue }
                    return true
                }
            }
        }
        return false
    }

    /// True when the code reads a field named for the conversation from the object `name` holds
    /// (`payload.messages` beside `payload.coachPrompt`, where `payload` is the parsed request body).
    func readsConversation(of object: SourceNode, besides key: String) -> Bool {
        guard case .name(let name) = object.kind else { return false }
        let tokens = module.tokens
        let classifier = SlotClassifier()
        guard tokens.count >= 3 else { return false }
        for i in 0..<(tokens.count - 2) where tokens[i].kind == .name && tokens[i].text == name {
            guard tokens[i + 1].kind == .op, tokens[i + 1].text == "." || tokens[i + 1].text == "?.", tokens[i + 2].kind == .name
            else { continue }
            let field = tokens[i + 2].text
            if field != key, classifier.nameClass(of: field)?.kind == .history { return true }
        }
        return false
    }
}
