/// Text from inputs made safe for a one-line terminal message: control characters (C0, DEL, C1, line and
/// paragraph separators) are written as `\n`, `\t` or `\u{XX}` escapes, so a file name or a snippet cannot move
/// the cursor, clear the screen or split a message over lines.
public enum DisplayText {
    /// `text` with control characters escaped (`TextEscaping.display`).
    public static func escaped(_ text: String) -> String { TextEscaping.display(text) }

    /// A path for a message: control characters escaped.
    public static func path(_ path: String) -> String { escaped(path) }

    /// File-name bytes for a message: valid UTF-8 as text, any other byte as `\xHH`, control characters escaped.
    public static func fileName(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return escaped(text) }
        var out = ""
        var i = 0
        while i < bytes.count {
            var decoded = false
            for length in [4, 3, 2, 1] where i + length <= bytes.count {
                if let piece = String(validating: bytes[i..<i + length], as: UTF8.self) {
                    out += escaped(piece)
                    i += length
                    decoded = true
                    break
                }
            }
            if !decoded {
                out += "\\x" + (bytes[i] < 16 ? "0" : "") + String(bytes[i], radix: 16, uppercase: true)
                i += 1
            }
        }
        return out
    }
}
