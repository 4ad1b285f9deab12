/// `---`-delimited YAML front matter at the top of a Dotprompt, Prompty or agent command/definition file.
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

    /// What a reader keeps of a file's front matter: where the body is, the YAML keys flattened to metadata,
    /// and the parsed document (nil without front matter or when it does not parse).
    struct Read {
        /// The body: everything after the front matter, or the whole file without any.
        var body: Range<Int>
        /// Flattened `key.sub` → text of the YAML (empty without front matter).
        var metadata: [String: String] = [:]
        /// The parsed YAML.
        var document: DocValue?
        /// True when the file has (closed) front matter.
        var found: Bool
    }

    /// Splits `source` and reads its front matter as metadata (the steps every front-matter format shares);
    /// problems go to `issues`.
    static func read(_ source: SourceText, allowLeadingComments: Bool, issues: inout [ParseIssue]) -> Read {
        guard let front = split(source, allowLeadingComments: allowLeadingComments, issues: &issues) else {
            return Read(body: 0..<source.count, found: false)
        }
        var result = Read(body: front.bodyRange, found: true)
        if let doc = YAMLSupport.parse(source, range: front.yamlRange, issues: &issues) {
            doc.flatten(prefix: "", into: &result.metadata)
            result.document = doc
        }
        return result
    }
}
