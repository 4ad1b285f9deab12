import Foundation
import XCTest

@testable import PromptLint

/// Each provider's arithmetic against numbers worked out by hand (prices from Rules/pricing).
final class SavingsArithmeticTests: XCTestCase {
    // MARK: minimums and increments

    func testOpenAIMinimumAndIncrements() {
        // 1,024 tokens minimum, hits in 128-token steps: 1024, 1152, 1280, …
        XCTAssertEqual(CacheArithmetic.cachedTokens(prefix: 1023, minimum: 1024, increment: 128), 0)
        XCTAssertEqual(CacheArithmetic.cachedTokens(prefix: 1024, minimum: 1024, increment: 128), 1024)
        XCTAssertEqual(CacheArithmetic.cachedTokens(prefix: 1151, minimum: 1024, increment: 128), 1024)
        XCTAssertEqual(CacheArithmetic.cachedTokens(prefix: 1152, minimum: 1024, increment: 128), 1152)
        XCTAssertEqual(CacheArithmetic.cachedTokens(prefix: 2000, minimum: 1024, increment: 128), 1920)  // 1024 + 7*128
    }

    func testAnthropicMinimumsPerTier() throws {
        // Any length at or above the model's minimum: Sonnet 4.5 1,024, Haiku 4.5 4,096, Sonnet 4.6 2,048.
        let sonnet = try SavingsTest.model("anthropic", "claude-sonnet-4-5")
        let haiku = try SavingsTest.model("anthropic", "claude-haiku-4-5")
        let sonnet46 = try SavingsTest.model("anthropic", "sonnet-4.6")
        XCTAssertEqual(CacheArithmetic.cachedTokens(prefix: 1500, minimum: sonnet.minimumCacheableTokens, increment: sonnet.increment), 1500)
        XCTAssertEqual(CacheArithmetic.cachedTokens(prefix: 1023, minimum: sonnet.minimumCacheableTokens, increment: sonnet.increment), 0)
        XCTAssertEqual(CacheArithmetic.cachedTokens(prefix: 4000, minimum: haiku.minimumCacheableTokens, increment: haiku.increment), 0)
        XCTAssertEqual(CacheArithmetic.cachedTokens(prefix: 4097, minimum: haiku.minimumCacheableTokens, increment: haiku.increment), 4097)
        XCTAssertEqual(CacheArithmetic.cachedTokens(prefix: 2047, minimum: sonnet46.minimumCacheableTokens, increment: 1), 0)
        XCTAssertEqual(sonnet.maxBreakpoints, 4)
    }

    func testDeepSeekUnits() throws {
        let ds = try SavingsTest.model("deepseek", "deepseek-chat")
        XCTAssertEqual(ds.minimumCacheableTokens, 64)
        XCTAssertEqual(ds.increment, 64)
        XCTAssertEqual(CacheArithmetic.cachedTokens(prefix: 63, minimum: 64, increment: 64), 0)
        XCTAssertEqual(CacheArithmetic.cachedTokens(prefix: 64, minimum: 64, increment: 64), 64)
        XCTAssertEqual(CacheArithmetic.cachedTokens(prefix: 130, minimum: 64, increment: 64), 128)
        XCTAssertEqual(CacheArithmetic.cachedTokens(prefix: 1502, minimum: 64, increment: 64), 1472)  // 23 * 64
    }

    func testGeminiMinimums() throws {
        XCTAssertEqual(try SavingsTest.model("gemini", "gemini-2.5-flash").minimumCacheableTokens, 1024)
        XCTAssertEqual(try SavingsTest.model("gemini", "gemini-2.5-pro").minimumCacheableTokens, 4096)
        XCTAssertEqual(try SavingsTest.model("gemini", "pro").tokenizer, .gemma)
    }

    // MARK: hit-rate model

    func testWarmProbability() {
        // 1,440 requests/day = 1 per minute; TTL 5 min: 1 - e^-5.
        XCTAssertEqual(CacheArithmetic.warmProbability(requestsPerDay: 1440, ttlMinutes: 5), 0.9932620530009145, accuracy: 1e-12)
        // 144/day = 0.1/min: 1 - e^-0.5.
        XCTAssertEqual(CacheArithmetic.warmProbability(requestsPerDay: 144, ttlMinutes: 5), 0.3934693402873666, accuracy: 1e-12)
        // 10/day, 5 min: 1 - e^-(10/1440*5).
        XCTAssertEqual(CacheArithmetic.warmProbability(requestsPerDay: 10, ttlMinutes: 5), 0.034126322758950334, accuracy: 1e-12)
        XCTAssertEqual(CacheArithmetic.warmProbability(requestsPerDay: 0, ttlMinutes: 5), 0)
    }

    // MARK: cost per request, write surcharges

    func testAnthropicWriteSurcharge() throws {
        let sonnet = try SavingsTest.model("anthropic", "claude-sonnet-4-5")
        // 2,000 input tokens, 1,500 cached, warm half the time:
        // 1500 * (0.5*0.30 + 0.5*3.75) + 500 * 3.00 = 3037.5 + 1500 = 4537.5 per 1e6.
        let cost = CacheArithmetic.costPerRequest(inputTokens: 2000, cachedTokens: 1500, outputTokens: 0, warm: 0.5, pricing: sonnet)
        XCTAssertEqual(cost, 0.0045375, accuracy: 1e-12)
        // With 100 output tokens at $15: + 0.0015.
        let withOutput = CacheArithmetic.costPerRequest(inputTokens: 2000, cachedTokens: 1500, outputTokens: 100, warm: 0.5, pricing: sonnet)
        XCTAssertEqual(withOutput, 0.0060375, accuracy: 1e-12)
        // Break-even warm share: (3.75 - 3) / (3.75 - 0.30).
        XCTAssertEqual(try XCTUnwrap(CacheArithmetic.breakEvenWarmProbability(sonnet)), 0.21739130434782608, accuracy: 1e-12)
    }

    func testOpenAIHasNoWriteSurcharge() throws {
        let gpt4o = try SavingsTest.model("openai", "gpt-4o")
        XCTAssertNil(CacheArithmetic.breakEvenWarmProbability(gpt4o))
        // 1,300 tokens, 1,280 cached, always warm: 1280 * 1.25 + 20 * 2.50 = 1650 per 1e6.
        XCTAssertEqual(CacheArithmetic.costPerRequest(inputTokens: 1300, cachedTokens: 1280, outputTokens: 0, warm: 1, pricing: gpt4o),
                       0.00165, accuracy: 1e-12)
        // Cold: the cached part costs plain input.
        XCTAssertEqual(CacheArithmetic.costPerRequest(inputTokens: 1300, cachedTokens: 1280, outputTokens: 0, warm: 0, pricing: gpt4o),
                       0.00325, accuracy: 1e-12)
    }

    // MARK: whole estimates on a hand-built template (one token per word)

    func estimate(_ provider: String, _ model: String, requestsPerDay: Double) throws -> TemplateSavings {
        var traffic = TrafficAssumptions()
        traffic.requestsPerDay = requestsPerDay
        let estimator = SavingsEstimator(pricing: try SavingsTest.model(provider, model), counter: WordCounter(), traffic: traffic)
        let results = estimator.estimate(handTemplate())
        XCTAssertEqual(results.count, 1)
        return try XCTUnwrap(results.first)
    }

    func testEstimateSonnet() throws {
        let t = try estimate("anthropic", "claude-sonnet-4-5", requestsPerDay: 1440)
        XCTAssertEqual(t.staticTokens, 1502)
        XCTAssertEqual(t.prefixTokensNow, 2)
        XCTAssertEqual(t.dynamicTokens, 158)  // time 8 + input 150 (defaults per kind)
        XCTAssertEqual(t.cachedTokensNow, 0)  // 2 < 1024
        XCTAssertEqual(t.cachedTokensFixed, 1502)
        // Now: 1660 * $3 / 1e6.
        XCTAssertEqual(t.costPerRequest, 0.00498, accuracy: 1e-12)
        // Fixed: [1502 * (p*0.30 + (1-p)*3.75) + 158 * 3] / 1e6 with p = 1 - e^-5.
        XCTAssertEqual(t.costPerRequestFixed, 0.0009595153675545611, accuracy: 1e-12)
        XCTAssertEqual(t.savingsPerMonth, 173.68493612164298, accuracy: 1e-8)  // * 1440/day * 30 days
        XCTAssertEqual(t.strip.map(\.kind), [.staticMissed, .dynamic, .staticMissed, .dynamic])
        XCTAssertEqual(t.fixedStrip.map(\.tokens), [1502, 158])
    }

    func testEstimateOpenAIIncrements() throws {
        let t = try estimate("openai", "gpt-4o", requestsPerDay: 1440)
        XCTAssertEqual(t.cachedTokensFixed, 1408)  // 1024 + 3*128 <= 1502
        XCTAssertEqual(t.costPerRequest, 0.00415, accuracy: 1e-12)
        // [1408 * (p*1.25 + (1-p)*2.50) + 252 * 2.50] / 1e6.
        XCTAssertEqual(t.costPerRequestFixed, 0.0024018587867183907, accuracy: 1e-12)
    }

    func testEstimateDeepSeek() throws {
        let t = try estimate("deepseek", "deepseek-chat", requestsPerDay: 1440)
        XCTAssertEqual(t.cachedTokensNow, 0)  // 2 < 64
        XCTAssertEqual(t.cachedTokensFixed, 1472)
        XCTAssertEqual(t.warmProbability, 1 - exp(-60), accuracy: 1e-15)  // 1/min, 60-min TTL
        XCTAssertEqual(t.costPerRequest, 0.0009296, accuracy: 1e-12)
        XCTAssertEqual(t.costPerRequestFixed, 0.00020832, accuracy: 1e-12)
    }

    func testLowTrafficWriteSurchargeMeansNoBreakpoint() throws {
        // 10/day: P(warm) 0.034 is below Sonnet's break-even 0.217, so caching would cost more than it saves.
        let t = try estimate("anthropic", "claude-sonnet-4-5", requestsPerDay: 10)
        XCTAssertEqual(t.cachedTokensFixed, 0)
        XCTAssertEqual(t.costPerRequestFixed, t.costPerRequest, accuracy: 1e-15)
        XCTAssertEqual(t.savingsPerMonth, 0, accuracy: 1e-12)
        XCTAssertTrue(t.notes.contains { $0.contains("caching does not pay") }, "\(t.notes)")
        // OpenAI has no surcharge: even at 10/day the fixed layout is cheaper.
        let o = try estimate("openai", "gpt-4o", requestsPerDay: 10)
        XCTAssertGreaterThan(o.savingsPerMonth, 0)
    }

    func testAnthropicRequestWithoutBreakpointCachesNothingToday() throws {
        var template = handTemplate(path: "req.json", format: .anthropicRequest)
        // Make everything static: drop the dynamic slots.
        template.messages[0].segments.remove(at: 1)
        template.messages.removeLast()
        var traffic = TrafficAssumptions()
        traffic.requestsPerDay = 1440
        let t = try XCTUnwrap(SavingsEstimator(pricing: try SavingsTest.model("anthropic", "sonnet"), counter: WordCounter(),
                                               traffic: traffic).estimate(template).first)
        XCTAssertEqual(t.prefixTokensNow, 0)
        XCTAssertEqual(t.cachedTokensFixed, 1502)
        XCTAssertTrue(t.notes.contains { $0.contains("no cache_control") })
        // With a breakpoint on the system message the prefix is cached today.
        template.messages[0].hasCacheBreakpoint = true
        let marked = try XCTUnwrap(SavingsEstimator(pricing: try SavingsTest.model("anthropic", "sonnet"), counter: WordCounter(),
                                                    traffic: traffic).estimate(template).first)
        XCTAssertEqual(marked.cachedTokensNow, 1502)
        XCTAssertEqual(marked.savingsPerRequest, 0, accuracy: 1e-15)
    }

    func testSlotSizesFromSampleValuesAndConfig() throws {
        var template = handTemplate()
        template.sampleValues["question"] = "one two three four five"
        var traffic = TrafficAssumptions()
        traffic.slotTokens["current_date"] = 3
        let t = try XCTUnwrap(SavingsEstimator(pricing: try SavingsTest.model("openai", "gpt-4o"), counter: WordCounter(),
                                               traffic: traffic).estimate(template).first)
        XCTAssertEqual(t.dynamicTokens, 8)  // 3 (config) + 5 (sample value)
        XCTAssertEqual(t.slots.map(\.sizeSource), ["config", "sample value"])
    }
}
