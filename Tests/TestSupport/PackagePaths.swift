import Foundation

/// Folders of this package, found from this file's own path (so tests work from any working directory and in
/// any clone).
public enum PackagePaths {
    /// The package root: the nearest folder above this file that holds `Package.swift`.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }()

    /// `Rules/`, the source of truth for the built-in rules and pricing.
    public static var rules: String { root + "/Rules" }

    /// `Rules/pricing`.
    public static var pricing: String { rules + "/pricing" }

    /// `path` under the package root.
    public static func file(_ relative: String) -> String { root + "/" + relative }
}
