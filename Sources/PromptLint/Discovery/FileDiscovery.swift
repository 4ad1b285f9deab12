import Foundation
import SafeIO

/// Decides which files under the given paths are prompts, with evidence for each file read and a reason
/// for each candidate skipped. Folders are walked in name order, honouring `.gitignore` files (the
/// repository's and nested ones); version-control, dependency and build folders are never entered;
/// hidden folders are skipped except prompt folders (`.prompts`, `.github/prompts`,
/// `.continue/prompts`); symbolic links to folders are followed once (loops are reported). Files named
/// explicitly are always read. Each folder is opened relative to its open parent (`openat`), so the walk is
/// linear in the number of entries however deep the tree. A path longer than the system's limit (`PATH_MAX`)
/// is reported, not entered: the files below it could not be read or named by later steps.
public struct FileDiscovery: Sendable {
    /// What the configuration says about paths.
    public var policy: DiscoveryPolicy

    /// Creates a discovery with `policy` (no configuration by default).
    public init(policy: DiscoveryPolicy = DiscoveryPolicy()) {
        self.policy = policy
    }

    /// Walks `paths` (relative to `cwd` unless absolute). Each file appears once, at its first mention.
    /// - Throws: `PromptLintError.pathNotFound` for a path that does not exist.
    public func discover(_ paths: [String], cwd: String = FileManager.default.currentDirectoryPath) throws
        -> [DiscoveryEntry]
    {
        try discoverWithUnread(paths, cwd: cwd).entries
    }

    /// `discover`, plus the source files of languages promptlint does not read met on the way
    /// (`UnreadSources`).
    public func discoverWithUnread(_ paths: [String], cwd: String = FileManager.default.currentDirectoryPath) throws
        -> (entries: [DiscoveryEntry], unread: UnreadSources)
    {
        var walk = Walk(policy: policy)
        for path in paths {
            let absolute = PathUtil.absolute(path, cwd: cwd)
            if let problem = Walk.tooLong(absolute) {
                walk.entries.append(.problem(display: path, message: problem))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                if (try? FileManager.default.destinationOfSymbolicLink(atPath: absolute)) != nil {
                    walk.entries.append(.problem(display: path, message: "broken symbolic link"))
                    continue
                }
                throw PromptLintError.pathNotFound(path)
            }
            if isDirectory.boolValue {
                let display = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
                walk.directory(absolute, display: display, ignores: GitIgnoreStack.ancestors(of: absolute),
                               context: FolderContext.root(absolute, display: display))
            } else {
                walk.entries.append(.read(DiscoveredFile(absolute: absolute, display: path, size: Walk.size(absolute),
                                                         evidence: "named on the command line")))
            }
        }
        SpringTemplateLoads.promote(&walk.entries, sources: walk.jvmSources, candidates: walk.unloadedTemplates)
        JoinedPathLoads.promote(&walk.entries, candidates: walk.unjoinedTexts, sourceEvidence: FileDecision.promptSourceEvidence)
        var seen = Set<String>()
        let entries = walk.entries.filter { entry in
            if case .read(let file) = entry { return seen.insert(file.absolute).inserted }
            return true
        }
        return (entries, walk.unread)
    }
}

/// One walk's state.
struct Walk {
    let policy: DiscoveryPolicy
    var entries: [DiscoveryEntry] = []
    /// Java and Kotlin files met (absolute, as shown), which may load `.st` prompt templates
    /// (`SpringTemplateLoads`); at most `SpringTemplateLoads.sourceLimit`.
    var jvmSources: [(absolute: String, display: String)] = []
    /// `.st` files skipped for want of evidence, absolute path by path as shown (`SpringTemplateLoads`).
    var unloadedTemplates: [String: String] = [:]
    /// Markdown and text files skipped for want of evidence, absolute path by path as shown (`JoinedPathLoads`).
    var unjoinedTexts: [String: String] = [:]
    /// Source files of languages promptlint does not read (`UnreadSources`).
    var unread = UnreadSources()
    /// The folders on the current path, by device and inode, with how each was shown: a folder met again
    /// below itself is a link loop. (Identity by `stat`, not `realpath`: resolving every component of every
    /// folder made a deep tree cost cubic time in its depth.)
    private var visited: [FolderIdentity: String] = [:]

    init(policy: DiscoveryPolicy) {
        self.policy = policy
    }

    /// A folder being walked: its listing, what applies inside it, and the next entry to visit.
    private struct Frame {
        var absolute: String
        var display: String
        var ignores: GitIgnoreStack
        var context: FolderContext
        var listing: DirectoryListing
        var identity: FolderIdentity
        var next = 0
    }

    /// Walks the folder at `absolute` and everything below it, depth first in name order. The open folders are
    /// kept on an explicit stack rather than in recursive calls: a chain thousands of folders deep would
    /// overflow the thread's stack.
    mutating func directory(_ absolute: String, display: String, ignores: GitIgnoreStack, context: FolderContext) {
        guard let root = enter(absolute, display: display, ignores: ignores, context: context) else { return }
        var stack = [root]
        while let top = stack.indices.last {
            guard stack[top].next < stack[top].listing.entries.count else {
                visited[stack[top].identity] = nil
                stack.removeLast()
                continue
            }
            let entry = stack[top].listing.entries[stack[top].next]
            stack[top].next += 1
            if let child = visit(entry, in: stack[top]) { stack.append(child) }
        }
    }

    /// Lists a folder (unless `known` already did), relative to `parent` when there is one, checks it is not a
    /// link back to a folder above it, and records what entering it reports; nil when it is not walked.
    private mutating func enter(
        _ absolute: String, display: String, ignores: GitIgnoreStack, context: FolderContext,
        listing known: DirectoryListing? = nil, parent: OpenFolder? = nil
    ) -> Frame? {
        guard let listing = known ?? Self.list(absolute, in: parent, policy: policy) else {
            entries.append(.problem(display: display, message: "directory cannot be read"))
            return nil
        }
        let identity = FolderIdentity(device: listing.device, inode: listing.inode)
        if let earlier = visited[identity] {
            entries.append(.problem(display: display, message: "symbolic link loop: \(display) leads back to \(earlier)"))
            return nil
        }
        visited[identity] = display
        let ignores = listing.entries.contains { $0.name == ".gitignore" }
            ? ignores.entering(absolute, display: display) : ignores
        for name in listing.undecodableNames {
            entries.append(.problem(display: Self.join(display, name), message: "file name is not valid UTF-8; not linted"))
        }
        return Frame(absolute: absolute, display: display, ignores: ignores, context: context, listing: listing,
                     identity: identity)
    }

    /// One entry of `frame`'s folder: a file is decided here; a folder to enter is returned. Its type comes from
    /// the listing, and a link is followed with `fstatat` on the open folder (no path lookups per entry).
    private mutating func visit(_ entry: DirectoryListing.Entry, in frame: Frame) -> Frame? {
        let name = entry.name
        let childAbsolute = frame.absolute == "/" ? "/" + name : frame.absolute + "/" + name
        let childDisplay = frame.display == "." ? name : Self.join(frame.display, name)
        if let problem = Self.tooLong(childAbsolute) {
            entries.append(.problem(display: childDisplay, message: problem))
            return nil
        }
        let isDirectory: Bool
        switch entry.kind {
        case .directory: isDirectory = true
        case .regular, .other: isDirectory = false
        case .symbolicLink, .unknown:
            // Follow the link (once, here). A link that leads nowhere is reported only where a prompt would be
            // read; one the walk would skip or ignore by its name and place (a README, a `.png`) is that.
            guard let status = frame.listing.folder.status(of: name) else {
                if entry.kind == .symbolicLink { brokenLink(name: name, absolute: childAbsolute, display: childDisplay, in: frame) }
                return nil
            }
            isDirectory = status.kind == .directory
        }
        if isDirectory {
            return subdirectory(childAbsolute, name: name, display: childDisplay, ignores: frame.ignores,
                                context: frame.context, parent: frame.listing.folder)
        }
        if let decided = FileDecision(policy: policy, context: frame.context, ignores: frame.ignores)
            .decide(childAbsolute, name: name, display: childDisplay)
        {
            if case .skipped(let skipped) = decided, skipped.reason == SpringTemplateLoads.unloadedReason {
                unloadedTemplates[childDisplay] = childAbsolute
            }
            if case .skipped(let skipped) = decided, skipped.reason == FileDecision.noEvidenceReason,
                JoinedPathLoads.extensions.contains((name as NSString).pathExtension.lowercased())
            {
                unjoinedTexts[childDisplay] = childAbsolute
            }
            if case .read = decided, let original = DiscoveryRules.copiedOriginal(of: name),
               frame.listing.entries.contains(where: { $0.name == original })
            {
                entries.append(.skipped(SkippedPath(
                    display: childDisplay, reason: "a file manager's copy of \(original) beside it", isDirectory: false)))
                return nil
            }
            if case .read = decided, let original = DiscoveryRules.supersededOriginal(of: name),
               frame.listing.entries.contains(where: { $0.name == original })
            {
                entries.append(.skipped(SkippedPath(
                    display: childDisplay, reason: "an old copy of \(original), kept beside it", isDirectory: false)))
                return nil
            }
            entries.append(decided)
        } else {
            if jvmSources.count < SpringTemplateLoads.sourceLimit, SpringTemplateLoads.isJVMSource(name) {
                jvmSources.append((childAbsolute, childDisplay))
            }
            if let language = UnreadSources.language(of: name), frame.ignores.ignoreReason(childAbsolute, isDirectory: false) == nil {
                unread.note(childAbsolute, language: language)
            }
        }
        return nil
    }

    /// A link in `frame`'s folder whose target does not exist: decided as a file of its name there (nothing can
    /// be read through it), a problem only when that decision would read it.
    private mutating func brokenLink(name: String, absolute: String, display: String, in frame: Frame) {
        let decided = FileDecision(policy: policy, context: frame.context, ignores: frame.ignores)
            .decide(absolute, name: name, display: display)
        switch decided {
        case .skipped(let skipped)?:
            entries.append(.skipped(SkippedPath(display: display, reason: "broken symbolic link; " + skipped.reason, isDirectory: false)))
        case .read?, .problem?:
            entries.append(.problem(display: display, message: "broken symbolic link"))
        case nil:
            break
        }
    }

    /// The folder's listing, opened relative to `parent` when given (else by path), told to the policy (so
    /// configuration lookups need not ask the file system).
    static func list(_ absolute: String, in parent: OpenFolder?, policy: DiscoveryPolicy) -> DirectoryListing? {
        let listed = parent.map { DirectoryListing(name: Self.lastComponent(absolute), in: $0) } ?? DirectoryListing(absolute)
        guard let listing = listed else { return nil }
        policy.folderListed(absolute, listing.entries.contains { $0.name == ConfigurationLoader.fileName })
        return listing
    }

    /// The name after the last slash of `absolute`.
    static func lastComponent(_ absolute: String) -> String {
        absolute.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(absolute[absolute.index(after: $0)...]) } ?? absolute
    }

    /// `display` and `name` joined with one slash.
    static func join(_ display: String, _ name: String) -> String {
        display.hasSuffix("/") ? display + name : display + "/" + name
    }

    /// Decides whether a subfolder is entered (and with what context), recording why when it is skipped;
    /// returns the entered folder.
    private mutating func subdirectory(
        _ absolute: String, name: String, display: String, ignores: GitIgnoreStack, context: FolderContext,
        parent: OpenFolder
    ) -> Frame? {
        let lower = name.lowercased()
        let bare = lower.hasPrefix(".") ? String(lower.dropFirst()) : lower
        // `.github/workflows` is entered for its agentic workflows (gh-aw Markdown prompts) only.
        let isWorkflows = context.hiddenContainer != nil && lower == DiscoveryRules.agenticWorkflowFolder
            && Self.hasAgenticWorkflows(name, in: parent)
        let isPromptFolder = isWorkflows || DiscoveryRules.isPromptFolderName(bare)
            || context.hiddenContainer != nil && DiscoveryRules.hiddenPromptFolders.contains(lower)
            || context.isAgentPluginRoot && DiscoveryRules.pluginPromptFolders.contains(lower)
        var inner = context
        inner.isAgentPluginRoot = false
        // An ignored folder that holds files git tracks is entered for those (`GitIgnoreStack`).
        let ignores = ignores.enteringTracked(absolute) ?? ignores
        var skip: String?
        // A folder that will likely be entered is listed first, so that the policy's questions about it are
        // answered without file-system calls; folders skipped by name are not listed at all.
        let likelyEntered = !lower.hasPrefix(".") && !DiscoveryRules.neverEntered.contains(lower)
            && DiscoveryRules.skippedFolders[lower] == nil
        let listing = likelyEntered ? Self.list(absolute, in: parent, policy: policy) : nil
        if lower == ".git" || lower == ".hg" || lower == ".svn" {
            skip = "version control folder"
        } else if policy.isExcluded(absolute) {
            skip = "excluded by .promptlint.yml"
        } else if let reason = ignores.ignoreReason(absolute, isDirectory: true), !DiscoveryRules.isNestedPackage(absolute) {
            skip = reason
        } else if DiscoveryRules.neverEntered.contains(lower) {
            skip = "dependency, cache or build output folder"
        } else if let container = context.hiddenContainer, !isPromptFolder {
            skip = container
        } else if lower.hasPrefix(".") && !isPromptFolder {
            if Self.hasPromptFolder(name, in: parent) {
                inner.hiddenContainer = "in hidden folder \(display)/, of which only prompts folders are read"
            } else {
                skip = "hidden folder"
            }
        } else if let reason = DiscoveryRules.skippedFolders[lower] {
            skip = reason
        } else if let listing,
            let reason = DiscoveryRules.oldCodeReason(folderName: lower, entries: listing.entries.map(\.name))
        {
            skip = reason
        } else if context.inTests && DiscoveryRules.dataFolders.contains(lower) {
            skip = "test data folder"
        }
        if let reason = skip {
            let forced = lower != ".git" && policy.mayIncludeBelow(absolute)
            entries.append(.skipped(SkippedPath(
                display: display + "/", reason: forced ? reason + "; only files matched by include: are read" : reason,
                isDirectory: true)))
            guard forced else { return nil }
            inner.onlyIncluded = reason
        }
        if isWorkflows {
            inner.workflowsFolder = display + "/"
            inner.hiddenContainer = nil
        } else if isPromptFolder {
            if !DiscoveryRules.skillsFolders.contains(lower) {
                inner.promptFolder = display + "/"
                inner.promptFolderIsStrong = !DiscoveryRules.weakPromptFolders.contains(bare)
            }
            inner.hiddenContainer = nil
        }
        inner.enterNamedFolder(lower)
        if let listing, listing.entries.contains(where: { DiscoveryRules.pluginManifestFolders.contains($0.name) }) {
            inner.isAgentPluginRoot = true
        }
        if let listing, listing.entries.contains(where: { $0.name == AgentFileEvidence.skillFileName }) {
            inner.skillFolder = display + "/"
        }
        return enter(absolute, display: display, ignores: ignores, context: inner, listing: listing, parent: parent)
    }

    /// True when a folder has a direct subfolder named like a prompts folder (or a coding-agent prompt
    /// folder such as `agents`).
    static func hasPromptFolder(_ name: String, in parent: OpenFolder) -> Bool {
        guard let listing = DirectoryListing(name: name, in: parent) else { return false }
        return listing.entries.contains { entry in
            let lower = entry.name.lowercased()
            guard DiscoveryRules.promptFolders.contains(lower) || DiscoveryRules.hiddenPromptFolders.contains(lower)
                || lower == DiscoveryRules.agenticWorkflowFolder
            else { return false }
            guard entry.kind == .directory || listing.folder.status(of: entry.name)?.kind == .directory else { return false }
            return lower != DiscoveryRules.agenticWorkflowFolder || hasAgenticWorkflows(entry.name, in: listing.folder)
        }
    }

    /// True when a `workflows` folder holds a compiled agentic workflow (`x.lock.yml`, which `gh aw compile`
    /// writes beside each `x.md`).
    static func hasAgenticWorkflows(_ name: String, in parent: OpenFolder) -> Bool {
        guard let listing = DirectoryListing(name: name, in: parent) else { return false }
        let names = Set(listing.entries.map { $0.name.lowercased() })
        return names.contains { $0.hasSuffix(".md") && names.contains(String($0.dropLast(3)) + ".lock.yml") }
    }

    /// The size of the file a path leads to (links followed: a link to a 3 GB file is a 3 GB file).
    static func size(_ path: String) -> Int { FileReadPolicy.status(path)?.size ?? 0 }

    /// The problem with a path the system cannot open by name (`PATH_MAX` bytes or more), else nil: without
    /// this check every call on it fails and the file would be skipped without a word.
    static func tooLong(_ absolute: String) -> String? {
        let limit = Int(PATH_MAX)
        guard absolute.utf8.count >= limit else { return nil }
        return "path is \(absolute.utf8.count) bytes long, beyond the system limit of \(limit - 1) (PATH_MAX); not read"
    }
}

/// A folder's device and inode numbers.
struct FolderIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

}
