import SafeIO

/// What the configuration says about paths during discovery. Each closure gets an absolute path.
public struct DiscoveryPolicy: Sendable {
    /// True when `.promptlint.yml` `exclude:` matches the path.
    public var isExcluded: @Sendable (String) -> Bool
    /// True when `.promptlint.yml` `include:` matches the path (it is read whatever discovery would say).
    public var isIncluded: @Sendable (String) -> Bool
    /// True when an `include:` pattern could match something below the folder, so a folder discovery
    /// would skip is still entered (and only included files are read from it).
    public var mayIncludeBelow: @Sendable (String) -> Bool
    /// The format configured for the path (`formats:`), which makes any file a candidate.
    public var configuredFormat: @Sendable (String) -> TemplateFormat?
    /// Told of each folder the walk lists, with whether it holds a `.promptlint.yml`, before the closures above
    /// are asked about it: a configuration lookup then needs no file-system call for it.
    public var folderListed: @Sendable (_ folder: String, _ hasConfigurationFile: Bool) -> Void = { _, _ in }

    /// Creates a policy; the defaults mean no configuration.
    public init(
        isExcluded: @escaping @Sendable (String) -> Bool = { _ in false },
        isIncluded: @escaping @Sendable (String) -> Bool = { _ in false },
        mayIncludeBelow: @escaping @Sendable (String) -> Bool = { _ in false },
        configuredFormat: @escaping @Sendable (String) -> TemplateFormat? = { _ in nil }
    ) {
        self.isExcluded = isExcluded
        self.isIncluded = isIncluded
        self.mayIncludeBelow = mayIncludeBelow
        self.configuredFormat = configuredFormat
    }

    /// The policy of the `.promptlint.yml` files `loader` finds (an invalid file counts as none here;
    /// linting reports it).
    public init(loader: ConfigurationLoader) {
        self.init(
            isExcluded: { (try? loader.configuration(for: $0).isExcluded($0)) ?? false },
            isIncluded: { (try? loader.configuration(for: $0).isIncluded($0)) ?? false },
            mayIncludeBelow: { (try? loader.configuration(for: $0).mayIncludeBelow($0)) ?? false },
            configuredFormat: { try? loader.configuration(for: $0).format(for: $0) })
        folderListed = { loader.noteListedFolder($0, hasConfigurationFile: $1) }
    }
}

/// Where a folder sits, as far as discovery cares.
struct FolderContext {
    /// The nearest enclosing prompts folder, as shown (`prompts/`), if any.
    var promptFolder: String?
    /// False when that folder is only a `templates` folder, which is evidence for text files only (it
    /// often holds project scaffolding: `package.json`, `tsconfig.json`).
    var promptFolderIsStrong = true
    /// True below a `tests`/`test` folder, where a `data` folder is test data.
    var inTests = false
    /// True inside a `data/` folder: generic files need a prompt-like name.
    var inDataFolder = false
    /// True below a specification or design folder (`DiscoveryRules.specificationFolders`): its Markdown files are
    /// documents, even when named like a prompt.
    var inSpecification = false
    /// Set inside a hidden folder entered only for its prompts folders (`.github`): the reason other
    /// files are skipped.
    var hiddenContainer: String?
    /// Set inside a folder entered only because `include:` may reach into it: the reason other files are
    /// skipped.
    var onlyIncluded: String?
    /// True in a coding-agent plugin's root folder (one holding `.claude-plugin/`), whose `commands` and
    /// `agents` folders hold prompts.
    var isAgentPluginRoot = false
    /// The nearest enclosing agent skill's folder (one holding `SKILL.md`), as shown, if any: its other
    /// files are resources the agent reads on demand, not prompts.
    var skillFolder: String?
    /// Set in a hidden folder's `workflows` folder (`.github/workflows/`), as shown: only its GitHub agentic
    /// workflows (gh-aw Markdown) are prompts; the rest is CI configuration.
    var workflowsFolder: String?

    /// Marks the folders a folder's lower-cased name puts this one inside: tests, specifications, data.
    mutating func enterNamedFolder(_ lower: String) {
        if DiscoveryRules.testFolders.contains(lower) { inTests = true }
        if DiscoveryRules.specificationFolders.contains(lower) { inSpecification = true }
        if DiscoveryRules.dataFolders.contains(lower) { inDataFolder = true }
    }

    /// The context of a walk's starting folder, from the names of the folders on its path inside its
    /// repository (`RepositoryRoot.folderNamesInside`): a repository named `mcp-prompts`, or one cloned
    /// under a `tests` folder, is not a prompts folder or a test tree for that.
    static func root(_ absolute: String, display: String) -> FolderContext {
        var context = FolderContext()
        for part in RepositoryRoot.folderNamesInside(absolute).map({ $0.lowercased() }) {
            let bare = part.hasPrefix(".") ? String(part.dropFirst()) : part
            if DiscoveryRules.isPromptFolderName(bare) {
                context.promptFolder = display + "/"
                context.promptFolderIsStrong = !DiscoveryRules.weakPromptFolders.contains(bare)
            }
            context.enterNamedFolder(part)
        }
        context.isAgentPluginRoot = DiscoveryRules.pluginManifestFolders.contains {
            FileReadPolicy.status(absolute + "/" + $0)?.kind == .directory
        }
        let path = "/" + absolute.lowercased()
        if path.hasSuffix("/.github/" + DiscoveryRules.agenticWorkflowFolder)
            || path.hasSuffix("/.github/" + DiscoveryRules.agenticWorkflowFolder + "/")
        {
            context.workflowsFolder = display + "/"
        }
        if FileReadPolicy.status(absolute + "/" + AgentFileEvidence.skillFileName)?.kind == .regular {
            context.skillFolder = display + "/"
        }
        return context
    }
}
