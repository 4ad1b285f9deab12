import Foundation
import Yams

/// Reads rule YAML (the built-in `Rules/*.yml`, compiled in, and users' rule folders) into rule definitions.
public enum RuleLoader {
    /// The built-in rules (unless `builtIn` is false) with every `.yml`/`.yaml` file of `directories` (not
    /// recursive, in name order) added: a rule with the id of a built-in rule replaces it.
    /// - Throws: `PromptLintError` when a file does not parse or validate, or ids repeat among the added rules.
    public static func load(directories: [String], builtIn: Bool = true) throws -> RuleSet {
        var rules: [LoadedRule] = []
        for directory in directories {
            guard let listed = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
                throw PromptLintError.invalidRule(path: directory, reason: "not a readable folder")
            }
            let names = listed.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
            // A rules folder without rules would lint nothing and pass: a mistake, never what was meant.
            guard !names.isEmpty else {
                throw PromptLintError.invalidRule(path: directory, reason: "the folder holds no rule files (*.yml)")
            }
            for name in names.sorted() {
                let path = (directory as NSString).appendingPathComponent(name)
                for definition in try definitions(path: path) {
                    rules.append(try LoadedRule(definition: definition))
                }
            }
        }
        guard builtIn else { return try RuleSet(rules) }
        let replaced = Set(rules.map { $0.definition.id.lowercased() })
        return try RuleSet(try BuiltInRules.rules().filter { !replaced.contains($0.definition.id.lowercased()) } + rules)
    }

    /// Parses one rule file; a file holds one rule (a mapping) or several (a list of mappings).
    public static func definitions(path: String) throws -> [RuleDefinition] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PromptLintError.invalidRule(path: path, reason: "cannot read file")
        }
        return try definitions(yaml: String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses rule YAML text.
    public static func definitions(yaml: String, path: String) throws -> [RuleDefinition] {
        let root: Any?
        do {
            root = try SafeYAML.load(yaml: yaml)
        } catch {
            throw PromptLintError.invalidRule(path: path, reason: "YAML does not parse: \(error)")
        }
        let maps: [[String: Any]]
        if let one = root as? [String: Any] {
            maps = (one["rules"] as? [[String: Any]]) ?? [one]
        } else if let many = root as? [[String: Any]] {
            maps = many
        } else {
            throw PromptLintError.invalidRule(path: path, reason: "expected a mapping or a list of mappings")
        }
        return try maps.map { try definition($0, path: path) }
    }

    static func definition(_ map: [String: Any], path: String) throws -> RuleDefinition {
        func required(_ key: String) throws -> String {
            guard let value = map[key].flatMap({ ParameterValue(yaml: $0)?.stringValue }), !value.isEmpty else {
                throw PromptLintError.invalidRule(path: path, reason: "missing '\(key)'")
            }
            return value.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let id = try required("id")
        let name = try required("name")
        guard name.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil else {
            throw PromptLintError.invalidRule(path: path, reason: "\(id): name '\(name)' is not kebab-case")
        }
        let severityText = try required("severity")
        guard let severity = Severity(rawValue: severityText) else {
            throw PromptLintError.invalidRule(path: path, reason: "\(id): unknown severity '\(severityText)'")
        }
        var providers: [Provider] = []
        for raw in (map["providers"].flatMap { ParameterValue(yaml: $0)?.stringList } ?? []) where raw != "all" {
            guard let provider = Provider(rawValue: raw) else {
                throw PromptLintError.invalidRule(path: path, reason: "\(id): unknown provider '\(raw)'")
            }
            providers.append(provider)
        }
        var parameters: [String: ParameterValue] = [:]
        if let raw = map["parameters"], case .map(let m)? = ParameterValue(yaml: raw) { parameters = m }
        let examples = map["examples"] as? [String: Any] ?? [:]
        let message = try required("message")
        return RuleDefinition(
            id: id, name: name, severity: severity, enabledByDefault: (map["enabled"] as? Bool) ?? true,
            message: message,
            summary: (map["summary"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? name,
            rationale: try required("rationale"), fix: try required("fix"), providers: providers,
            check: try required("check"), parameters: RuleParameters(parameters),
            triggeringExamples: try parseExamples(examples["triggering"], id: id, path: path),
            nonTriggeringExamples: try parseExamples(examples["non_triggering"] ?? examples["non-triggering"], id: id, path: path),
            sourcePath: path)
    }

    static func parseExamples(_ raw: Any?, id: String, path: String) throws -> [RuleExample] {
        guard let list = raw as? [Any] else { return [] }
        return try list.map { item in
            guard let map = item as? [String: Any], let text = map["text"] as? String else {
                throw PromptLintError.invalidRule(path: path, reason: "\(id): an example needs 'format' and 'text'")
            }
            let formatName = (map["format"] as? String) ?? "text"
            guard let format = TemplateFormat(rawValue: formatName) else {
                throw PromptLintError.invalidRule(path: path, reason: "\(id): unknown example format '\(formatName)'")
            }
            let profileName = (map["profile"] as? String) ?? LintProfile.cost.rawValue
            guard let profile = LintProfile(rawValue: profileName) else {
                throw PromptLintError.invalidRule(path: path, reason: "\(id): unknown example profile '\(profileName)'")
            }
            return RuleExample(format: format, text: text, path: map["path"] as? String, profile: profile)
        }
    }
}
