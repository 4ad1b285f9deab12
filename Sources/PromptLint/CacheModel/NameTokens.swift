/// Splits identifiers and expressions into lower-case word tokens:
/// `customer.firstName` → `customer first name`, `$chat_history` → `chat history`.
enum NameTokens {
    static func split(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var previousLower = false
        func flush() {
            if !current.isEmpty { tokens.append(current.lowercased()) }
            current = ""
        }
        let characters = Array(text)
        for (i, ch) in characters.enumerated() {
            if ch.isLetter || ch.isNumber {
                // `buildDCOSPrompt`: an acronym ends where its last capital starts a lowercase word.
                let startsWord = i + 1 < characters.count && characters[i + 1].isLowercase
                    && current.count > 1 && current.last?.isUppercase == true
                if ch.isUppercase && (previousLower || startsWord) { flush() }
                current.append(ch)
                previousLower = ch.isLowercase || ch.isNumber
            } else {
                flush()
                previousLower = false
            }
        }
        flush()
        return tokens
    }

    /// The identifier path an expression reads, without filters, call arguments or string literals:
    /// `user.name | upper` → `user.name`; `recall $input` → `recall $input`.
    static func head(of expression: String) -> String {
        var text = expression.trimmingCharacters(in: .whitespaces)
        for marker in ["|", "(", "\"", "'", "=", "}"] {
            if let r = text.range(of: marker) { text = String(text[..<r.lowerBound]) }
        }
        return text.trimmingCharacters(in: .whitespaces)
    }
}

import Foundation
