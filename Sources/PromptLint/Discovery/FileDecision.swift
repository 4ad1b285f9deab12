import Foundation
import SafeIO

/// Decides about one file found in a folder: read it (with evidence), skip it (with a reason), or
/// ignore it silently when it is not a candidate at all (a `.swift` or `.png` file).
struct FileDecision {
    let policy: DiscoveryPolicy
    let context: FolderContext
    let ignores: GitIgnoreStack

    /// How a file became a candidate.
    private enum Candidate {
        case role(DiscoveryRole, TemplateFormat)
        case configData
        case configured(TemplateFormat)
        /// A file in a prompts folder whose extension no format claims (`agent.tmpl`, `base.avanterules`).
        case unclaimed

        /// True for `.txt`/`.md`-like files (a `templates` folder is evidence for them, not for YAML/JSON).
        var isText: Bool {
            if case .role(.onEvidence, _) = self { return true }
            return false
        }
    }

    func decide(_ absolute: String, name: String, display: String) -> DiscoveryEntry? {
        let lower = name.lowercased()
        let ext = lower.contains(".") ? String(lower.split(separator: ".").last ?? "") : ""
        func skip(_ reason: String) -> DiscoveryEntry {
            .skipped(SkippedPath(display: display, reason: reason, isDirectory: false))
        }
        func readFile(_ evidence: String) -> DiscoveryEntry {
            .read(DiscoveredFile(absolute: absolute, display: display, size: Walk.size(absolute), evidence: evidence))
        }
        var candidate = Self.candidate(lower, ext: ext, configured: policy.configuredFormat(absolute))
        if candidate == nil, let folder = context.promptFolder, DiscoveryRules.mayHoldTemplate(extension: ext) {
            // Under a bare `templates` folder only its own files and its partials' folders: deeper trees there are
            // project scaffolding (`templates/tree/app/views/x.ejs`), not prompts.
            let depth = display.hasPrefix(folder) ? display.dropFirst(folder.count).filter { $0 == "/" }.count : 0
            if context.promptFolderIsStrong || depth <= 1 { candidate = .unclaimed }
        }
        if candidate == nil, DiscoveryRules.dataSetExtensions[ext] == nil, !policy.isIncluded(absolute) { return nil }
        if policy.isExcluded(absolute) { return skip("excluded by .promptlint.yml") }
        if policy.isIncluded(absolute) { return readFile("included by .promptlint.yml") }
        if let reason = context.onlyIncluded { return skip(reason) }
        if let reason = ignores.ignoreReason(absolute, isDirectory: false) { return skip(reason) }
        if let reason = context.hiddenContainer { return skip(reason) }
        if let reason = DiscoveryRules.dataSetExtensions[ext] { return skip(reason) }
        guard let candidate else { return nil }
        if lower.hasPrefix(".") { return skip("hidden file") }
        if context.workflowsFolder != nil {
            guard ext == "md", AgenticWorkflowReader.isWorkflow(path: display, text: Self.head(absolute)) else {
                return skip("CI workflow or its notes (GitHub Actions), not a prompt")
            }
            return readFile("GitHub agentic workflow (gh-aw Markdown with an `on:` trigger in a workflows folder)")
        }
        if let skill = context.skillFolder {
            if name == AgentFileEvidence.skillFileName {
                return AgentFileEvidence.skillEvidence(head: Self.head(absolute)).map(readFile)
                    ?? skip("SKILL.md without skill front matter (`name`, `description`)")
            }
            return skip("resource of the agent skill in \(skill) (read by the agent on demand, not a prompt)")
        }
        switch candidate {
        case .configured(let format):
            return readFile("format \(format.rawValue) set in .promptlint.yml")
        case .role(.template, let format):
            let start = String(decoding: Self.prefix(absolute, bytes: 4096) ?? Data(), as: UTF8.self)
            if DiscoveryRules.isHTMLPage(start) { return skip("HTML page (a web view rendered by the template engine)") }
            if DiscoveryRules.isFilledNote(start) { return skip(DiscoveryRules.filledNoteReason) }
            return readFile(FormatRegistry.descriptor(format).fileNames.contains(lower)
                ? "template file name (\(lower))" : "template extension (.\(ext))")
        case .unclaimed:
            // Only with template syntax: a prompts folder also holds scripts, styles and notes.
            let head = Self.head(absolute)
            guard !head.utf8.contains(0), let dialect = UnclaimedTemplate.dialect(head) else {
                return skip("unknown extension (.\(ext)) without template syntax")
            }
            return readFile("unknown extension (.\(ext)) with \(dialect) syntax in a prompts folder (\(context.promptFolder ?? ""))")
        case .role(.sourceCode(let hasPrompts), _):
            if let reason = DiscoveryRules.testCodeReason(path: display) { return skip(reason) }
            if SourceSniff.isUIComponent(path: display) {
                return SourceSniff.importsSDK(Self.head(absolute))
                    ? readFile("UI component that imports an LLM SDK") : skip(DiscoveryRules.uiComponentReason)
            }
            if hasPrompts(Self.head(absolute)) { return readFile(Self.promptSourceEvidence) }
            return SourceSniff.isNamedForPrompts(name)
                ? readFile("source file named for prompts (\(name))")
                : skip(DiscoveryRules.sourceWithoutPromptsReason)
        case .role(.container(let verdict), _):
            if let reason = DiscoveryRules.testCodeReason(path: display) { return skip(reason) }
            let data: Data
            do {
                data = try FileReadPolicy.read(absolute, limit: DiscoveryRules.containerReadBytes)
            } catch {
                let problem = if case .tooLarge = error { "larger than \(DiscoveryRules.containerReadBytes / (1024 * 1024)) MB" } else { error.reason }
                return skip(problem + "; not read")
            }
            return verdict(data).map(skip) ?? readFile("Jupyter notebook whose Python imports an LLM SDK or names a prompt")
        case .role(.onEvidence, _), .configData:
            if let reason = DiscoveryRules.skipReason(fileName: lower) { return skip(reason) }
            var content = ContentEvidence.none
            if case .configData = candidate { content = ContentEvidence.of(Self.head(absolute), extension: ext) }
            if case .notPrompt(let what) = content { return skip(what) }
            // A data file about to be read for its evidence is first checked whole for records of data (and, when
            // only its content is evidence, for text that parses).
            func read(_ evidence: String, contentOnly: Bool = false) -> DiscoveryEntry {
                if case .configData = candidate,
                    let reason = Self.wholeFileSkipReason(absolute, extension: ext, contentOnly: contentOnly)
                {
                    return skip(reason)
                }
                return readFile(evidence)
            }
            if case .configData = candidate, ext == "toml", GeminiCommandReader.isCommand(path: display, text: Self.head(absolute)) {
                return read("Gemini CLI custom command (TOML with a `prompt` string)")
            }
            if let folder = context.promptFolder, context.promptFolderIsStrong || candidate.isText {
                // A prompts folder also holds notes about the prompts (`REFACTOR_SUMMARY.md`).
                if candidate.isText, let reason = DiscoveryRules.projectNoteReason(writtenName: name) { return skip(reason) }
                return read("in a prompts folder (\(folder))")
            }
            // A spec or design folder's documents quote prompts; a Copilot `x.prompt.md` is named as a prompt file.
            if context.inSpecification, candidate.isText, DiscoveryRules.documentExtensions.contains(ext),
                !lower.hasSuffix(".prompt.md")
            {
                return skip(DiscoveryRules.specificationDocumentReason)
            }
            let nameEvidence = if case .configData = candidate { lower.contains("prompt") } else {
                DiscoveryRules.isPromptLikeName(name)
            }
            if nameEvidence { return read("prompt-like file name") }
            if context.inDataFolder { return skip("in a data folder, without a prompt-like name") }
            // Request bodies and prompt-shaped records under a tests folder are what a test sends or expects.
            if context.inTests { return skip("test fixture (in a tests folder, without a prompt-like name)") }
            if case .prompt(let why) = content { return read(why, contentOnly: true) }
            if ext == "md", AgentFileEvidence.mayHold(path: display),
                let why = AgentFileEvidence.evidence(path: display, head: Self.head(absolute))
            {
                return read(why)
            }
            if case .configData = candidate {
                return skip("no prompt evidence (no prompts folder, prompt-like name, prompt keys or request body)")
            }
            if ext == SpringTemplateLoads.fileExtension { return skip(SpringTemplateLoads.unloadedReason) }
            return skip(Self.noEvidenceReason)
        }
    }

    /// The evidence of a source file read for the prompts it builds.
    static let promptSourceEvidence = "source file that imports an LLM SDK or names a prompt"

    /// The reason a text or template file with nothing that says it is a prompt is skipped (`JoinedPathLoads`
    /// looks for it).
    static let noEvidenceReason = "no prompt evidence (not in a prompts folder, no prompt-like name)"

    private static func candidate(_ name: String, ext: String, configured: TemplateFormat?) -> Candidate? {
        if let configured { return .configured(configured) }
        if let format = FormatRegistry.format(fileName: name, extension: ext) {
            return .role(FormatRegistry.descriptor(format).discovery, format)
        }
        return DiscoveryRules.configExtensions.contains(ext) ? .configData : nil
    }

    /// Why the whole file (up to `ContentEvidence.dataSetScanBytes`) is not read (`ContentEvidence.wholeFileSkipReason`),
    /// or nil. A file that is not valid UTF-8 text is read whatever its syntax: its reader reports the encoding.
    static func wholeFileSkipReason(_ absolute: String, extension ext: String, contentOnly: Bool) -> String? {
        guard let data = prefix(absolute, bytes: ContentEvidence.dataSetScanBytes + 1),
            data.count <= ContentEvidence.dataSetScanBytes
        else { return nil }
        let text = String(data: data, encoding: .utf8)
        return ContentEvidence.wholeFileSkipReason(
            text ?? String(decoding: data, as: UTF8.self), extension: ext,
            contentOnly: contentOnly && text != nil && !data.contains(0))
    }

    /// The first `ContentEvidence.sniffBytes` of a file as text (empty when unreadable).
    static func head(_ absolute: String) -> String {
        String(decoding: prefix(absolute, bytes: ContentEvidence.sniffBytes) ?? Data(), as: UTF8.self)
    }

    /// At most the first `bytes` of a regular file, or nil when it cannot be opened or read (a FIFO or device is
    /// never opened for a blocking read: the walk must not hang on one).
    private static func prefix(_ absolute: String, bytes: Int) -> Data? {
        try? FileReadPolicy.head(absolute, count: bytes)
    }
}
