import Foundation
import SafeIO

/// A JSON value with a deterministic serializer (sorted keys, two-space indent), used by the
/// JSON and SARIF reporters so output is byte-stable across platforms.
public indirect enum JSONValue: Sendable, Hashable {
    /// A string.
    case string(String)
    /// An integer.
    case int(Int)
    /// A number with a fraction (savings figures in USD).
    case number(Double)
    /// A boolean.
    case bool(Bool)
    /// null.
    case null
    /// An array.
    case array([JSONValue])
    /// An object (serialized with sorted keys).
    case object([String: JSONValue])

    /// Pretty-printed JSON with sorted keys.
    public func serialized(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .string(let s): return Self.quote(s)
        case .int(let i): return String(i)
        case .number(let d): return Self.formatNumber(d)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.serialized(indent: indent + 1) }.joined(separator: ",\n") + "\n" + closePad + "]"
        case .object(let map):
            if map.isEmpty { return "{}" }
            let body = map.keys.sorted().map { pad + Self.quote($0) + ": " + map[$0]!.serialized(indent: indent + 1) }
            return "{\n" + body.joined(separator: ",\n") + "\n" + closePad + "}"
        }
    }

    static func quote(_ s: String) -> String { TextEscaping.jsonQuoted(s) }
}
