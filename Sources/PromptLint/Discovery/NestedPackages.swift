import Foundation

extension DiscoveryRules {
    /// True for a Python package inside another package (`app/services/brain/` with an `__init__.py`, under
    /// `app/services/`, which has one too): source code of the program, whatever a `.gitignore` says. An
    /// ignore pattern written for a scratch folder of the same name elsewhere (a bare `brain/` for an
    /// agent's notes) matches it as well, but git still tracks the files committed there, and build
    /// output, caches and virtual environments are never a package within a package.
    static func isNestedPackage(_ absolute: String) -> Bool {
        let parent = (absolute as NSString).deletingLastPathComponent
        let files = FileManager.default
        return files.fileExists(atPath: absolute + "/__init__.py") && files.fileExists(atPath: parent + "/__init__.py")
    }
}
