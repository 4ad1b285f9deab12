import Foundation
import SafeIO

/// The result of linting a set of paths.
public struct LintReport: Sendable {
    /// Per-file results, sorted by path. Files without findings are included.
    public var files: [FileReport]
    /// Every rule that was loaded (for SARIF rule metadata and explanations).
    public var rules: [RuleDefinition]
    /// The directory paths are relative to.
    public var workingDirectory: String
    /// Cost and savings estimates (`check --savings`); reporters add them when present.
    public var savings: SavingsReport?
    /// Source files of languages promptlint does not read, met in the folders checked (the text report
    /// says so in one line; JSON and SARIF leave it out).
    public var unreadSources = UnreadSources()

    /// Creates a report.
    public init(files: [FileReport], rules: [RuleDefinition], workingDirectory: String) {
        self.files = files.sorted { $0.path < $1.path }
        self.rules = rules.sorted { $0.id < $1.id }
        self.workingDirectory = workingDirectory
    }

    /// All findings in report order.
    public var findings: [Finding] { files.flatMap(\.findings).sorted(by: Finding.reportOrder) }

    /// The most severe finding's severity.
    public var maxSeverity: Severity? { findings.map(\.severity).max() }

    /// A copy without the findings a baseline accepts.
    public func filtered(by baseline: Baseline) -> LintReport {
        let kept = Set(baseline.filter(findings))
        var copy = self
        copy.files = files.map { FileReport(path: $0.path, format: $0.format, findings: $0.findings.filter(kept.contains)) }
        return copy
    }
}

/// Lints paths on disk: discovers the prompt files (`FileDiscovery`), finds each file's configuration,
/// reads, lints.
public struct LintRunner: Sendable {
    /// Rule folders added to the built-in rules (`--rules`, `PROMPTLINT_RULES`); each file's configuration may add more.
    public let ruleDirectories: [String]
    /// Finds configuration per file.
    public let configurations: ConfigurationLoader
    /// The directory reported paths are relative to.
    public let workingDirectory: String
    /// Token estimates.
    public var tokenCounter: any TokenCounter

    /// Creates a runner.
    public init(ruleDirectories: [String], configurations: ConfigurationLoader,
                workingDirectory: String = FileManager.default.currentDirectoryPath,
                tokenCounter: any TokenCounter = EstimatedTokenCounter()) {
        self.ruleDirectories = ruleDirectories
        self.configurations = configurations
        self.workingDirectory = workingDirectory
        self.tokenCounter = tokenCounter
    }

    /// Lints `paths`.
    /// - Throws: `PromptLintError` for missing paths, invalid configuration or rules.
    public func run(_ paths: [String]) throws -> LintReport {
        let (entries, unread) = try FileDiscovery(policy: DiscoveryPolicy(loader: configurations))
            .discoverWithUnread(paths, cwd: workingDirectory)
        var linters: [[String]: PromptLinter] = [:]
        var allRules: [String: RuleDefinition] = [:]
        func linter(for path: String) throws -> PromptLinter {
            let config = try configurations.configuration(for: path)
            let dirs = ruleDirectories + config.ruleDirectories
            let rules: RuleSet
            if let cached = linters[dirs] {
                rules = cached.rules
            } else {
                rules = try RuleLoader.load(directories: dirs)
            }
            let made = PromptLinter(rules: rules, configuration: config, tokenCounter: tokenCounter)
            linters[dirs] = made
            for r in rules.rules { allRules[r.definition.id] = r.definition }
            return made
        }
        let project = try sourceProject(entries) { try linter(for: $0).maxFileBytes }
        // The `.md`/`.txt` files are read here for their folders' dialect, and kept for the loop below.
        let survey = FolderDialect.survey(entries.compactMap { if case .read(let file) = $0 { file.absolute } else { nil } })
        var genericData = survey.data
        let braceFolders = survey.folders
        var files: [FileReport] = []
        for entry in entries {
            switch entry {
            case .problem(let display, let message):
                let path = PathUtil.absolute(display, cwd: workingDirectory)
                let shown = PathUtil.relative(path, to: workingDirectory)
                let lint = try linter(for: path)
                files.append(FileReport(path: shown, format: "unknown",
                                        findings: [lint.unreadableFinding(path: shown, problem: message)].compactMap { $0 }))
            case .skipped(let skipped):
                // A source file without prompts of its own that sends one through a prompt file's helper.
                guard skipped.reason == Self.sourceWithoutPrompts, !skipped.isDirectory else { continue }
                let abs = PathUtil.absolute(skipped.display, cwd: workingDirectory)
                let shown = PathUtil.relative(abs, to: workingDirectory)
                if let template = project.templates[shown] {
                    let lint = try linter(for: abs)
                    files.append(FileReport(path: shown, format: template.format.rawValue, findings: lint.lint(template)))
                }
            case .read(let file):
                let abs = file.absolute
                let shown = PathUtil.relative(abs, to: workingDirectory)
                var lint = try linter(for: abs)
                if let template = project.templates[shown] {
                    files.append(FileReport(path: shown, format: template.format.rawValue, findings: lint.lint(template)))
                    continue
                }
                lint.linkedSlots = project.linkedSlots[shown] ?? [:]
                lint.linkedFields = project.linkedFields[shown] ?? []
                lint.linkedConversation = project.linkedConversations[shown]
                lint.unfilledLoad = project.unfilledTemplates[shown]
                lint.partials = FilePartialSource(
                    root: partialRoot(for: abs, arguments: paths), limit: lint.maxFileBytes, shownFrom: workingDirectory)
                // The read policy checks the link's TARGET: size, regular file, no blocking on FIFOs or devices.
                let data: Data
                do {
                    if let read = genericData.removeValue(forKey: abs), read.count <= lint.maxFileBytes {
                        data = read
                    } else {
                        data = try FileReadPolicy.read(abs, limit: lint.maxFileBytes)
                    }
                } catch {
                    let problem = if case .tooLarge = error { error.reason + "; not read" } else { error.reason }
                    files.append(FileReport(path: shown, format: "unknown",
                                            findings: [lint.unreadableFinding(path: shown, problem: problem)].compactMap { $0 }))
                    continue
                }
                let format = lint.configuration.format(for: abs)
                    ?? FolderDialect.literalFormat(path: abs, data: data, folders: braceFolders)
                files.append(lint.lint(path: shown, data: data, format: format))
            }
        }
        if allRules.isEmpty {
            for r in try RuleLoader.load(directories: ruleDirectories).rules { allRules[r.definition.id] = r.definition }
        }
        files = Self.foldingSendSites(files)
        var report = LintReport(files: files, rules: Array(allRules.values), workingDirectory: workingDirectory)
        report.unreadSources = unread
        return report
    }

    /// The folder included partials of the file at `path` may be read from: the working directory when
    /// the file lies below it (a repository checked at its root), else the folder argument it was found
    /// under, else its own folder.
    func partialRoot(for path: String, arguments: [String]) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let roots = [workingDirectory] + arguments.map { PathUtil.absolute($0, cwd: workingDirectory) }
        for root in roots where folder == root || folder.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
            return root
        }
        return folder
    }
}
