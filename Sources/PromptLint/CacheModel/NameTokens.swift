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
        let chars = Array(text)
        for (k, ch) in chars.enumerated() {
            if ch.isLetter || ch.isNumber {
                // `DCOSPrompt`, `HTMLParser`: an acronym ends before the capital that starts a word (two
                // lower-case letters follow it), so `userIDs` and `URLs` stay one token each.
                let endsAcronym = ch.isUppercase && !previousLower && !current.isEmpty && k + 2 < chars.count
                    && chars[k + 1].isLowercase && chars[k + 2].isLowercase
                if ch.isUppercase && (previousLower || endsAcronym) { flush() }
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
