import ArgumentParser
import Foundation
import PromptLint

/// `promptlint rule PL001`: explains a rule with its examples.
struct RuleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rule", abstract: "Explain a rule, with its examples.")

    @Argument(help: "Rule id or name, e.g. PL001 or dynamic-content-in-cached-prefix.")
    var id: String

    @Option(name: .long, help: "Rules folder to add to the built-in rules (a rule with a built-in id replaces it); also PROMPTLINT_RULES.")
    var rules: String?

    func run() throws {
        let text: String = try withUsageErrors {
            let set = try RuleLoader.load(directories: try ruleDirectories(rules))
            guard let rule = set.rule(id) else { throw PromptLintError.unknownRule(id) }
            return RuleDocumentation.render(rule.definition)
        }
        try printOutput(text)
    }
}

/// `promptlint rules`: lists the rules.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the rules.")

    @Option(name: .long, help: "Rules folder to add to the built-in rules (a rule with a built-in id replaces it); also PROMPTLINT_RULES.")
    var rules: String?

    func run() throws {
        let text: String = try withUsageErrors {
            let set = try RuleLoader.load(directories: try ruleDirectories(rules))
            return RuleDocumentation.table(set.rules.map(\.definition))
        }
        try printOutput(text)
    }
}

/// The rule folders added to the built-in rules: `--rules`, `PROMPTLINT_RULES`, then the `rules-dirs` of the
/// configuration that applies to the working directory.
func ruleDirectories(_ explicit: String?) throws -> [String] {
    let cwd = FileManager.default.currentDirectoryPath
    let config = try ConfigurationLoader(fallbackDirectory: cwd).configuration(for: cwd)
    return try RuleLocator.additionalDirectories(explicit: explicit) + config.ruleDirectories
}
