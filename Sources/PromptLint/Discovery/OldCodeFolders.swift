extension DiscoveryRules {
    /// Folders that keep old code no live path runs: a project's previous version moved to `archive/`
    /// (`archive/backend/...` beside the live `backend/`), `deprecated/`, `obsolete/`, `old/`. Their prompts and
    /// send sites are copies nobody sends, and their builders would be taken for the live ones' (a template of
    /// the live tree read as filled by the archived builder). `legacy` is not one: it names code still run
    /// beside the new path as often as retired code. `include:` in `.promptlint.yml` reads such a folder again.
    public static let oldCodeFolders: Set<String> = ["archive", "archived", "deprecated", "obsolete", "old"]

    /// Files that make a folder a module its code imports by the folder's name (a Python package, a
    /// JavaScript/TypeScript folder module, a Rust module): a `src/archive/` package serving a transcript
    /// archive, or an `api/links/archive/index.ts` route, is live code named for what it does.
    public static let moduleEntryFiles: Set<String> = [
        "__init__.py", "index.ts", "index.tsx", "index.js", "index.jsx", "index.mjs", "index.cjs", "mod.rs",
    ]

    /// The reason a folder (lower-cased `name`, holding files named `entries`) is skipped as old code: its name
    /// is one of `oldCodeFolders` and it is not a module the code imports.
    public static func oldCodeReason(folderName name: String, entries: [String]) -> String? {
        guard oldCodeFolders.contains(name), !entries.contains(where: { moduleEntryFiles.contains($0.lowercased()) })
        else { return nil }
        return "old code folder (\(name)/, which no live path runs)"
    }
}
