import XCTest

@testable import PromptLint
import PromptLintTestSupport

final class SourceRobustnessTests: XCTestCase {
    func testDeepNestingNeverOverflows() {
        let cases: [(String, String)] = [
            (String(repeating: "f\"{", count: 5_000), "deep.py"),
            (String(repeating: "(", count: 100_000) + "x", "parens.py"),
            ("x = " + String(repeating: "-", count: 100_000) + "y\n", "minus.py"),
            ("x = " + String(repeating: "not ", count: 50_000) + "y\n", "not.py"),
            (String(repeating: "`${", count: 5_000), "deep.ts"),
            ("const a = " + String(repeating: "[{a: ", count: 20_000), "objects.ts"),
            ("create(" + String(repeating: "a ] b ) c } ", count: 2_000), "spin.py"),
            ("create(" + String(repeating: "a ] b ) c } ", count: 2_000), "spin.js"),
        ]
        for (text, path) in cases {
            let t = SourceTest.read(text, path: path)
            XCTAssertEqual(t.issues, [], path)
        }
    }

    /// Inputs found by the fuzzer (CI, session 11) and by reading the parser: a file cut off right after `new` inside
    /// an object literal ran the parser's position past the last token; a stop token at exactly the depth limit
    /// after whitespace made a reversed range; a Python `lambda` without its colon. Each is linted whole.
    func testTruncatedExpressionsNeverCrashTheLinter() throws {
        let linter = try LintTest.linter()
        let cases: [(String, TemplateFormat)] = [
            ("x={new", .typescript), ("const x = {new", .typescript), ("return {new", .typescript),
            ("create({new", .typescript), ("x = {a: 1, new", .typescript),
            ("x = " + String(repeating: "(", count: 120) + " ,", .typescript),
            ("x = " + String(repeating: "(", count: 120) + " ,", .python),
            ("x = lambda", .python), ("x = [lambda", .python), ("f(lambda a", .python),
        ]
        for (text, format) in cases {
            let report = linter.lint(text: text, path: "t.\(format.usualExtension)", format: format)
            XCTAssertEqual(report.format, format.rawValue, text)
        }
    }

    func testGarbageNeverCrashesEitherReader() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        let alphabet = Array("{}[]()'\"`$\\/#*fr=+.:,\n abc_xyzcreate(messages=".utf8)
        for round in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<(round * 7 % 600) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            for path in ["g.py", "g.ts"] {
                let t = TemplateReading.read(path: path, data: Data(bytes))
                XCTAssertEqual(t.format, path.hasSuffix("py") ? .python : .typescript)
            }
        }
    }

    func testReadingScalesLinearly() {
        let block = """
            def build_system_prompt_N(user_name):
                now = datetime.now()
                return f\"\"\"Today is {now:%A}. You help {user_name}. {", ".join(f"{k}" for k in keys)}\"\"\"
            def ask_N(client, q):
                return client.chat.completions.create(model="m", messages=[
                    {"role": "system", "content": build_system_prompt_N("x")}, {"role": "user", "content": q}])

            """
        let ratio = TestFiles.growthRatio(small: 125, large: 1_000) { count in
            (0..<count).map { block.replacingOccurrences(of: "_N", with: "_\($0)") }.joined()
        } run: { text in
            let t = SourceTest.read(text)
            XCTAssertEqual(Set(t.messages.map(\.promptIndex)).count, text.components(separatedBy: "def ask_").count - 1)
        }
        // Eight times the input: linear is about 8x, quadratic 64x (best of three runs of each size).
        XCTAssertLessThan(ratio, 24, "1,000 blocks took \(ratio)x as long as 125")
    }
}
