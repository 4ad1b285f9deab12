import Foundation

/// A file to lint, or a path that could not be walked.
public enum WalkEntry: Sendable, Hashable {
    /// A regular file (absolute path, the path as given or found, size in bytes).
    case file(absolute: String, display: String, size: Int)
    /// A problem with a path (symlink loop, unreadable directory, broken link).
    case problem(display: String, message: String)
}

/// Expands paths into template files: directories are recursed (skipping hidden folders such as `.git`
/// and `.build`, and `node_modules`), symlinked directories are followed once (loops are reported), and only files
/// with template extensions are taken from directories. Files named explicitly are always taken.
public struct FileWalker: Sendable {
    /// Extensions taken from directories.
    public static let templateExtensions: Set<String> = [
        "txt", "md", "markdown", "j2", "jinja", "jinja2", "njk", "nunjucks", "liquid", "prompty", "prompt", "poml",
        "mustache", "hbs", "handlebars", "yaml", "yml", "json",
    ]
    /// Directory names never entered.
    public static let skippedDirectories: Set<String> = [
        ".git", ".hg", ".svn", "node_modules", ".build", ".swiftpm", "__pycache__", ".venv", "venv", ".tox",
        ".mypy_cache", ".pytest_cache", "DerivedData",
    ]
    /// File names never taken from directories.
    public static let skippedFiles: Set<String> = [
        ".promptlint.yml", "package.json", "package-lock.json", "tsconfig.json", "Package.resolved",
        ".promptlint-baseline.json",
    ]

    /// Decides whether a path (file or directory) is excluded by configuration.
    public var isExcluded: @Sendable (String) -> Bool

    /// Creates a walker.
    public init(isExcluded: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.isExcluded = isExcluded
    }

    /// Walks `paths` (relative to `cwd` unless absolute).
    /// - Throws: `PromptLintError.pathNotFound` for a path that does not exist.
    public func walk(_ paths: [String], cwd: String = FileManager.default.currentDirectoryPath) throws -> [WalkEntry] {
        var entries: [WalkEntry] = []
        for path in paths {
            let abs = PathUtil.absolute(path, cwd: cwd)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: abs, isDirectory: &isDir) else {
                if (try? FileManager.default.destinationOfSymbolicLink(atPath: abs)) != nil {
                    entries.append(.problem(display: path, message: "broken symbolic link"))
                    continue
                }
                throw PromptLintError.pathNotFound(path)
            }
            if isDir.boolValue {
                var visited = Set<String>()
                walkDirectory(abs, display: path, visited: &visited, into: &entries)
            } else {
                entries.append(.file(absolute: abs, display: path, size: Self.size(abs)))
            }
        }
        var seen = Set<String>()
        return entries.filter { entry in
            if case .file(let abs, _, _) = entry { return seen.insert(abs).inserted }
            return true
        }
    }

    private func walkDirectory(_ abs: String, display: String, visited: inout Set<String>, into entries: inout [WalkEntry]) {
        let real = Self.realPath(abs)
        guard visited.insert(real).inserted else {
            entries.append(.problem(display: display, message: "symbolic link loop: \(display) leads back to \(real)"))
            return
        }
        defer { visited.remove(real) }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: abs) else {
            entries.append(.problem(display: display, message: "directory cannot be read"))
            return
        }
        for name in names.sorted() {
            let childAbs = (abs as NSString).appendingPathComponent(name)
            let childDisplay = display == "." ? name : (display as NSString).appendingPathComponent(name)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: childAbs, isDirectory: &isDir) else {
                if (try? FileManager.default.destinationOfSymbolicLink(atPath: childAbs)) != nil {
                    entries.append(.problem(display: childDisplay, message: "broken symbolic link"))
                }
                continue
            }
            if isDir.boolValue {
                if Self.skippedDirectories.contains(name) || name.hasPrefix(".") || isExcluded(childAbs) { continue }
                walkDirectory(childAbs, display: childDisplay, visited: &visited, into: &entries)
            } else {
                let ext = (name as NSString).pathExtension.lowercased()
                guard Self.templateExtensions.contains(ext), !Self.skippedFiles.contains(name), !isExcluded(childAbs)
                else { continue }
                entries.append(.file(absolute: childAbs, display: childDisplay, size: Self.size(childAbs)))
            }
        }
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
