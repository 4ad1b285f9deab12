/// `---`-delimited YAML front matter at the top of a Dotprompt or Prompty file.
struct FrontMatter {
    /// The YAML between the delimiters.
    var yamlRange: Range<Int>
    /// Everything after the closing delimiter line.
    var bodyRange: Range<Int>

    /// True when `source` opens front matter (a `---` line after blank or `#` comment lines), closed or not.
    static func opens(_ source: SourceText) -> Bool {
        var issues: [ParseIssue] = []
        return split(source, allowLeadingComments: true, issues: &issues) != nil || !issues.isEmpty
    }

    /// Splits `source`; `allowLeadingComments` accepts `#` comment lines before the opening `---`
    /// (Dotprompt files often start with a licence header). Returns nil without front matter; an
    /// unclosed block is an issue, and the whole file is then the body.
    static func split(_ source: SourceText, allowLeadingComments: Bool, issues: inout [ParseIssue]) -> FrontMatter? {
        var opening: Range<Int>?
        var yamlStart = 0
        source.forEachLine { line, next in
            if source.lineIs(line, "---") {
                opening = line
                yamlStart = next
                return false
            }
            let first = line.isEmpty ? nil : source.bytes[line.lowerBound]
            let blank = source.lineIs(line, "")
            return blank || (allowLeadingComments && first == UInt8(ascii: "#"))
        }
        guard let opening else { return nil }
        var result: FrontMatter?
        source.forEachLine(from: yamlStart) { line, next in
            guard source.lineIs(line, "---") || source.lineIs(line, "...") else { return true }
            result = FrontMatter(yamlRange: yamlStart..<line.lowerBound, bodyRange: next..<source.count)
            return false
        }
        if result == nil {
            issues.append(ParseIssue(message: "front matter opened with `---` is never closed", position: source.position(opening.lowerBound)))
        }
        return result
    }
}
