import Foundation
import XCTest

@testable import PromptLint
import PromptLintTestSupport

/// A test case with a fresh temporary folder per test (`dir`), removed after it.
class TemporaryFolderTestCase: XCTestCase {
    /// The test's folder.
    var dir = ""

    override func setUpWithError() throws { dir = try LintTest.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }
}

/// Helpers shared by the lint tests.
enum LintTest {
    /// The package root.
    static var packageRoot: String { PackagePaths.root }


    /// The golden-output folder.
    static var goldenDirectory: String { packageRoot + "/Tests/PromptLintTests/Lint/Golden" }

    /// The built-in rules (compiled into the library).
    static func rules() throws -> RuleSet { try RuleLoader.load(directories: []) }

    /// What most lint tests run under: `profile: strict`. Their templates are a few lines long and test the
    /// engine's mechanics (readers, classification, one finding per break), which the hygiene thresholds
    /// show on short text; the default `cost` profile (512-token threshold) has its own tests
    /// (CostProfileTests, PartialExpansionTests, EnvironmentConstantTests) that pass `costConfiguration`.
    static var strictConfiguration: Configuration {
        var configuration = Configuration(baseDirectory: "/")
        configuration.profile = .strict
        return configuration
    }

    /// The default configuration (`cost` profile).
    static var costConfiguration: Configuration { Configuration(baseDirectory: "/") }

    /// A linter with the built-in rules and `configuration`.
    static func linter(_ configuration: Configuration = strictConfiguration) throws -> PromptLinter {
        PromptLinter(rules: try rules(), configuration: configuration)
    }

    /// Lints `text` read as `format`; returns the rule ids found.
    static func ruleIDs(_ text: String, format: TemplateFormat, path: String? = nil,
                        configuration: Configuration = strictConfiguration) throws -> [String] {
        try linter(configuration).lint(text: text, path: path ?? "t.\(format.usualExtension)", format: format).findings
            .map(\.ruleID)
    }

    /// `PL002@line` for each PL002 finding of `text` read as a rendered plain-text prompt without slots, the kind of
    /// prompt PL002 reads (it is quiet in source code and in templates with slots).
    static func volatileLiterals(_ text: String) throws -> [String] {
        try linter().lint(text: text, path: "prompts/rendered.txt", format: .plainText).findings
            .filter { $0.ruleID == "PL002" }.map { "PL002@\($0.line)" }
    }

    /// A position on `line`, column 1.
    static func at(_ line: Int, _ column: Int = 1, _ offset: Int = 0) -> SourcePosition {
        SourcePosition(line: line, column: column, offset: offset)
    }

    /// A hand-built slot.
    static func slot(_ expression: String, line: Int = 1, offset: Int = 0, loop: Bool = false,
                     conditional: Bool = false, include: Bool = false, filters: [String] = []) -> TemplateSlot {
        let variable = NameTokens.head(of: expression).split(separator: ".").first.map(String.init)
        return TemplateSlot(expression: expression, variable: variable, filters: filters, source: "{{ \(expression) }}",
                            position: at(line, 1, offset), isLoop: loop, isConditional: conditional, isInclude: include)
    }

    /// A one-message template from segments given as strings (`"{{x}}"` style entries become slots).
    static func template(_ parts: [String], role: MessageRole = .system, format: TemplateFormat = .jinja) -> PromptTemplate {
        var offset = 0
        var segments: [TemplateSegment] = []
        for (i, part) in parts.enumerated() {
            if part.hasPrefix("{{") && part.hasSuffix("}}") {
                let expr = String(part.dropFirst(2).dropLast(2)).trimmingCharacters(in: .whitespaces)
                segments.append(.slot(slot(expr, line: i + 1, offset: offset)))
            } else {
                segments.append(.text(part, at(i + 1, 1, offset)))
            }
            offset += part.utf8.count
        }
        return PromptTemplate(path: "t.j2", format: format,
                              messages: [TemplateMessage(role: role, segments: segments, position: .start)],
                              source: parts.joined())
    }

    /// Compares `actual` with the golden file `name`, rewriting it when `RECORD_GOLDEN` is set.
    static func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = goldenDirectory + "/" + name
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil || !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(atPath: goldenDirectory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
            let expectedLine = firstDiff < e.count ? String(e[firstDiff]) : "<end>"
            let actualLine = firstDiff < a.count ? String(a[firstDiff]) : "<end>"
            XCTFail("\(name) differs at line \(firstDiff + 1):\n- \(expectedLine)\n+ \(actualLine)\n(re-record with RECORD_GOLDEN=1)",
                    file: file, line: line)
        }
    }

    /// "Billion laughs": ten lines `aN: &aN [...]`, each a sequence of nine aliases of the line before, so the
    /// last would expand to 9^10 values.
    static let aliasBombYAML: String = {
        var yaml = "a0: &a0 [" + Array(repeating: "\"lol\"", count: 9).joined(separator: ",") + "]\n"
        for i in 1..<10 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ",") + "]\n" }
        return yaml
    }()

    /// A temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> String { try TestFiles.temporaryDirectory(prefix: "promptlint-tests") }

    /// Writes `text` to `dir/name`, creating folders.
    @discardableResult
    static func write(_ text: String, _ name: String, in dir: String) throws -> String {
        try TestFiles.write(text, name, in: dir)
    }
}
