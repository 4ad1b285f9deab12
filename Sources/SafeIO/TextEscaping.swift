/// The one escaper for text written into JSON strings, XML documents and terminal messages: each form is a
/// rule per Unicode scalar over one shared loop, and text that needs no escaping is returned as it is.
public enum TextEscaping {
    /// What becomes of one scalar.
    enum Replacement {
        case keep
        case drop
        case text(String)
    }

    /// `text` as a JSON string literal, quotes included (RFC 8259): `"` and `\` escaped, `\n`, `\r`, `\t`, other
    /// control characters below U+0020 as `\u00xx` (lowercase hex); everything else as it is.
    public static func jsonQuoted(_ text: String) -> String {
        "\"" + apply(text) { scalar in
            switch scalar {
            case "\"": return .text("\\\"")
            case "\\": return .text("\\\\")
            case "\n": return .text("\\n")
            case "\r": return .text("\\r")
            case "\t": return .text("\\t")
            case _ where scalar.value < 0x20: return .text("\\u" + hex(scalar.value, width: 4, uppercase: false))
            default: return .keep
            }
        } + "\""
    }

    /// `text` for XML attribute values and content: `& < > " '` as entities, a newline as `&#10;`, and the
    /// other control characters below U+0020 but tab dropped (XML 1.0 cannot hold them).
    public static func xml(_ text: String) -> String {
        apply(text) { scalar in
            switch scalar {
            case "&": return .text("&amp;")
            case "<": return .text("&lt;")
            case ">": return .text("&gt;")
            case "\"": return .text("&quot;")
            case "'": return .text("&apos;")
            case "\n": return .text("&#10;")
            case _ where scalar.value < 0x20 && scalar != "\t": return .drop
            default: return .keep
            }
        }
    }

    /// `text` for a one-line terminal message: control characters (C0, DEL, C1, line and paragraph separators)
    /// as `\n`, `\t`, `\r` or `\u{XX}` (uppercase hex), so input cannot move the cursor or split the line.
    public static func display(_ text: String) -> String {
        apply(text) { scalar in
            switch scalar {
            case "\n": return .text("\\n")
            case "\t": return .text("\\t")
            case "\r": return .text("\\r")
            case _ where isControl(scalar): return .text("\\u{" + hex(scalar.value, width: 1, uppercase: true) + "}")
            default: return .keep
            }
        }
    }

    /// `text` as the data of a GitHub Actions workflow command (`::warning …::data`): `%`, CR and LF
    /// percent-encoded as the runner decodes them (a line break stays a line break in the annotation), and the
    /// other control characters as `display` writes them, so input cannot reach the workflow log as escape
    /// sequences or start a command of its own.
    public static func workflowCommandData(_ text: String) -> String {
        apply(text) { scalar in
            switch scalar {
            case "%": return .text("%25")
            case "\r": return .text("%0D")
            case "\n": return .text("%0A")
            case _ where isControl(scalar): return .text("\\u{" + hex(scalar.value, width: 1, uppercase: true) + "}")
            default: return .keep
            }
        }
    }

    /// Whether a scalar is a control character for terminal output.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
    }

    /// `text` with each scalar replaced as `rule` says; `text` itself when every scalar is kept.
    static func apply(_ text: String, _ rule: (Unicode.Scalar) -> Replacement) -> String {
        guard let first = text.unicodeScalars.firstIndex(where: { if case .keep = rule($0) { false } else { true } }) else {
            return text
        }
        var out = ""
        out.unicodeScalars.append(contentsOf: text.unicodeScalars[..<first])
        for scalar in text.unicodeScalars[first...] {
            switch rule(scalar) {
            case .keep: out.unicodeScalars.append(scalar)
            case .drop: break
            case .text(let replacement): out += replacement
            }
        }
        return out
    }

    /// `value` in hexadecimal, zero-padded to `width` digits.
    static func hex(_ value: UInt32, width: Int, uppercase: Bool) -> String {
        let digits = String(value, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
