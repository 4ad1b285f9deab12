import Foundation

/// Listings of the working directory (`os.listdir()`, `os.walk(".")`, `glob.glob("**/*.py")`,
/// `fs.readdirSync(process.cwd())`): a CLI agent's view of the project it runs in, which differs per
/// machine and changes as files are edited. A listing of a folder the code names next to itself
/// (`os.path.dirname(__file__)`, `__dirname`) or by a fixed path other than `.` is part of the deployment.
enum WorkspaceListings {
    private static let listing = VolatileSources.Source(
        volatility: .perUser, kind: .value, what: "lists the files of the working directory")
    private static let calls: Set<String> = [
        "os.listdir", "os.walk", "os.scandir", "glob.glob", "glob.iglob", "readdirSync", "fs.readdir", "globSync",
        "glob.sync", "fg.sync", "Path.cwd().iterdir", "Path.cwd().rglob", "Path.cwd().glob",
    ]

    /// The source a listing call reads, given its dotted callee path and its first argument's source text.
    static func source(callee path: String, firstArgument: String?) -> VolatileSources.Source? {
        let parts = path.split(separator: ".").map(String.init)
        let matches = (1...min(3, max(parts.count, 1))).contains { k in calls.contains(parts.suffix(k).joined(separator: ".")) }
        guard matches else { return nil }
        guard let argument = firstArgument?.trimmingCharacters(in: .whitespaces), !argument.isEmpty else { return listing }
        if ["__file__", "__dirname", "import.meta", "resources", "importlib"].contains(where: { argument.contains($0) }) { return nil }
        let quoted = argument.first == "\"" || argument.first == "'" || argument.first == "`"
        if quoted {
            let inner = argument.dropFirst().dropLast()
            // A pattern or the current folder: the working directory's files.
            return inner == "." || inner == "./" || inner.hasPrefix("**") || inner.hasPrefix("*") ? listing : nil
        }
        return ["os.getcwd()", "process.cwd()", "Path.cwd()", "cwd", "\".\""].contains(argument) ? listing : nil
    }
}
