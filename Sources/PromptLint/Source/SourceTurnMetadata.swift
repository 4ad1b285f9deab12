/// A conversation turn written as a record (`{ role: "user", content: text, ts: Date.now() }`) carries the
/// time it was received beside its text. The provider is sent the role and the content; the timestamp is
/// the app's bookkeeping, stored with the turn and the same on every later request. Code that shows it to
/// the model reads the field itself (`[${formatTs(m.ts)}] ${m.content}`), and that read is traced on its
/// own, so the record as a whole (a history handed to a summarizer, a list passed on) does not take the
/// clock from it.
extension SourceAnalysis {
    /// Words of a record field's name that make it the time a turn was written (`ts`, `timestamp`,
    /// `created_at`, `sentAt`).
    private static let turnTimeWords: Set<String> = ["ts", "timestamp", "time", "date", "datetime", "created", "sent", "updated"]

    /// True for an entry of `entries` that is the timestamp of a conversation turn: the record has a `role`
    /// and a `content` (or `parts`, `text`) entry, and the entry's key is named for a time.
    static func isTurnTimestamp(_ entry: SourceEntry, in entries: [SourceEntry]) -> Bool {
        guard let key = entry.keyName, !Set(NameTokens.split(key)).isDisjoint(with: turnTimeWords) else { return false }
        let keys = Set(entries.compactMap(\.keyName))
        return keys.contains("role") && !keys.isDisjoint(with: ["content", "parts", "text"])
    }
}
