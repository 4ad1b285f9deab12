import Foundation
import XCTest

@testable import PromptLint

/// Per-name block patterns are compiled once and shared; a bad pattern is nil; past the limit nothing is stored
/// but matching still works.
final class RegexCacheTests: XCTestCase {
    func testSamePatternGivesTheSameCompiledRegex() throws {
        let cache = RegexCache(limit: 2)
        let first = try XCTUnwrap(cache.regex(#"\{%\s*for\b"#))
        XCTAssertTrue(first === cache.regex(#"\{%\s*for\b"#))
        XCTAssertNil(cache.regex("(unclosed"))
        _ = cache.regex("b")
        let third = try XCTUnwrap(cache.regex("c+"))
        XCTAssertFalse(third === cache.regex("c+"), "past the limit a pattern is compiled again, not stored")
        XCTAssertEqual(third.numberOfMatches(in: "acc", range: NSRange(location: 0, length: 3)), 1)
    }
}
