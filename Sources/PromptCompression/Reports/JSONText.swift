import Foundation

/// Minimal deterministic JSON writing: strings escaped per RFC 8259, numbers printed the same way every run.
/// Shared by `promptcompress --format json` and the server, so both print the same JSON.
public enum JSONText {
    /// `s` as a JSON string literal (the one escaper: `FewShotJSON.quoted`).
    public static func string(_ s: String) -> String { FewShotJSON.quoted(s) }

    /// A float with six decimals (enough for log-probabilities), or `null`.
    public static func number(_ value: Float?) -> String {
        guard let value, value.isFinite else { return "null" }
        return String(format: "%.6f", Double(value))
    }
}
