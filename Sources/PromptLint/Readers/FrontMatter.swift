/// `---`-delimited YAML front matter at the top of a Dotprompt or Prompty file.
struct FrontMatter {
    /// The YAML between the delimiters.
    var yamlRange: Range<Int>
    /// Everything after the closing delimiter line.
    var bodyRange: Range<Int>

    /// Splits `source`; `allowLeadingComments` accepts `#` comment and blank lines before the opening
    /// `---` (Dotprompt files often start with a licence header). Returns nil without front matter;
    /// an unclosed block is an issue, and the whole file is then the body.
    static func split(_ source: SourceText, allowLeadingComments: Bool, issues: inout [ParseIssue]) -> FrontMatter? {
        let bytes = source.bytes
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = ByteSearch.find(0x0A, in: bytes, from: lineStart) ?? bytes.count
            let line = trimmed(bytes, lineStart, lineEnd)
            if line == "---" { break }
            let isSkippable = line.isEmpty || (line.hasPrefix("#") && allowLeadingComments)
            if !isSkippable { return nil }
            lineStart = lineEnd + 1
        }
        guard lineStart < bytes.count else { return nil }
        let openEnd = ByteSearch.find(0x0A, in: bytes, from: lineStart) ?? bytes.count
        let yamlStart = min(openEnd + 1, bytes.count)
        var i = yamlStart
        while i < bytes.count {
            let lineEnd = ByteSearch.find(0x0A, in: bytes, from: i) ?? bytes.count
            let line = trimmed(bytes, i, lineEnd)
            if line == "---" || line == "..." {
                return FrontMatter(yamlRange: yamlStart..<i, bodyRange: min(lineEnd + 1, bytes.count)..<bytes.count)
            }
            i = lineEnd + 1
        }
        issues.append(ParseIssue(message: "front matter opened with `---` is never closed", position: source.position(lineStart)))
        return nil
    }

    private static func trimmed(_ bytes: [UInt8], _ lo: Int, _ hi: Int) -> String {
        var hi = hi
        while hi > lo, JinjaScanner.isSpace(bytes[hi - 1]) { hi -= 1 }
        guard hi - lo <= 200 else { return "…" }
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }
}
