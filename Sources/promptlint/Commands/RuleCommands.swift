import ArgumentParser
import Foundation
import PromptLint

/// `promptlint rule PL001`: explains a rule with its examples.
struct RuleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rule", abstract: "Explain a rule, with its examples.")

    @Argument(help: "Rule id or name, e.g. PL001 or dynamic-content-in-cached-prefix.")
    var id: String

    @Option(name: .long, help: "Rules folder.")
    var rules: String?

    func run() throws {
        let text: String = try withUsageErrors {
            let set = try RuleLoader.load(directories: [try RuleLocator.locate(explicit: rules)])
            guard let rule = set.rule(id) else { throw PromptLintError.unknownRule(id) }
            return RuleDocumentation.render(rule.definition)
        }
        print(text, terminator: "")
    }
}

/// `promptlint rules`: lists the rules.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the rules.")

    @Option(name: .long, help: "Rules folder.")
    var rules: String?

    func run() throws {
        let text: String = try withUsageErrors {
            let set = try RuleLoader.load(directories: [try RuleLocator.locate(explicit: rules)])
            return RuleDocumentation.table(set.rules.map(\.definition))
        }
        print(text, terminator: "")
    }
}
