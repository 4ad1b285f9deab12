/// A rule definition with its check instantiated.
public struct LoadedRule: Sendable {
    /// The YAML definition.
    public var definition: RuleDefinition
    /// The check, configured from the definition's parameters.
    public var check: any RuleCheck

    /// Creates a loaded rule.
    public init(definition: RuleDefinition, check: any RuleCheck) {
        self.definition = definition
        self.check = check
    }

    /// Instantiates the check a definition names.
    /// - Throws: `PromptLintError.unknownCheck` or `.invalidRule`.
    public init(definition: RuleDefinition) throws {
        guard let type = CheckRegistry.type(for: definition.check) else {
            throw PromptLintError.unknownCheck(rule: definition.id, check: definition.check)
        }
        do {
            self.check = try type.init(parameters: definition.parameters)
        } catch {
            throw PromptLintError.invalidRule(path: definition.sourcePath, reason: "\(definition.id): \(error)")
        }
        self.definition = definition
    }
}

/// The rules of a run, in id order.
public struct RuleSet: Sendable {
    /// The rules, sorted by id.
    public let rules: [LoadedRule]

    /// Creates a rule set, checking that ids and names are unique.
    /// - Throws: `PromptLintError.duplicateRule`.
    public init(_ rules: [LoadedRule]) throws {
        var seen = Set<String>()
        for rule in rules {
            for key in [rule.definition.id.lowercased(), rule.definition.name.lowercased()] {
                guard seen.insert(key).inserted else { throw PromptLintError.duplicateRule(id: key) }
            }
        }
        self.rules = rules.sorted { $0.definition.id < $1.definition.id }
    }

    /// The rule with this id or name.
    public func rule(_ idOrName: String) -> LoadedRule? {
        let key = idOrName.lowercased()
        return rules.first { $0.definition.id.lowercased() == key || $0.definition.name.lowercased() == key }
    }

    /// The first rule that runs the check `identifier`.
    public func rule(forCheck identifier: String) -> LoadedRule? {
        rules.first { $0.definition.check == identifier }
    }
}
