import XCTest

@testable import PromptLint

/// A timestamp a Chinese or Japanese prompt gives as an example of a format (`时间格式：ISO 8601（如
/// 2026-08-17T15:00:00+08:00）`) is written once by the author, like an English `e.g.` (holdout24:
/// Cecil09312/DingDingAIAssistant agent/tools/tool_schemas.py line 18). Own text.
final class CJKExampleLiteralTests: XCTestCase {
    private func prompt(_ line: String) -> String {
        """
        from openai import OpenAI
        TOOL_PROMPT = \"\"\"你是一个日程助手，根据用户的话选择工具。
        \(line)
        \(String(repeating: "只输出 JSON，不要解释。参会人为姓名或手机号列表，地点可以为空，标题不超过二十个字。\n", count: 6))\"\"\"
        def choose(client, text):
            return client.chat.completions.create(model="m", messages=[{"role": "system", "content": TOOL_PROMPT}, {"role": "user", "content": text}])
        """
    }

    func testATimestampIntroducedAsAnExampleIsNotAVolatileLiteral() throws {
        for line in ["时间格式：ISO 8601（如 2026-08-17T15:00:00+08:00）", "开始时间例如 2026-08-17T15:00:00+08:00",
                     "日時の形式は 2026-08-17T15:00:00+09:00 です"] {
            XCTAssertEqual(try SourceTest.findings(prompt(line)).filter { $0.hasPrefix("PL002") }, [], line)
        }
    }

    func testATimestampStatedAsTheCurrentTimeIsStillFound() throws {
        for line in ["当前时间：2026-08-17T15:00:00+08:00", "现在是 2026-08-17T15:00:00+08:00，请据此计算相对日期"] {
            XCTAssertEqual(try SourceTest.findingLines(prompt(line)).filter { $0.hasPrefix("PL002") }, ["PL002@3"], line)
        }
    }
}
