import Foundation

extension SourceAnalysis {
    /// A class for a member of an object named for the conversation (`conversationContext.previousInteractions`,
    /// `chatHistory.startTime`) whose own name does not say it holds turns, in a TypeScript module: one field of
    /// that object, not the conversation. A member the module declares a number or boolean (`previousInteractions:
    /// number;`) is a count or a flag of unknown volatility; a member whose own name says what it is
    /// (`userEmotionalState`, `sessionStartTime`) is classed by it. Nil when the conversation word is in the member
    /// itself (`context.chatHistory`, `conversation.messages`), or the member says nothing and is not declared.
    func conversationMemberClass(_ variable: String?) -> SlotClass? {
        guard module.language == .script, let variable else { return nil }
        let parts = variable.split(separator: ".").map(String.init)
        guard parts.count >= 2, let member = parts.last, !member.isEmpty,
            member.allSatisfy(\.isNameCharacter),
            Set(NameTokens.split(member)).isDisjoint(with: VolatilityKeywords.history),
            let whole = SlotClassifier().nameClass(of: variable), whole.kind == .history
        else { return nil }
        let escaped = NSRegularExpression.escapedPattern(for: member)
        let declaration = #"(?m)(?<![\w$.])"# + escaped + #"\??\s*:\s*(?:number|boolean|bigint)\s*(?:[;,}]|$)"#
        if source.text.range(of: declaration, options: .regularExpression) != nil {
            return SlotClass(
                volatility: .unknown, kind: .value,
                reason: "`\(variable)` is declared a number or boolean in this module, a count or flag of the conversation, not its turns")
        }
        guard var own = SlotClassifier().nameClass(of: member),
            ![.history, .documents, .attachment].contains(own.kind)
        else { return nil }
        own.evidence = .name
        return own
    }
}
