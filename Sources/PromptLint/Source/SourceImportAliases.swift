/// Callees spelled with a local alias of an import: `_dt.now()` after `from datetime import datetime as _dt`,
/// `t.time()` after `import time as t`, `makeId()` after `import { v4 as makeId } from "uuid"`.
extension SourceAnalysis {
    /// The callee `path` spelled with the names it was imported under (the bare name first, then the name
    /// under its module), so a clock or a random source read through an alias is still recognised; empty when
    /// the path's first name is not an aliased import.
    func unaliasedPaths(_ path: String) -> [String] {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        guard let head = parts.first, let imported = imports[head] else { return [] }
        let rest = parts.count > 1 ? "." + parts[1] : ""
        if let name = imported.name {
            guard name != head, name != "default" else { return [] }
            return [name + rest, imported.module + "." + name + rest]
        }
        guard imported.module != head else { return [] }
        return [imported.module + rest]
    }
}
