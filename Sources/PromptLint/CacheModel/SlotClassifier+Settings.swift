import Foundation

/// Fields of settings and configuration objects are deployment constants: `settings.model_name`,
/// `config.persona`, `get_settings().tone`, `self.config.rules`, `app.config["GREETING"]`, `os.environ["X"]`,
/// `os.getenv("X")`, `process.env.X`. The expression's shape (a field read from the object that holds the
/// deployment's configuration) is the evidence, whatever the field is called; objects that belong to a
/// user, session or request (`user_settings.x`, `request.config`) are left to the other rules.
extension SlotClassifier {
    private static let settingsObject: NSRegularExpression? = try? NSRegularExpression(
        pattern: #"^(?:(?:self|this|cls)\.)?(?:([A-Za-z_]*?)_?(?:settings|config|configuration|cfg|conf)|get_(?:settings|config)\(\)|app\.config|current_app\.config|os\.environ|process\.env|import\.meta\.env)\s*(?:\.[A-Za-z_]|\[)"#,
        options: [.caseInsensitive])
    private static let environmentCall: NSRegularExpression? = try? NSRegularExpression(
        pattern: #"^os\.(?:getenv|environ\.get)\(\s*["'][A-Za-z0-9_]+["']"#)
    private static let perUserOwners: Set<String> = ["user", "users", "customer", "session", "request", "req", "account", "chat", "conversation", "client", "per"]

    /// A constant class for a field of a settings object, or nil.
    func settingsClass(expression: String) -> SlotClass? {
        let text = expression.trimmingCharacters(in: .whitespaces)
        let range = NSRange(text.startIndex..., in: text)
        if let match = Self.settingsObject?.firstMatch(in: text, range: range) {
            if let ownerRange = Range(match.range(at: 1), in: text) {
                let owner = Set(NameTokens.split(String(text[ownerRange])))
                guard owner.isDisjoint(with: Self.perUserOwners) else { return nil }
            }
            let field = String(text.prefix { !$0.isWhitespace && $0 != "|" })
            return SlotClass(
                volatility: .constant, kind: .value,
                reason: "`\(field)` reads a settings object, fixed per deployment")
        }
        if Self.environmentCall?.firstMatch(in: text, range: range) != nil {
            return SlotClass(volatility: .constant, kind: .value, reason: "`\(text)` reads an environment variable, fixed per deployment")
        }
        return nil
    }
}
