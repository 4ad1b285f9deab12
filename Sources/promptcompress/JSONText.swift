import Foundation
import PromptCompression

/// Minimal deterministic JSON writing: strings escaped per RFC 8259, numbers printed the same way every run.
enum JSONText {
    /// `s` as a JSON string literal (the one RFC 8259 escaper of the compression library).
    static func string(_ s: String) -> String { FewShotJSON.quoted(s) }

    /// A float with six decimals (enough for log-probabilities), or `null`.
    static func number(_ value: Float?) -> String {
        guard let value, value.isFinite else { return "null" }
        return String(format: "%.6f", Double(value))
    }
}
