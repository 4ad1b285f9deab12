import Foundation

/// The Git repository a folder belongs to.
enum RepositoryRoot {
    /// The nearest folder at or above `folder` (absolute) that holds `.git` (a folder, or a file in a
    /// worktree or submodule), or nil outside any repository.
    static func of(_ folder: String) -> String? {
        var current = folder
        while true {
            if FileManager.default.fileExists(atPath: (current as NSString).appendingPathComponent(".git")) { return current }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { return nil }
            current = parent
        }
    }

    /// The names of the folders from just below the repository holding `folder` down to `folder` itself:
    /// the part of its path the repository's authors chose. Outside a repository, `folder`'s own name only.
    /// Where a checkout sits (`~/src/prompts/app`, a CI workspace under `tests/`) says nothing about its files.
    static func folderNamesInside(_ folder: String) -> [String] {
        let parts = folder.split(separator: "/").map(String.init)
        guard let root = of(folder) else { return parts.suffix(1) }
        return Array(parts.dropFirst(root.split(separator: "/").count))
    }
}
