import Foundation
import XCTest

@testable import PromptLint

/// Inputs that crashed the fuzz targets (Scripts/fuzz.sh), kept as found (after the target's selector byte).
final class FuzzRegressionTests: XCTestCase {
    /// FuzzConfig: a complex mapping key (`? ...`) made Yams.load force-unwrap nil (Yams Constructor.swift:448).
    static let configCrash = Data(base64Encoded: "cnVsZXM6IHtQTDAwMTogZXJyb3J9Cj8gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLBzOiB7UEwwMDE6IGVycm9yfQo/ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsCAgJiYmsLCwsCAgJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiAgIG8g")!

    /// FuzzRequest: an unterminated object gave the raw-value scan a range past the end of the bytes
    /// (JinjaScanner index out of range).
    static let requestCrash = Data(base64Encoded: "ICJyAXsPew==")!

    func testComplexYAMLKeyIsAnErrorNotACrash() {
        let text = String(decoding: Self.configCrash, as: UTF8.self)
        XCTAssertThrowsError(try ConfigurationLoader.parse(text, path: "/repo/.promptlint.yml"))
        XCTAssertThrowsError(try RuleLoader.definitions(yaml: text, path: "/repo/rule.yml"))
        for yaml in ["? [a, b]\n: c\n", "? {a: 1}\n: c\n", "rules:\n  ? [PL001]\n  : error\n", "- ? [x]\n  : y\n"] {
            XCTAssertThrowsError(try ConfigurationLoader.parse(yaml, path: "/repo/.promptlint.yml"), yaml) { error in
                XCTAssertFalse("\(error)".contains("\n"), "\(error)")
            }
            XCTAssertThrowsError(try RuleLoader.definitions(yaml: yaml, path: "/repo/rule.yml"), yaml)
        }
        XCTAssertNoThrow(try ConfigurationLoader.parse("rules: {PL001: error}\n", path: "/repo/.promptlint.yml"))
    }

    func testTruncatedRequestJSONIsReadNotACrash() throws {
        let linter = try LintTest.linter()
        for kind in RequestKind.allCases { _ = linter.lintRequest(Self.requestCrash, kind: kind) }
        for format in TemplateFormat.allCases {
            _ = TemplateReading.read(path: "r.json", data: Self.requestCrash, format: format)
        }
        let template = TemplateReading.read(path: "r.json", data: Self.requestCrash, format: .openAIRequest)
        XCTAssertFalse(template.issues.isEmpty)
    }
}
