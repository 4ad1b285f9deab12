import Foundation
import XCTest

@testable import PromptLint

/// Validates SARIF output against the parts of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json) that
/// GitHub code scanning relies on, written here as a JSON-schema subset and checked by a small validator
/// (type, required, properties, items, enum, minimum, minItems, pattern, const). No network.
final class SARIFSchemaTests: XCTestCase {
    static var message: [String: Any] { [
        "type": "object", "required": ["text"], "properties": ["text": ["type": "string", "minLength": 1]],
    ] }
    static var region: [String: Any] { [
        "type": "object", "required": ["startLine", "startColumn"],
        "properties": [
            "startLine": ["type": "integer", "minimum": 1], "startColumn": ["type": "integer", "minimum": 1],
            "endLine": ["type": "integer", "minimum": 1], "endColumn": ["type": "integer", "minimum": 1],
        ],
    ] }
    static var artifactLocation: [String: Any] { [
        "type": "object", "required": ["uri"],
        "properties": ["uri": ["type": "string", "minLength": 1, "pattern": "^[^\\\\]+$"], "uriBaseId": ["type": "string"]],
    ] }
    static var location: [String: Any] { [
        "type": "object", "required": ["physicalLocation"],
        "properties": ["physicalLocation": [
            "type": "object", "required": ["artifactLocation", "region"],
            "properties": ["artifactLocation": artifactLocation, "region": region],
        ]],
    ] }
    /// A SARIF `location` as used in `relatedLocations`: an id (minimum -1 in the schema), a message.
    static var relatedLocation: [String: Any] { [
        "type": "object", "required": ["id", "physicalLocation"],
        "properties": [
            "id": ["type": "integer", "minimum": -1], "message": message,
            "physicalLocation": [
                "type": "object", "required": ["artifactLocation", "region"],
                "properties": ["artifactLocation": artifactLocation, "region": region],
            ],
        ],
    ] }
    static var level: [String: Any] { ["type": "string", "enum": ["none", "note", "warning", "error"]] }
    static var reportingDescriptor: [String: Any] { [
        "type": "object", "required": ["id", "shortDescription", "fullDescription", "help"],
        "properties": [
            "id": ["type": "string", "minLength": 1], "name": ["type": "string"],
            "shortDescription": message, "fullDescription": message,
            "help": ["type": "object", "required": ["text"], "properties": ["text": ["type": "string", "minLength": 1], "markdown": ["type": "string"]]],
            "defaultConfiguration": ["type": "object", "properties": ["level": level]],
            "properties": ["type": "object", "properties": ["tags": ["type": "array", "items": ["type": "string"]]]],
        ],
    ] }
    static var result: [String: Any] { [
        "type": "object", "required": ["ruleId", "message", "locations", "partialFingerprints"],
        "properties": [
            "ruleId": ["type": "string", "minLength": 1], "ruleIndex": ["type": "integer", "minimum": 0], "level": level,
            "message": message, "locations": ["type": "array", "minItems": 1, "items": location],
            "relatedLocations": ["type": "array", "items": relatedLocation],
            "partialFingerprints": ["type": "object", "required": ["primaryLocationLineHash"],
                                    "properties": ["primaryLocationLineHash": ["type": "string", "minLength": 1]]],
        ],
    ] }
    static var schema: [String: Any] { [
        "type": "object", "required": ["$schema", "version", "runs"],
        "properties": [
            "$schema": ["type": "string", "pattern": "sarif-2\\.1\\.0"],
            "version": ["const": "2.1.0"],
            "runs": ["type": "array", "minItems": 1, "items": [
                "type": "object", "required": ["tool", "results"],
                "properties": [
                    "tool": ["type": "object", "required": ["driver"], "properties": ["driver": [
                        "type": "object", "required": ["name", "rules"],
                        "properties": ["name": ["type": "string", "minLength": 1], "semanticVersion": ["type": "string"],
                                       "rules": ["type": "array", "items": reportingDescriptor]],
                    ]]],
                    "originalUriBaseIds": ["type": "object"],
                    "results": ["type": "array", "items": result],
                ],
            ]],
        ],
    ] }

    func testSARIFValidatesAgainstTheSchemaSubset() throws {
        let report = ReporterTests.sampleReport()
        let json = try JSONSerialization.jsonObject(with: Data(SARIFReporter.generateReport(report).utf8))
        let errors = SchemaValidator.validate(json, against: Self.schema)
        XCTAssertTrue(errors.isEmpty, errors.joined(separator: "\n"))
        let run = try XCTUnwrap(((json as? [String: Any])?["runs"] as? [[String: Any]])?.first)
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        let rules = try XCTUnwrap((run["tool"] as? [String: Any]).flatMap { $0["driver"] as? [String: Any] }?["rules"] as? [[String: Any]])
        for r in results {
            let index = try XCTUnwrap(r["ruleIndex"] as? Int)
            XCTAssertEqual(rules[index]["id"] as? String, r["ruleId"] as? String, "ruleIndex points at the rule")
            let loc = (r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            let artifact = loc?["artifactLocation"] as? [String: Any]
            XCTAssertEqual(artifact?["uriBaseId"] as? String, "%SRCROOT%")
            XCTAssertFalse((artifact?["uri"] as? String ?? "/").hasPrefix("/"), "repository-relative URI")
        }
        XCTAssertEqual((run["originalUriBaseIds"] as? [String: Any]).flatMap { ($0["%SRCROOT%"] as? [String: Any])?["uri"] as? String },
                       "file:///repo/")
    }

    func testValidatorCatchesViolations() throws {
        var broken = try XCTUnwrap(try JSONSerialization.jsonObject(
            with: Data(SARIFReporter.generateReport(ReporterTests.sampleReport()).utf8)) as? [String: Any])
        broken["version"] = "2.0.0"
        var runs = try XCTUnwrap(broken["runs"] as? [[String: Any]])
        var results = try XCTUnwrap(runs[0]["results"] as? [[String: Any]])
        results[0]["level"] = "fatal"
        results[0].removeValue(forKey: "partialFingerprints")
        runs[0]["results"] = results
        broken["runs"] = runs
        let errors = SchemaValidator.validate(broken, against: Self.schema)
        XCTAssertTrue(errors.contains { $0.contains("$.version") })
        XCTAssertTrue(errors.contains { $0.contains("level") })
        XCTAssertTrue(errors.contains { $0.contains("partialFingerprints") })
    }

    func testRealRunValidates() throws {
        let dir = try LintTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try LintTest.write("Hi {{ user.name }}. " + String(repeating: "Follow the rules carefully. ", count: 90), "p/a.j2", in: dir)
        let runner = LintRunner(ruleDirectories: [],
                                configurations: try ConfigurationLoader(fallbackDirectory: dir), workingDirectory: dir)
        let report = try runner.run(["p"])
        XCTAssertFalse(report.findings.isEmpty)
        let json = try JSONSerialization.jsonObject(with: Data(SARIFReporter.generateReport(report).utf8))
        XCTAssertTrue(SchemaValidator.validate(json, against: Self.schema).isEmpty)
    }

    func testTheLaterValuesOfABreakAreRelatedLocations() throws {
        let dir = try LintTest.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let policy = String(repeating: "Follow the rules carefully. ", count: 90)
        try LintTest.write("Hi {{ user.name }}.\nTask: {{ task_description }}\n" + policy, "p/a.j2", in: dir)
        let runner = LintRunner(ruleDirectories: [],
                                configurations: try ConfigurationLoader(fallbackDirectory: dir), workingDirectory: dir)
        let json = try JSONSerialization.jsonObject(with: Data(SARIFReporter.generateReport(try runner.run(["p"])).utf8))
        let errors = SchemaValidator.validate(json, against: Self.schema)
        XCTAssertTrue(errors.isEmpty, errors.joined(separator: "\n"))
        let results = ((json as? [String: Any])?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]] ?? []
        let related = try XCTUnwrap(results.first { $0["ruleId"] as? String == "PL001" }?["relatedLocations"] as? [[String: Any]])
        let region = (related.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
        XCTAssertEqual(region?["startLine"] as? Int, 2)
        XCTAssertEqual(related.first?["id"] as? Int, 1)
    }
}

/// A JSON-schema subset validator: type, required, properties, items, enum, const, minimum,
/// minItems, minLength, pattern. Returns one message per violation, with a JSON path.
enum SchemaValidator {
    static func validate(_ value: Any, against schema: [String: Any], path: String = "$") -> [String] {
        var errors: [String] = []
        if let expected = schema["const"] as? String, (value as? String) != expected {
            errors.append("\(path): expected \"\(expected)\"")
        }
        if let type = schema["type"] as? String, !matches(value, type: type) {
            return errors + ["\(path): expected \(type)"]
        }
        if let options = schema["enum"] as? [String], let s = value as? String, !options.contains(s) {
            errors.append("\(path): \"\(s)\" is not one of \(options)")
        }
        if let minimum = schema["minimum"] as? Int, let n = value as? Int, n < minimum {
            errors.append("\(path): \(n) < \(minimum)")
        }
        if let minLength = schema["minLength"] as? Int, let s = value as? String, s.count < minLength {
            errors.append("\(path): shorter than \(minLength)")
        }
        if let pattern = schema["pattern"] as? String, let s = value as? String,
            s.range(of: pattern, options: .regularExpression) == nil
        {
            errors.append("\(path): \"\(s)\" does not match \(pattern)")
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                errors.append("\(path): missing required \(key)")
            }
            for (key, sub) in schema["properties"] as? [String: [String: Any]] ?? [:] {
                if let child = object[key] { errors += validate(child, against: sub, path: "\(path).\(key)") }
            }
        }
        if let array = value as? [Any] {
            if let minItems = schema["minItems"] as? Int, array.count < minItems {
                errors.append("\(path): fewer than \(minItems) items")
            }
            if let items = schema["items"] as? [String: Any] {
                for (i, item) in array.enumerated() { errors += validate(item, against: items, path: "\(path)[\(i)]") }
            }
        }
        return errors
    }

    static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "integer":
            guard let n = value as? NSNumber, !["true", "false"].contains(String(describing: value)) else { return false }
            return n.doubleValue == n.doubleValue.rounded()
        case "boolean": return value is Bool
        default: return true
        }
    }
}
