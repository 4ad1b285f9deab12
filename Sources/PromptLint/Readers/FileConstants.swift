/// Values a data file sets next to its prompts (scalar siblings, `vars:`-like sections): evidence that
/// a slot of the same name is filled with a constant rather than per request.
struct FileConstants {
    /// One value set in the file.
    struct Constant {
        /// The key as written.
        var name: String
        /// The value, flattened and shortened for messages.
        var value: String
        /// The 1-based line where it is set.
        var line: Int
        /// The number of items when the value is a list (a loop over it renders its body that many times).
        var count: Int? = nil
    }

    /// By lower-cased name and by dotted path (`vars.window`).
    private var byName: [String: Constant] = [:]

    /// This scope plus the scalars of an object's `pairs` and of its `vars`-like sections (nearest wins).
    func adding(_ pairs: [(key: String, value: DocValue)], file: SourceText) -> FileConstants {
        var copy = self
        for pair in pairs where !pair.key.isEmpty {
            if PromptFieldKeys.variableSections.contains(pair.key.lowercased()), let entries = pair.value.pairs {
                for entry in entries where !entry.key.isEmpty {
                    copy.set(entry.key, entry.value, file: file)
                    copy.set(pair.key + "." + entry.key, entry.value, file: file)
                }
            } else {
                copy.set(pair.key, pair.value, file: file)
            }
        }
        return copy
    }

    private mutating func set(_ name: String, _ value: DocValue, file: SourceText) {
        let text: String
        var count: Int?
        switch value {
        case .string(let s): text = s.value
        case .scalar(let s, _): text = s
        case .array(let items, _) where items.allSatisfy({ $0.string != nil }) && !items.isEmpty:
            text = value.flatText(limit: 80)
            count = items.count
        default: return
        }
        // An empty or null value, or one that is itself a placeholder, is filled in later, not constant.
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || ["null", "~", "none", "*alias"].contains(trimmed.lowercased()) { return }
        if trimmed.hasPrefix("{") && trimmed.hasSuffix("}") && !trimmed.contains("\n") { return }
        if trimmed.hasPrefix("<") && trimmed.hasSuffix(">") && !trimmed.contains(" ") { return }
        let shown = trimmed.count > 40 ? String(trimmed.prefix(40)) + "…" : trimmed
        let line = file.position(value.offset).line
        byName[name.lowercased()] = Constant(
            name: name, value: shown.replacingOccurrences(of: "\n", with: " "), line: line, count: count)
    }

    /// The constant a slot reads, if the file sets it.
    func constant(for slot: TemplateSlot) -> Constant? {
        guard !slot.isInclude else { return nil }
        let head = NameTokens.head(of: slot.expression).trimmingCharacters(in: CharacterSet(charactersIn: "$ "))
        let subject = slot.isLoop ? LoopSyntax.collection(of: slot.expression) ?? head : head
        var candidates = [subject.lowercased()]
        if let variable = slot.variable?.lowercased() { candidates.append(variable) }
        if let root = subject.split(separator: ".").first { candidates.append(String(root).lowercased()) }
        for candidate in candidates where !candidate.isEmpty {
            if let found = byName[candidate] { return found }
        }
        return nil
    }

    /// A constant provenance for a slot the file sets, citing where.
    func provenance(of slot: TemplateSlot) -> SlotClass? {
        guard let found = constant(for: slot) else { return nil }
        return SlotClass(
            volatility: .constant, kind: .value,
            reason: "`\(found.name)` is set to `\(found.value)` in this file (line \(found.line))")
    }
}

import Foundation
