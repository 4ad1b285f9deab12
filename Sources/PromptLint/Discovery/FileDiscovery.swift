import Foundation
import SafeIO

/// Decides which files under the given paths are prompts, with evidence for each file read and a reason
/// for each candidate skipped. Folders are walked in name order, honouring `.gitignore` files (the
/// repository's and nested ones); version-control, dependency and build folders are never entered;
/// hidden folders are skipped except prompt folders (`.prompts`, `.github/prompts`,
/// `.continue/prompts`); symbolic links to folders are followed once (loops are reported). Files named
/// explicitly are always read. A path longer than the system's limit (`PATH_MAX`) is reported, not entered.
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
        var seen = Set<String>()
        return walk.entries.filter { entry in
            if case .read(let file) = entry { return seen.insert(file.absolute).inserted }
            return true
        }
    }
}

/// One walk's state.
struct Walk {
    let policy: DiscoveryPolicy
    var entries: [DiscoveryEntry] = []
    /// The folders on the current path, by device and inode, with how each was shown: a folder met again
    /// below itself is a link loop. (Identity by `stat`, not `realpath`: resolving every component of every
    /// folder made a deep tree cost cubic time in its depth.)
    private var visited: [FolderIdentity: String] = [:]

    init(policy: DiscoveryPolicy) {
        self.policy = policy
    }

    mutating func directory(
        _ absolute: String, display: String, ignores: GitIgnoreStack, context: FolderContext,
        listing known: DirectoryListing? = nil
    ) {
        // One open of the folder by path; its entries' types come from the listing (no path lookups per entry).
        guard let listing = known ?? Self.list(absolute, policy: policy) else {
            entries.append(.problem(display: display, message: "directory cannot be read"))
            return
        }
        let identity = FolderIdentity(device: listing.device, inode: listing.inode)
        if let earlier = visited[identity] {
            entries.append(.problem(display: display, message: "symbolic link loop: \(display) leads back to \(earlier)"))
            return
        }
        visited[identity] = display
        defer { visited[identity] = nil }
        let ignores = listing.entries.contains { $0.name == ".gitignore" }
            ? ignores.entering(absolute, display: display) : ignores
        for name in listing.undecodableNames {
            entries.append(.problem(display: Self.join(display, name), message: "file name is not valid UTF-8; not linted"))
        }
        for entry in listing.entries {
            let name = entry.name
            let childAbsolute = absolute == "/" ? "/" + name : absolute + "/" + name
            let childDisplay = display == "." ? name : Self.join(display, name)
            if let problem = Self.tooLong(childAbsolute) {
                entries.append(.problem(display: childDisplay, message: problem))
                continue
            }
            let isDirectory: Bool
            switch entry.kind {
            case .directory: isDirectory = true
            case .regular, .other: isDirectory = false
            case .symbolicLink, .unknown:
                // Follow the link (once, here); a link that leads nowhere is reported.
                guard let status = FileReadPolicy.status(childAbsolute) else {
                    if entry.kind == .symbolicLink { entries.append(.problem(display: childDisplay, message: "broken symbolic link")) }
                    continue
                }
                isDirectory = status.kind == .directory
            }
            if isDirectory {
                subdirectory(childAbsolute, name: name, display: childDisplay, ignores: ignores, context: context)
            } else if let entry = FileDecision(policy: policy, context: context, ignores: ignores)
                .decide(childAbsolute, name: name, display: childDisplay)
            {
                entries.append(entry)
            }
        }
    }

    /// The folder's listing, told to the policy (so configuration lookups need not ask the file system).
    static func list(_ absolute: String, policy: DiscoveryPolicy) -> DirectoryListing? {
        guard let listing = DirectoryListing(absolute) else { return nil }
        policy.folderListed(absolute, listing.entries.contains { $0.name == ConfigurationLoader.fileName })
        return listing
    }

    /// `display` and `name` joined with one slash.
    static func join(_ display: String, _ name: String) -> String {
        display.hasSuffix("/") ? display + name : display + "/" + name
    }

    private mutating func subdirectory(
        _ absolute: String, name: String, display: String, ignores: GitIgnoreStack, context: FolderContext
    ) {
        let lower = name.lowercased()
        let bare = lower.hasPrefix(".") ? String(lower.dropFirst()) : lower
        let isPromptFolder = DiscoveryRules.promptFolders.contains(bare)
            || context.hiddenContainer != nil && DiscoveryRules.hiddenPromptFolders.contains(lower)
        var inner = context
        var skip: String?
        // A folder that will likely be entered is listed first, so that the policy's questions about it are
        // answered without file-system calls; folders skipped by name are not listed at all.
        let likelyEntered = !lower.hasPrefix(".") && !DiscoveryRules.neverEntered.contains(lower)
            && DiscoveryRules.skippedFolders[lower] == nil
        let listing = likelyEntered ? Self.list(absolute, policy: policy) : nil
        if lower == ".git" || lower == ".hg" || lower == ".svn" {
            skip = "version control folder"
        } else if policy.isExcluded(absolute) {
            skip = "excluded by .promptlint.yml"
        } else if let reason = ignores.ignoreReason(absolute, isDirectory: true) {
            skip = reason
        } else if DiscoveryRules.neverEntered.contains(lower) {
            skip = "dependency, cache or build output folder"
        } else if let container = context.hiddenContainer, !isPromptFolder {
            skip = container
        } else if lower.hasPrefix(".") && !isPromptFolder {
            if Self.hasPromptFolder(absolute) {
                inner.hiddenContainer = "in hidden folder \(display)/, of which only prompts folders are read"
            } else {
                skip = "hidden folder"
            }
        } else if let reason = DiscoveryRules.skippedFolders[lower] {
            skip = reason
        } else if context.inTests && DiscoveryRules.dataFolders.contains(lower) {
            skip = "test data folder"
        }
        if let reason = skip {
            let forced = lower != ".git" && policy.mayIncludeBelow(absolute)
            entries.append(.skipped(SkippedPath(
                display: display + "/", reason: forced ? reason + "; only files matched by include: are read" : reason,
                isDirectory: true)))
            guard forced else { return }
            inner.onlyIncluded = reason
        }
        if isPromptFolder {
            inner.promptFolder = display + "/"
            inner.promptFolderIsStrong = !DiscoveryRules.weakPromptFolders.contains(bare)
            inner.hiddenContainer = nil
        }
        if DiscoveryRules.testFolders.contains(lower) { inner.inTests = true }
        if DiscoveryRules.dataFolders.contains(lower) { inner.inDataFolder = true }
        directory(absolute, display: display, ignores: ignores, context: inner, listing: listing)
    }

    /// True when a folder has a direct subfolder named like a prompts folder (or a coding-agent prompt
    /// folder such as `agents`).
    static func hasPromptFolder(_ absolute: String) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? []
        return names.contains { name in
            var isDirectory: ObjCBool = false
            let lower = name.lowercased()
            return (DiscoveryRules.promptFolders.contains(lower) || DiscoveryRules.hiddenPromptFolders.contains(lower))
                && FileManager.default.fileExists(atPath: (absolute as NSString).appendingPathComponent(name),
                                                  isDirectory: &isDirectory) && isDirectory.boolValue
        }
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
