import Foundation

/// Finds rule folders that add to the built-in rules (which are compiled into the library: see `BuiltInRules`).
///
/// Order: the explicit directory (`--rules`), then each folder of `PROMPTLINT_RULES` (separated by `:`). A rule in
/// these folders with the id of a built-in rule replaces it; others are added.
public enum RuleLocator {
    /// The rule folders to load on top of the built-in rules.
    /// - Parameters:
    ///   - explicit: a directory given with `--rules`.
    ///   - environment: the process environment (`PROMPTLINT_RULES`).
    /// - Throws: `PromptLintError.rulesNotFound` naming a folder that does not exist.
    public static func additionalDirectories(
        explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> [String] {
        var folders: [String] = []
        if let explicit { folders.append(explicit) }
        if let env = environment["PROMPTLINT_RULES"], !env.isEmpty {
            folders += env.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        for folder in folders where !isDirectory(folder) { throw PromptLintError.rulesNotFound(searched: [folder]) }
        var unique: [String] = []
        for folder in folders {
            let standard = (folder as NSString).standardizingPath
            if !unique.contains(where: { ($0 as NSString).standardizingPath == standard }) { unique.append(folder) }
        }
        return unique
    }

    /// The nearest directory at or above `start` that holds `Package.swift` and a `Rules` folder.
    public static func packageRoot(from start: String) -> String? {
        var dir = (start as NSString).standardizingPath
        while true {
            let package = (dir as NSString).appendingPathComponent("Package.swift")
            if FileManager.default.fileExists(atPath: package),
                isDirectory((dir as NSString).appendingPathComponent("Rules"))
            {
                return dir
            }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { return nil }
            dir = parent
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}
