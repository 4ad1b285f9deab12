import SafeIO

/// A JSON value that keeps what a pass-through needs: object keys in their original order and numbers as their
/// original literal text, so examples come back out the way they went in.
public indirect enum FewShotJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number, kept as its literal text (`1.50` stays `1.50`).
    case number(String)
    case string(String)
    case array([FewShotJSON])
    /// Members in source order.
    case object([FewShotJSONMember])

    /// The string value, or nil for any other kind.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The value of the first member named `key` of an object, or nil.
    public subscript(key: String) -> FewShotJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The JSON kind, for error messages.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Compact, deterministic JSON text (`", "` and `": "` separators, members in stored order).
    public var serialized: String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let literal): out += literal
        case .string(let s): out += FewShotJSON.quoted(s)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.write(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += ", " }
                out += FewShotJSON.quoted(member.key) + ": "
                member.value.write(into: &out)
            }
            out += "}"
        }
    }

    /// `s` as a JSON string literal (RFC 8259 escapes; other characters as they are).
    public static func quoted(_ s: String) -> String { TextEscaping.jsonQuoted(s) }
}

/// One member of a JSON object.
public struct FewShotJSONMember: Sendable, Hashable {
    /// The member's name.
    public var key: String
    /// The member's value.
    public var value: FewShotJSON

    /// A member named `key` holding `value`.
    public init(key: String, value: FewShotJSON) {
        self.key = key
        self.value = value
    }
}
