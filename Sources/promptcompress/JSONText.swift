import Foundation

/// Minimal deterministic JSON writing: strings escaped per RFC 8259, numbers printed the same way every run.
enum JSONText {
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A float with six decimals (enough for log-probabilities), or `null`.
    static func number(_ value: Float?) -> String {
        guard let value, value.isFinite else { return "null" }
        return String(format: "%.6f", Double(value))
    }
}
