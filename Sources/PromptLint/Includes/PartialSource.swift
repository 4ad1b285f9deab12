import Foundation
import SafeIO

/// Where the files a template includes (`{% include %}`, Handlebars/Mustache/Dotprompt `{{> name}}`)
/// are looked up.
public protocol PartialSource: Sendable {
    /// The text of the partial `name` as included by the template at `including`, with the path it was
    /// found at (used to detect include cycles), or nil when no such partial can be read.
    func load(_ name: String, includedBy including: String) -> (path: String, data: Data)?
    /// A loaded partial's path as reports show it (relative to where promptlint runs), for pointing at a value
    /// written in the partial.
    func shown(_ path: String) -> String
}

extension PartialSource {
    /// The path as loaded.
    public func shown(_ path: String) -> String { path }
}

/// Partials on disk. A name is tried relative to the including template's folder, then to each folder
/// above it up to `root` (Jinja's `FileSystemLoader` and most partial loaders resolve from a template
/// root that is one of these folders), never outside `root`. Files go through the shared read policy
/// (regular files only, at most `limit` bytes).
public struct FilePartialSource: PartialSource {
    /// The folder lookups never leave (the folder promptlint runs in).
    public let root: String
    /// Largest partial read.
    public let limit: Int
    /// The folder reported paths are relative to (where promptlint runs); `root` when not given.
    public let shownFrom: String

    /// Creates a source rooted at `root`, showing paths relative to `shownFrom` (default `root`).
    public init(root: String, limit: Int, shownFrom: String? = nil) {
        self.root = PathUtil.absolute(root)
        self.limit = limit
        self.shownFrom = PathUtil.absolute(shownFrom ?? root)
    }

    /// `path` relative to `shownFrom`.
    public func shown(_ path: String) -> String { PathUtil.relative(path, to: shownFrom) }

    /// Reads the first candidate that exists (see the type's description).
    public func load(_ name: String, includedBy including: String) -> (path: String, data: Data)? {
        guard !name.isEmpty, !name.hasPrefix("/") else { return nil }
        let rootPrefix = root.hasSuffix("/") ? root : root + "/"
        var folder = (PathUtil.absolute(including, cwd: root) as NSString).deletingLastPathComponent
        while true {
            let candidate = PathUtil.absolute(name, cwd: folder)
            if candidate.hasPrefix(rootPrefix), let data = try? FileReadPolicy.read(candidate, limit: limit) {
                return (candidate, data)
            }
            guard folder.hasPrefix(rootPrefix), folder != root else { return nil }
            folder = (folder as NSString).deletingLastPathComponent
        }
    }
}

/// Partials held in memory by name (tests, library callers that render templates from a bundle).
public struct InMemoryPartialSource: PartialSource {
    /// Partial text by name, as the template names it.
    public let partials: [String: String]

    /// Creates a source.
    public init(_ partials: [String: String]) { self.partials = partials }

    /// The partial of that exact name.
    public func load(_ name: String, includedBy including: String) -> (path: String, data: Data)? {
        partials[name].map { (name, Data($0.utf8)) }
    }
}
