import Foundation
import XCTest

@testable import PromptLint

/// Included partials (`{% include %}`, `{{> name}}`) are counted as part of the prompt that includes
/// them: their static text after a break, their dynamic values as a break at the include.
final class PartialExpansionTests: XCTestCase {
    private func linter(_ partials: [String: String]) throws -> PromptLinter {
        var linter = try LintTest.linter(LintTest.costConfiguration)
        linter.partials = InMemoryPartialSource(partials)
        return linter
    }

    private func pl001(_ text: String, format: TemplateFormat = .jinja, path: String = "prompts/t.j2",
                       partials: [String: String]) throws -> [Finding] {
        try linter(partials).lint(text: text, path: path, format: format).findings.filter { $0.ruleID == "PL001" }
    }

    func testStaticPartialAfterABreakIsCounted() throws {
        let text = "Task: {{ task_description }}\n{% include \"partials/rules.prompt\" %}\n"
        let partials = ["partials/rules.prompt": CostProfileTests.prose(700)]
        XCTAssertEqual(try pl001(text, partials: partials).map(\.line), [1])
        // Without partials the include is an opaque static sub-template: nothing counted after the task.
        XCTAssertTrue(try LintTest.linter(LintTest.costConfiguration).lint(text: text, path: "t.j2", format: .jinja).findings
            .filter { $0.ruleID == "PL001" }.isEmpty)
    }

    func testDynamicValuesInsideAPartialBreakThePrefixAtTheInclude() throws {
        let text = "You are a debugger.\n{% include \"partials/details.prompt\" %}\n" + CostProfileTests.prose(700) + "\n"
        let partials = ["partials/details.prompt": "Project files:\n{% for f in files %}{{ f.path }}\n{% endfor %}"]
        let found = try pl001(text, partials: partials)
        XCTAssertEqual(found.map(\.line), [2])
        XCTAssertTrue(found.first?.message.contains("partials/details.prompt") == true, found.first?.message ?? "")
    }

    /// The finding at the include lists where the partial writes each value (its file and line: holdout24's
    /// ag3ntum `modules/identity.j2` line 9, reported at `system.j2`'s include); a static partial adds no site.
    func testAPartialsValueIsListedAtItsOwnLine() throws {
        let text = "You are a helper.\n{% include \"modules/env.j2\" %}\n{% include \"modules/rules.j2\" %}\n"
        let partials = ["modules/env.j2": "# Environment\nDate: {{ current_date }}\n", "modules/rules.j2": CostProfileTests.prose(700)]
        let found = try pl001(text, partials: partials)
        XCTAssertEqual(found.map(\.line), [2])
        let sites = found.first?.related.filter { $0.path != nil } ?? []
        XCTAssertEqual(sites.map { "\($0.path ?? ""):\($0.line)" }, ["modules/env.j2:2"])
    }

    func testOnlyTheLongestBranchOfAPartialCounts() throws {
        let branches = "{% if verbose %}" + CostProfileTests.prose(300) + "{% else %}" + CostProfileTests.prose(300) + "{% endif %}"
        let text = "Task: {{ task_description }}\n{% include \"b.prompt\" %}\n"
        XCTAssertTrue(try pl001(text, partials: ["b.prompt": branches]).isEmpty)
    }

    func testNestedPartialsCyclesAndMissingPartials() throws {
        // a includes b includes a: each file's content counts once, no hang.
        let a = "{% include \"b\" %}" + CostProfileTests.prose(300)
        let b = "{% include \"a\" %}" + CostProfileTests.prose(300)
        let text = "Task: {{ task_description }}\n{% include \"a\" %}\n"
        XCTAssertEqual(try pl001(text, partials: ["a": a, "b": b]).map(\.line), [1])
        // A missing partial is content of unknown volatility at the include (a guess, so `info`).
        let missing = "You are a reviewer.\n{% include \"missing.prompt\" %}\n" + CostProfileTests.prose(700)
        let found = try pl001(missing, partials: [:])
        XCTAssertEqual(found.map(\.line), [2])
        XCTAssertEqual(found.first?.severity, .info)
        XCTAssertTrue(found.first?.message.contains("was not found") == true, found.first?.message ?? "")
    }

    func testDepthIsBounded() throws {
        var partials: [String: String] = [:]
        for i in 0..<20 { partials["p\(i)"] = "{% include \"p\(i + 1)\" %} level \(i). " }
        let template = TemplateReading.read(path: "t.j2", text: "Start {% include \"p0\" %}", format: .jinja)
        let expanded = PartialExpansion(source: InMemoryPartialSource(partials), classifier: SlotClassifier(),
                                        tokenCounter: EstimatedTokenCounter()).expand(template)
        let unknown = expanded.slots.filter { $0.provenance?.reason.contains("more than 8 includes deep") == true }
        XCTAssertEqual(unknown.count, 1)
    }

    func testHandlebarsAndDotpromptPartialNames() throws {
        let text = "{{ question }}\n{{> policy}}\n"
        XCTAssertEqual(try pl001(text, format: .handlebars, path: "p/t.hbs", partials: ["policy.hbs": CostProfileTests.prose(700)])
            .map(\.line), [1])
        XCTAssertEqual(IncludeTarget.candidates("policy", format: .dotprompt, includer: "prompts/a.prompt").prefix(2),
                       ["policy", "policy.prompt"])
        XCTAssertTrue(IncludeTarget.candidates("policy", format: .dotprompt, includer: "a.prompt").contains("_policy.prompt"))
    }

    func testFilePartialsResolveFromTheTemplateFolderUpwardsWithinTheRoot() throws {
        let root = NSTemporaryDirectory() + "promptlint-partials-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/prompts/partials", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/prompts/agent", withIntermediateDirectories: true)
        try Data("rules".utf8).write(to: URL(fileURLWithPath: root + "/prompts/partials/rules.prompt"))
        try Data("outside".utf8).write(to: URL(fileURLWithPath: root + "/secret.prompt"))
        let source = FilePartialSource(root: root + "/prompts", limit: 1 << 20)
        let found = source.load("partials/rules.prompt", includedBy: root + "/prompts/agent/t.prompt")
        XCTAssertEqual(found.map { String(decoding: $0.data, as: UTF8.self) }, "rules")
        XCTAssertNil(source.load("../secret.prompt", includedBy: root + "/prompts/agent/t.prompt"))
        XCTAssertNil(source.load("nothing.prompt", includedBy: root + "/prompts/agent/t.prompt"))
    }
}
