import Foundation

/// Values fixed per machine, workspace or deployment whose names the per-request word lists would
/// otherwise misread: editor variables of VS Code / Copilot prompt files (`${workspaceFolder}`), the
/// operating system and platform a tool runs on (`{{ os }}`, `OS_NAME`, the `platform.uname()` fields
/// `{{system}} {{release}} {{version}} {{machine}}` together), and role or agent names (`ROLE_NAME`).
/// An OS has a handful of values per user machine, not one per request: the cache is warm per machine.
/// A bare `platform` is left alone: in prompts it is as often the social network a post is written for.
extension SlotClassifier {
    /// VS Code's predefined variables that are the same for every request in a workspace (not
    /// `${file}`, `${selection}` or `${input:…}`, which change with what the user points at).
    static let workspaceVariables: Set<String> = [
        "workspacefolder", "workspacefolderbasename", "workspaceroot", "userhome", "pathseparator", "/", "execpath", "cwd",
    ]
    /// Names (as word tokens) of the machine a tool runs on.
    static let machineNames: Set<[String]> = [
        ["os"], ["os", "name"], ["os", "type"], ["os", "version"], ["os", "platform"], ["os", "info"], ["operating", "system"],
        ["platform", "system"], ["arch"], ["architecture"], ["machine"], ["shell"],
        ["system", "info"], ["system", "information"], ["uname"],
        // The container a tool's commands run in, chosen per deployment or task (not an image the user sends).
        ["docker", "image"], ["container", "image"], ["docker", "image", "name"], ["container", "image", "name"],
    ]
    /// The fields of Python's `platform.uname()`, which describe the machine when they appear together.
    static let unameFields: Set<String> = ["system", "node", "release", "version", "machine"]

    /// The class of a slot whose value is fixed by the environment, or nil.
    func environmentClass(_ slot: TemplateSlot, tokens: [String], name: String, template: PromptTemplate?) -> SlotClass? {
        let bare = name.trimmingCharacters(in: CharacterSet(charactersIn: "$")).lowercased()
        if Self.isDollarBraced(slot, in: template), Self.workspaceVariables.contains(bare) || bare.hasPrefix("env:") || bare.hasPrefix("config:") {
            return SlotClass(
                volatility: .constant, kind: .value,
                reason: "`${\(name)}` is an editor variable fixed per workspace (VS Code predefined variables, settings and environment)")
        }
        if Self.machineNames.contains(tokens) {
            return SlotClass(volatility: .constant, kind: .value,
                             reason: "`\(name)` names the machine, operating system or container, fixed per installation", evidence: .name)
        }
        if tokens.count == 1, let field = tokens.first, Self.unameFields.contains(field), let template {
            let names = Set(template.slots.map { NameTokens.split(classifierSubject($0)) }.filter { $0.count == 1 }.map { $0[0] })
            if names.contains("machine"), names.intersection(Self.unameFields).count >= 3 {
                return SlotClass(volatility: .constant, kind: .value,
                                 reason: "`\(name)` is one of the platform.uname() fields the template lists together", evidence: .name)
            }
        }
        return nil
    }

    /// True for `${name}`, whether the reader kept the `$` in the slot or left it in the text before.
    static func isDollarBraced(_ slot: TemplateSlot, in template: PromptTemplate?) -> Bool {
        if slot.source.hasPrefix("${") { return true }
        guard slot.source.hasPrefix("{"), let template, slot.position.offset > 0 else { return false }
        let utf8 = template.source.utf8
        guard slot.position.offset <= utf8.count else { return false }
        return utf8[utf8.index(utf8.startIndex, offsetBy: slot.position.offset - 1)] == UInt8(ascii: "$")
    }

    private func classifierSubject(_ slot: TemplateSlot) -> String {
        subject(of: slot, expression: slot.expression.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
