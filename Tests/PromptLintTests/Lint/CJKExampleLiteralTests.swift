import XCTest

@testable import PromptLint

/// A timestamp a Chinese or Japanese prompt gives as an example of a format (`时间格式：ISO 8601（如
/// 2026-08-17T15:00:00+08:00）`) is written once by the author, like an English `e.g.` (holdout24:
/// Cecil09312/DingDingAIAssistant agent/tools/tool_schemas.py line 18). Own text, in a
/// rendered plain-text prompt: PL002 reads only text sent as it is.
final class CJKExampleLiteralTests: XCTestCase {
    private func volatileLiterals(_ line: String) throws -> [String] {
        let text = "你是一个日程助手，根据用户的话选择工具。\n\(line)\n"
            + String(repeating: "只输出 JSON，不要解释。参会人为姓名或手机号列表，地点可以为空，标题不超过二十个字。\n", count: 6)
        return try LintTest.volatileLiterals(text)
    }

    func testATimestampIntroducedAsAnExampleIsNotAVolatileLiteral() throws {
        for line in ["时间格式：ISO 8601（如 2026-08-17T15:00:00+08:00）", "开始时间例如 2026-08-17T15:00:00+08:00",
                     "日時の形式は 2026-08-17T15:00:00+09:00 です"] {
            XCTAssertEqual(try volatileLiterals(line), [], line)
        }
    }

    func testATimestampStatedAsTheCurrentTimeIsStillFound() throws {
        for line in ["当前时间：2026-08-17T15:00:00+08:00", "现在是 2026-08-17T15:00:00+08:00，请据此计算相对日期"] {
            XCTAssertEqual(try volatileLiterals(line), ["PL002@2"], line)
        }
    }
}
