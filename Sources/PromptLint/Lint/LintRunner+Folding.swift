extension LintRunner {
    /// One finding per prefix break across files. A prompt written in one file (a builder that writes the clock
    /// into it, or a parameter a caller fills with the clock) and sent from another gets a finding in each: at the
    /// value in the first, and at the send site in the second, whose request reaches the value through the call.
    /// When the send site's finding names the value's place (`Finding.breakSite`) and that file has a finding of
    /// the same rule there (at that line, or listing that line among its values), the two are one break: the send
    /// site's finding is folded into the value's, which lists the send site and says so. A more severe send site
    /// (it shows the conversation after the prompt, which the value's own file cannot see) makes the kept finding
    /// as severe (`PromptLinter.folding`).
    static func foldingSendSites(_ files: [FileReport]) -> [FileReport] {
        func key(_ path: String, _ line: Int, _ rule: String) -> String { "\(rule)\u{1}\(path)\u{1}\(line)" }
        var index: [String: (file: Int, finding: Int)] = [:]
        // A finding's own line first, then the lines of the values it lists in its own file.
        for ownLine in [true, false] {
            for (f, file) in files.enumerated() {
                for (i, finding) in file.findings.enumerated() where finding.breakSite == nil {
                    let lines = ownLine ? [finding.line] : finding.related.filter { $0.path == nil }.map(\.line)
                    for line in lines where index[key(file.path, line, finding.ruleID)] == nil {
                        index[key(file.path, line, finding.ruleID)] = (f, i)
                    }
                }
            }
        }
        var out = files
        var folded: [Int: Set<Int>] = [:]
        for (f, file) in files.enumerated() {
            for (i, finding) in file.findings.enumerated() {
                guard let site = finding.breakSite, let path = site.path, path != file.path,
                    let target = index[key(path, site.line, finding.ruleID)], !Self.listsOwnLaterValues(finding)
                else { continue }
                out[target.file].findings[target.finding] = PromptLinter.folding(
                    finding, into: out[target.file].findings[target.finding], sentAt: "\(file.path) line \(finding.line)", path: file.path)
                folded[f, default: []].insert(i)
            }
        }
        foldingSiblingSendSites(files, into: &out, folded: &folded)
        foldingIntoRenderedTemplates(files, into: &out, folded: &folded)
        for (f, gone) in folded {
            out[f].findings = out[f].findings.enumerated().filter { !gone.contains($0.offset) }.map(\.element)
        }
        return out
    }

    /// The same break sent from several places: two routes (`chat.routes.ts`, `voice.routes.ts`) each send the
    /// prompt a builder writes the clock into, and no finding in the builder's file stands at that place (its own
    /// prompt shows too little after the value). Their findings name the same place (`Finding.breakSite`): the
    /// first, in file order, is kept and the others are folded into it, listed as further send sites. A send site
    /// that lists later values of its own stays apart (`listsOwnLaterValues`). Adds to `out` and `folded` as
    /// `foldingSendSites` does.
    static func foldingSiblingSendSites(
        _ files: [FileReport], into out: inout [FileReport], folded: inout [Int: Set<Int>]
    ) {
        var firstAt: [String: (file: Int, finding: Int)] = [:]
        for (f, file) in files.enumerated() {
            for (i, finding) in file.findings.enumerated() where folded[f]?.contains(i) != true {
                guard let site = finding.breakSite, let path = site.path, path != file.path,
                    !Self.listsOwnLaterValues(finding)
                else { continue }
                let key = "\(finding.ruleID)\u{1}\(path)\u{1}\(site.line)"
                guard let target = firstAt[key] else {
                    firstAt[key] = (f, i)
                    continue
                }
                out[target.file].findings[target.finding] = PromptLinter.folding(
                    finding, into: out[target.file].findings[target.finding], sentAt: "\(file.path) line \(finding.line)", path: file.path)
                folded[f, default: []].insert(i)
            }
        }
    }

    /// The same break when the builder renders a template file (`render_prompt("agent_system.md",
    /// {"current_time": now})` with `now` from the clock) and another file sends what it returns whole
    /// (`[SystemMessage(system_prompt)] + messages`): the builder writes no text, so the send site's finding names
    /// no place in a prompt (`Finding.breakSite`), but its value traces to the builder's clock, and the template's
    /// finding at `{{ current_time }}` traces to the same place and lists the builder's render call. The send site
    /// is folded into that finding when it is the only placeholder finding tracing there (two templates filled from
    /// one clock stay apart). Adds to `out` and `folded` as `foldingSendSites` does.
    static func foldingIntoRenderedTemplates(
        _ files: [FileReport], into out: inout [FileReport], folded: inout [Int: Set<Int>]
    ) {
        var placeholders: [String: [(file: Int, finding: Int)]] = [:]
        for (f, file) in files.enumerated() {
            for (i, finding) in file.findings.enumerated() where finding.breakSite == nil && !PromptLinter.isWholeValue(finding) {
                guard let origin = finding.tracedOrigin, finding.related.contains(where: { $0.path == origin.path })
                else { continue }
                placeholders["\(finding.ruleID)\u{1}\(origin.path)\u{1}\(origin.line)\u{1}\(origin.text)", default: []].append((f, i))
            }
        }
        for (f, file) in files.enumerated() {
            for (i, finding) in file.findings.enumerated() where folded[f]?.contains(i) != true && PromptLinter.isWholeValue(finding) {
                guard let origin = finding.tracedOrigin,
                    let targets = placeholders["\(finding.ruleID)\u{1}\(origin.path)\u{1}\(origin.line)\u{1}\(origin.text)"],
                    targets.count == 1, let target = targets.first, target.file != f, !Self.listsOwnLaterValues(finding)
                else { continue }
                out[target.file].findings[target.finding] = PromptLinter.folding(
                    finding, into: out[target.file].findings[target.finding], sentAt: "\(file.path) line \(finding.line)", path: file.path)
                folded[f, default: []].insert(i)
            }
        }
    }

    /// True when a send site's finding lists a value of its own file after the call it reports (`systemPrompt +=
    /// memories` after `buildSystemPrompt(now)`): a second break the builder's file cannot see, so the finding
    /// stays where it is rather than being folded into the builder's.
    static func listsOwnLaterValues(_ finding: Finding) -> Bool {
        let callEnd = finding.line + finding.snippet.filter { $0 == "\n" }.count
        return finding.related.contains { $0.path == nil && $0.line > callEnd }
    }
}
