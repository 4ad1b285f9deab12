import Foundation
import XCTest

@testable import PromptLint

/// The pricing data and its validation: every entry sourced and dated, one-line errors naming file and key.
final class SavingsPricingTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws { dir = try SavingsTest.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func testBuiltInDataCoversProvidersAndTiers() throws {
        let catalog = try SavingsTest.catalog()
        XCTAssertEqual(Set(catalog.providers), ["anthropic", "deepseek", "gemini", "openai"])
        let tiers = Set(catalog.models.filter { $0.provider == "anthropic" }.compactMap(\.tier))
        XCTAssertEqual(tiers, ["haiku", "sonnet", "opus"])
        for id in ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-5", "gpt-5-mini", "gemini-2.5-flash", "gemini-2.5-pro", "deepseek-chat"] {
            XCTAssertNoThrow(try catalog.model(provider: nil, model: id), id)
        }
        for m in catalog.models {
            XCTAssertTrue(m.source.hasPrefix("https://"), "\(m.id) source \(m.source)")
            XCTAssertNotNil(m.date.range(of: #"^\d{4}-\d{2}(-\d{2})?$"#, options: .regularExpression), "\(m.id) date \(m.date)")
            XCTAssertLessThanOrEqual(m.cachedRead, m.input, m.id)
            XCTAssertGreaterThanOrEqual(m.cacheWrite, m.input, m.id)
            XCTAssertGreaterThan(m.ttlMinutes, 0, m.id)
        }
        // Anthropic's multipliers: 5-minute write 1.25x, read 0.1x (Haiku 3's table prices are $0.30 and $0.03, not exact multiples).
        for m in catalog.models where m.provider == "anthropic" && m.id != "claude-haiku-3" {
            XCTAssertEqual(m.cacheWrite, m.input * 1.25, accuracy: 1e-9, m.id)
            XCTAssertEqual(m.cachedRead, m.input * 0.1, accuracy: 1e-9, m.id)
        }
        XCTAssertEqual(try catalog.model(provider: nil, model: nil).id, "claude-sonnet-4-5")
        XCTAssertEqual(try catalog.model(provider: "openai", model: nil).id, "gpt-4o")
    }

    func testUnknownProviderAndModel() throws {
        let catalog = try SavingsTest.catalog()
        XCTAssertThrowsError(try catalog.model(provider: "acme", model: nil)) { error in
            XCTAssertEqual((error as? SavingsError).map { if case .unknownProvider = $0 { true } else { false } }, true)
            XCTAssertTrue(error.localizedDescription.contains("unknown provider 'acme'"), error.localizedDescription)
        }
        XCTAssertThrowsError(try catalog.model(provider: "openai", model: "gpt-2")) { error in
            let text = error.localizedDescription
            XCTAssertTrue(text.contains("unknown model 'gpt-2' for provider openai") && text.contains("gpt-4o"), text)
            XCTAssertFalse(text.contains("\n"))
        }
    }

    func testFileThatDoesNotParse() throws {
        let path = try SavingsTest.write("provider: acme\nmodels: [\n  - id: x\n", "acme.yml", in: dir)
        XCTAssertThrowsError(try PricingLoader.load(directory: dir)) { error in
            let text = error.localizedDescription
            XCTAssertTrue(text.hasPrefix("invalid pricing \(path): (yaml): does not parse"), text)
            XCTAssertFalse(text.contains("\n"), text)
        }
    }

    func entry(_ extra: String, drop: String? = nil) -> String {
        var lines = ["    input: 1.0", "    output: 2.0", "    cached-read: 0.1", "    min-cacheable-tokens: 1024",
                     "    ttl-minutes: 5", "    source: https://example.com/prices", "    date: 2026-01-02"]
        if let drop { lines.removeAll { $0.contains(drop + ":") } }
        return "provider: acme\nmodels:\n  - id: m1\n" + lines.joined(separator: "\n") + "\n" + extra
    }

    func assertError(_ yaml: String, key: String, _ reason: String, line: UInt = #line) throws {
        let path = try SavingsTest.write(yaml, "acme.yml", in: dir)
        XCTAssertThrowsError(try PricingLoader.load(directory: dir), line: line) { error in
            let text = error.localizedDescription
            XCTAssertTrue(text.hasPrefix("invalid pricing \(path): \(key): "), text, line: line)
            XCTAssertTrue(text.contains(reason), text, line: line)
            XCTAssertFalse(text.contains("\n"), text, line: line)
        }
    }

    func testValidationNamesTheKey() throws {
        XCTAssertEqual(try PricingLoader.parseFile(entry(""), path: "x.yml").models.first?.cacheWrite, 1.0)  // no surcharge by default
        try assertError(entry("    increment: 0\n"), key: "models[0].increment", "integer >= 1")
        try assertError(entry("").replacingOccurrences(of: "input: 1.0", with: "input: -1"), key: "models[0].input", "non-negative")
        try assertError(entry("", drop: "source"), key: "models[0].source", "missing")
        // Finite and bounded, so that no report shows inf or nan (issue 18).
        try assertError(entry("").replacingOccurrences(of: "input: 1.0", with: "input: 1e308"), key: "models[0].input", "at most 100000")
        try assertError(entry("").replacingOccurrences(of: "output: 2.0", with: "output: .inf"), key: "models[0].output", "at most 100000")
        try assertError(entry("", drop: "date"), key: "models[0].date", "missing")
        try assertError(entry("", drop: "ttl-minutes"), key: "models[0].ttl-minutes", "missing")
        try assertError(entry("    colour: blue\n"), key: "models[0].colour", "unknown key")
        try assertError(entry("    tokenizer: o200k\n"), key: "models[0].tokenizer", "cl100k")
        try assertError(entry("").replacingOccurrences(of: "cached-read: 0.1", with: "cached-read: 5"), key: "models[0].cached-read", "above")
        try assertError("provider: acme\nmodels: []\n", key: "models", "non-empty")
        try assertError(entry("").replacingOccurrences(of: "provider: acme", with: "provider: acme\ndefault-model: nope"),
                        key: "default-model", "not one of the models")
    }

    func testConfigurationOverridesAndAdditions() throws {
        let config = try SavingsTest.write("""
            pricing:
              provider: anthropic
              model: claude-sonnet-4-5
              models:
                - provider: anthropic
                  id: sonnet
                  input: 2.70
                - provider: acme
                  id: acme-1
                  input: 1
                  output: 2
                  cached-read: 0.5
                  min-cacheable-tokens: 256
                  increment: 32
                  ttl-minutes: 10
            traffic:
              requests-per-day: 5000
              templates: {"hot/*.j2": 90000}
              output-tokens: 200
              slot-kind-tokens: {documents: 1500}
            """, ".promptlint.yml", in: dir)
        let context = try SavingsContext.resolve(options: SavingsOptions(tokenizerFallback: true), ruleDirectories: [],
                                                 configurationPath: config, environment: ["HOME": dir])
        XCTAssertEqual(context.pricing.id, "claude-sonnet-4-5")
        XCTAssertEqual(context.pricing.input, 2.70)
        XCTAssertEqual(context.pricing.cachedRead, 0.30)  // kept from the data file
        XCTAssertEqual(context.traffic.requestsPerDay, 5000)
        XCTAssertEqual(context.traffic.requestsPerDay(for: dir + "/hot/a.j2"), 90000)
        XCTAssertEqual(context.traffic.outputTokens, 200)
        XCTAssertEqual(context.traffic.kindTokens[.documents], 1500)
        XCTAssertTrue(context.tokens.isFallback)  // HOME points at an empty folder
        let acme = try SavingsContext.resolve(options: SavingsOptions(provider: "acme", tokenizerFallback: true),
                                              ruleDirectories: [], configurationPath: config,
                                              environment: ["HOME": dir])
        XCTAssertEqual(acme.pricing.increment, 32)
        // The command line wins over the configuration.
        let cli = try SavingsContext.resolve(options: SavingsOptions(provider: "openai", requestsPerDay: 7, tokenizerFallback: true),
                                             ruleDirectories: [], configurationPath: config,
                                             environment: ["HOME": dir])
        XCTAssertEqual(cli.pricing.id, "gpt-4o")
        XCTAssertEqual(cli.traffic.requestsPerDay(for: dir + "/hot/a.j2"), 7)
        // The lint configuration loader accepts the two sections.
        XCTAssertNoThrow(try ConfigurationLoader.load(path: config))
    }

    func testBadTrafficAndIncompleteNewModel() throws {
        XCTAssertThrowsError(try SavingsContext.resolve(options: SavingsOptions(requestsPerDay: -5), ruleDirectories: [],
                                                        configurationPath: nil)) { error in
            XCTAssertTrue(error.localizedDescription.contains("--requests-per-day: must be a non-negative number"), error.localizedDescription)
        }
        let negative = try SavingsTest.write("traffic:\n  requests-per-day: -3\n", "neg/.promptlint.yml", in: dir)
        XCTAssertThrowsError(try SavingsContext.resolve(options: SavingsOptions(), ruleDirectories: [], configurationPath: negative)) { error in
            XCTAssertEqual(error.localizedDescription,
                           "invalid traffic setting \(negative): traffic.requests-per-day: must be a non-negative number at most 10000000000, got '-3'")
        }
        let incomplete = try SavingsTest.write("pricing:\n  models:\n    - provider: acme\n      id: a\n      input: 1\n",
                                               "inc/.promptlint.yml", in: dir)
        XCTAssertThrowsError(try SavingsContext.resolve(options: SavingsOptions(), ruleDirectories: [], configurationPath: incomplete)) { error in
            XCTAssertEqual(error.localizedDescription,
                           "invalid pricing \(incomplete): pricing.models[0].output: missing (USD per million tokens)")
        }
    }
}
