import Foundation

/// Finds the built-in `Rules/` folder at run time.
///
/// Order: an explicit directory, `PROMPTLINT_RULES`, `../../Rules` and `../Rules` next to the
/// executable, then the package root found by walking up from the working directory and from the
/// executable (a directory holding `Package.swift` and `Rules/`).
public enum RuleLocator {
    /// The rules directory to use.
    /// - Parameters:
    ///   - explicit: a directory given with `--rules`.
    ///   - environment: the process environment.
    ///   - executablePath: the running executable's path.
    ///   - workingDirectory: the current directory.
    /// - Throws: `PromptLintError.rulesNotFound` listing what was searched.
    public static func locate(
        explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = CommandLine.arguments.first,
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) throws -> String {
        if let explicit {
            guard isDirectory(explicit) else { throw PromptLintError.rulesNotFound(searched: [explicit]) }
            return explicit
        }
        var searched: [String] = []
        if let env = environment["PROMPTLINT_RULES"], !env.isEmpty {
            if isDirectory(env) { return env }
            searched.append(env)
        }
        var starts = [workingDirectory]
        if let exe = executablePath.map(resolvedExecutable) {
            let dir = (exe as NSString).deletingLastPathComponent
            for candidate in [(dir as NSString).appendingPathComponent("../../Rules"),
                              (dir as NSString).appendingPathComponent("../Rules")] {
                let standard = (candidate as NSString).standardizingPath
                if isRulesDirectory(standard) { return standard }
                searched.append(standard)
            }
            starts.append(dir)
        }
        for start in starts {
            if let root = packageRoot(from: start) { return (root as NSString).appendingPathComponent("Rules") }
            searched.append("package root above \(start)")
        }
        throw PromptLintError.rulesNotFound(searched: searched)
    }

    /// The nearest directory at or above `start` that holds `Package.swift` and a `Rules` folder.
    public static func packageRoot(from start: String) -> String? {
        var dir = (start as NSString).standardizingPath
        while true {
            let package = (dir as NSString).appendingPathComponent("Package.swift")
            if FileManager.default.fileExists(atPath: package),
                isRulesDirectory((dir as NSString).appendingPathComponent("Rules"))
            {
                return dir
            }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { return nil }
            dir = parent
        }
    }

    static func resolvedExecutable(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
            ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (absolute as NSString).resolvingSymlinksInPath
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    static func isRulesDirectory(_ path: String) -> Bool {
        guard isDirectory(path), let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            return false
        }
        return names.contains { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
    }
}
