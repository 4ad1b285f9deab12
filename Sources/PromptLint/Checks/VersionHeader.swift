import Foundation

/// The version header a prompt file may open with: after its title, a block of `label: value` lines naming the
/// prompt's version beside its date, model or author (`> **Version**: v3.0`, `> **Date**: 2026-03-13 15:30`).
/// It records when and how the file was written, so a timestamp in it is the authoring date, the same on every
/// request (PL002 leaves it alone); a value filled per request is a placeholder, which PL001 judges.
enum VersionHeader {
    /// The most lines at the file's start looked at for its title and header.
    static let maxLines = 40
    /// The most bytes at the file's start looked at.
    static let maxBytes = 8_000

    /// The UTF-8 offsets of `source`'s version header, or nil when it opens with none: the first lines after blank
    /// lines and Markdown headings, a blockquote (every `>` line) or else a run of non-blank lines, holding at least
    /// two `label: value` entries, one of them a version (a label naming a version, or a value such as `v3.0`).
    static func range(in source: String) -> Range<Int>? {
        var offset = 0
        var start: Int?
        var end = 0
        var quoted = false
        var entries = 0
        var namesVersion = false
        // Split on the byte of `\n`: a Swift `Character` joins `\r\n` into one, which a split on "\n" would not see.
        for bytes in source.utf8.prefix(maxBytes).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).prefix(maxLines) {
            defer { offset += bytes.count + 1 }
            let trimmed = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if start == nil {
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                start = offset
                quoted = trimmed.hasPrefix(">")
            }
            if trimmed.isEmpty || quoted != trimmed.hasPrefix(">") { break }
            end = offset + bytes.count
            guard let (label, value) = entry(trimmed) else { continue }
            entries += 1
            if isVersion(label: label, value: value) { namesVersion = true }
        }
        guard let start, entries >= 2, namesVersion else { return nil }
        return start..<end
    }

    /// The label and value of a header line (`> **Version**: v3.0`, `- Date: 2026-03-13`), or nil: a label of
    /// at most 24 characters without template syntax, a colon (ASCII or full-width), then a value.
    static func entry(_ line: String) -> (label: String, value: String)? {
        var rest = Substring(line).drop { $0 == ">" || $0 == " " }
        if rest.hasPrefix("- ") || rest.hasPrefix("* ") { rest = rest.dropFirst(2) }
        guard let colon = rest.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let label = rest[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "* _"))
        let value = rest[rest.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: "* _"))
        guard !label.isEmpty, label.count <= 24, !value.isEmpty, !label.contains("{"), !label.contains("$") else { return nil }
        return (label, value)
    }

    /// True when an entry names the prompt's version: its label says version (`Version`, `版本`, `バージョン`) or its
    /// value is a version number (`v3`, `v3.0`, `2.1.0`; not a setting such as `0.7`).
    static func isVersion(label: String, value: String) -> Bool {
        let lower = label.lowercased()
        if ["version", "revision", "版本", "バージョン"].contains(where: lower.contains) { return true }
        return value.range(of: #"^([vV]\d+(\.\d+)*|\d+\.\d+\.\d+)\b"#, options: .regularExpression) != nil
    }
}
