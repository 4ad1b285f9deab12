import XCTest

@testable import PromptLint

final class SourceLexerTests: XCTestCase {
    private func strings(_ text: String, python: Bool = true) -> [StringLiteral] {
        let bytes = Array(text.utf8)
        let tokens = python ? PythonLexer.tokens(bytes) : ScriptLexer.tokens(bytes)
        return tokens.compactMap(\.literal)
    }

    private func outline(_ s: StringLiteral) -> String {
        s.pieces.map {
            switch $0 {
            case .text(let d): return d.text
            case .field(let f): return "⟨\(f.source)\(f.spec.isEmpty ? "" : "|" + f.spec)⟩"
            }
        }.joined()
    }

    func testPythonPrefixesAndEscapes() {
        let s = strings(#"a = r"\d\n" + b'x\x41' + U"\u00e9\N{DASH}" + Rb"\t" + 'it\'s' + "tab\tend""#)
        XCTAssertEqual(s.map(\.prefix), ["r", "b", "u", "rb", "", ""])
        XCTAssertEqual(s.map(outline), [#"\d\n"#, "xA", #"é\N{DASH}"#, #"\t"#, "it's", "tab\tend"])
        XCTAssertEqual(s.map(\.isInterpolated), [false, false, false, false, false, false])
    }

    func testTripleQuotesSpanLinesAndHoldQuotes() {
        let s = strings("x = '''one 'two' \"three\"\nfour'''\ny = \"\"\"a\"\"\"")
        XCTAssertEqual(s.map(outline), ["one 'two' \"three\"\nfour", "a"])
    }

    func testFStringFieldsSpecsConversionsAndBraces() {
        let s = strings(#"f"{{lit}} {name!r:>10} {now:%Y-%m-%d} {x=} {val:{width}.{prec}}""#)
        XCTAssertEqual(outline(s[0]), "{lit} ⟨name|!r:>10⟩ ⟨now|:%Y-%m-%d⟩ ⟨x|=⟩ ⟨val|:{width}.{prec}⟩")
    }

    func testPEP701NestedQuotesAndNestedFStrings() {
        let s = strings(#"f"{", ".join(f"{k}={d["k"]}" for k in ks)} and {'a' if x else "b"}" + "after""#)
        XCTAssertEqual(s.count, 2)
        XCTAssertEqual(outline(s[0]), #"⟨", ".join(f"{k}={d["k"]}" for k in ks)⟩ and ⟨'a' if x else "b"⟩"#)
        XCTAssertEqual(outline(s[1]), "after")
        guard case .field(let f) = s[0].pieces[0] else { return XCTFail("no field") }
        let inner = f.tokens.compactMap(\.literal)
        XCTAssertEqual(inner.map(\.prefix), ["", "f"])
    }

    func testMultilineFieldInTripleQuotedFString() {
        let s = strings("f'''a {\n  value  # comment\n} b'''")
        XCTAssertEqual(outline(s[0]), "a ⟨value⟩ b")
    }

    func testCommentsAreNotStrings() {
        let s = strings("# it's \"quoted\"\nx = 'real'  # another 'one'")
        XCTAssertEqual(s.map(outline), ["real"])
    }

    func testUnterminatedStringEndsAtLineEnd() {
        let s = strings("x = 'open\ny = 'closed'")
        XCTAssertEqual(s.map(outline), ["open", "closed"])
    }

    func testDecodedOffsetsMapToTheFile() {
        let text = "x = 1\ny = f\"ab\\n{now}\""
        let s = strings(text)
        guard case .text(let d) = s[0].pieces[0], case .field(let f) = s[0].pieces[1] else { return XCTFail() }
        XCTAssertEqual(d.text, "ab\n")
        XCTAssertEqual(d.map, [12, 13, 14, 16])
        XCTAssertEqual(f.range, 16..<21)
        XCTAssertEqual(at(SourceText(text).position(f.range.lowerBound)), "2:11@16")
    }

    func testTemplateLiteralsNestAndSkipComments() {
        let s = strings("const a = `x ${b ? `in ${c}` : '}'} y`; // `not a string`\n/* 'nor' */ const z = \"q\\\"\"", python: false)
        XCTAssertEqual(s.count, 2)
        XCTAssertEqual(outline(s[0]), "x ⟨b ? `in ${c}` : '}'⟩ y")
        XCTAssertEqual(outline(s[1]), "q\"")
    }

    func testRegexLiteralsVersusDivision() {
        let s = strings("const r = /[\"'`/]+/g.test(x); const d = a / b / c; const q = 'after';\nif (/'/.test(y)) z = (n) / 2 + 'ok'",
                        python: false)
        XCTAssertEqual(s.map(outline), ["after", "ok"])
    }

    func testPythonNewlinesAndIndentation() {
        let tokens = PythonLexer.tokens(Array("def f(a,\n      b):\n    return a\nx = 1\n".utf8))
        XCTAssertEqual(tokens.filter { $0.kind == .newline }.count, 3)
        XCTAssertEqual(tokens.filter { $0.indent >= 0 }.map { "\($0.text):\($0.indent)" }, ["def:0", "return:4", "x:0"])
    }
}
