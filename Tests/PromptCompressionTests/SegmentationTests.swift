import XCTest
@testable import PromptCompression

/// Segmentation without the model: protected spans, line structure, word units, JSON strings.
final class SegmentationTests: XCTestCase {
    private func segment(_ s: String, _ settings: Segmenter.Settings = .init()) -> SegmentedText {
        Segmenter.segmentText(Array(s.utf8), settings: settings)
    }

    private func texts(_ t: SegmentedText, _ kind: PieceKind) -> [String] {
        t.pieces.filter { $0.kind == kind }.map { String(decoding: t.bytes[($0.range.lowerBound + $0.leadingSpace)..<$0.range.upperBound], as: UTF8.self) }
    }

    func testPiecesPartitionTheInput() {
        let s = "# Title\n\nHello {{ name }}, see ${x} and {y}.\n- one item\n- two\n\n```\ncode here\n```\nEnd <keep>kept text</keep> done."
        let t = segment(s)
        var cursor = 0
        for p in t.pieces {
            XCTAssertEqual(p.range.lowerBound, cursor)
            cursor = p.range.upperBound
        }
        XCTAssertEqual(cursor, s.utf8.count)
    }

    func testPlaceholdersAreProtected() {
        let t = segment("Dear {{ customer_name }}, your {order} ${total} {{$x}} {% if vip %}VIP{% endif %} {# note #}.")
        XCTAssertEqual(texts(t, .protected), ["{{ customer_name }}", "{order}", "${total}", "{{$x}}", "{% if vip %}", "{% endif %}", "{# note #}"])
    }

    func testBracesThatAreNotPlaceholders() {
        let t = segment("a set {1, 2} and {not a placeholder} here")
        XCTAssertTrue(texts(t, .protected).isEmpty)
    }

    func testKeepAndLLMLinguaMarkers() {
        let s = "a <keep>b c</keep> d <llmlingua, compress=False>e f</llmlingua> g <llmlingua, rate=0.5>h i</llmlingua>"
        let t = segment(s)
        XCTAssertEqual(texts(t, .marker), ["<keep>", "</keep>", "<llmlingua, compress=False>", "</llmlingua>", "<llmlingua, rate=0.5>", "</llmlingua>"])
        XCTAssertEqual(texts(t, .protected), ["b c", "e f"])
        XCTAssertTrue(texts(t, .word).contains("h"))
    }

    func testFencedCodeIsOnePiece() {
        let t = segment("Intro text.\n```swift\nlet x = 1\nprint(x)\n```\nAfter.")
        XCTAssertEqual(texts(t, .code), ["```swift\nlet x = 1\nprint(x)\n```"])
        XCTAssertTrue(t.units.contains { $0.isCode })
    }

    func testLineStructure() {
        let t = segment("## Heading words\n- first item text\n  2. nested item\n")
        XCTAssertEqual(texts(t, .structure), ["##", "-", "  2."])
        XCTAssertTrue(t.units[0].isHeading)
        XCTAssertTrue(t.units[1].isListItem && t.units[2].isListItem)
    }

    func testCompoundUnits() {
        let t = segment("On October 6, 1973, Wilhelm Conrad Röntgen met the Duke of Wellington at 5 km from \"the old mill\" for $ 20 and 30 percent.")
        let words = texts(t, .word)
        for unit in ["October 6, 1973,", "Wilhelm Conrad Röntgen", "Duke of Wellington", "5 km", "\"the old mill\"", "$ 20", "30 percent."] {
            XCTAssertTrue(words.contains(unit), "\(unit) not one unit in \(words)")
        }
    }

    func testTownsJoinTheRegionAndCountryAfterThem() {
        let words = texts(segment("They live in Tulsa, Oklahoma, and filmed in Orangeville, Ontario, Canada."), .word)
        XCTAssertTrue(words.contains("Tulsa, Oklahoma,"), "\(words)")
        XCTAssertTrue(words.contains("Orangeville, Ontario, Canada."), "\(words)")
        // Names of one level in a list stay apart, and a town after a state does not join it.
        let list = texts(segment("It sold in Texas, Oklahoma, Kansas and France, Germany, Italy; Ohio, Dayton."), .word)
        for name in ["Texas,", "Oklahoma,", "France,", "Germany,", "Ohio,"] {
            XCTAssertTrue(list.contains(name), "\(name) not alone in \(list)")
        }
    }

    func testSentencesSplitButNotAtAbbreviations() {
        let t = segment("Dr. Smith arrived. He left at noon. Then U.S. troops came.")
        XCTAssertEqual(t.units.count, 3)
    }

    func testKeepDigitsAndForceWords() {
        let t = segment("The price rose 30 percent in Paris while London fell sharply today", .init(keepDigits: true, forceWords: ["london", "fell sharply"]))
        let p = texts(t, .protected)
        XCTAssertTrue(p.contains("30 percent"))
        XCTAssertTrue(p.contains("London"))
        XCTAssertTrue(p.contains("fell") && p.contains("sharply"))
    }

    func testAssemblyKeepsStructureOnlyForKeptLines() {
        let s = "- alpha beta\n- gamma delta\n- epsilon"
        let t = segment(s)
        var keep = [Bool](repeating: false, count: t.pieces.count)
        for (i, p) in t.pieces.enumerated() where p.kind == .word {
            let w = String(decoding: t.bytes[p.range], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            keep[i] = w == "beta" || w == "epsilon"
        }
        let a = Assembly(t, keep: keep)
        XCTAssertEqual(String(decoding: a.bytes, as: UTF8.self), "- beta\n- epsilon")
        // Kept ranges are ascending and reproduce the output.
        let joined = a.kept.flatMap { t.bytes[$0] }
        XCTAssertEqual(joined, a.bytes)
        XCTAssertEqual(a.kept, a.kept.sorted { $0.lowerBound < $1.lowerBound })
    }

    func testJSONScannerFindsValuesNotKeys() throws {
        let json = #"{"a": "one \"two\"", "b": [1, "x\ny", {"c": null}], "d": true}"#
        let values = try JSONStringScanner.scan(Array(json.utf8))
        XCTAssertEqual(values.map { String(decoding: Array(json.utf8)[$0.content], as: UTF8.self) }, [#"one \"two\""#, #"x\ny"#])
        XCTAssertEqual(values[1].path, [.key("b"), .index(1)])
        XCTAssertThrowsError(try JSONStringScanner.scan(Array(#"{"a": }"#.utf8)))
    }

    func testJSONSegmentationKeepsEscapesWhole() throws {
        let json = #"{"text": "He said \"stop\" now.\nNext line \u00e9t\u00e9 here and more words", "k": "v"}"#
        let bytes = Array(json.utf8)
        let values = try JSONStringScanner.scan(bytes)
        let t = Segmenter.segmentJSON(bytes, values: values, settings: .init(), countAll: true) { MessagesSelection.wordCount(bytes[$0.content]) >= 5 }
        // Drop every other word: the output must stay valid JSON.
        var keep = [Bool](repeating: false, count: t.pieces.count)
        var flip = false
        for i in t.pieces.indices where t.pieces[i].kind == .word { keep[i] = flip; flip.toggle() }
        let out = Assembly(t, keep: keep).bytes
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(out)), String(decoding: out, as: UTF8.self))
    }

    func testMessagesSelection() throws {
        let json = #"{"system": "Be brief and kind to everyone", "messages": [{"role": "user", "content": "hello there my friend"}, {"role": "assistant", "content": "hi back to you"}, {"role": "user", "content": [{"type": "text", "text": "more text here"}]}]}"#
        let bytes = Array(json.utf8)
        let select = try MessagesSelection.selection(bytes, roles: ["user", "system"], compressLastUser: true).select
        let chosen = try JSONStringScanner.scan(bytes).filter(select).map { String(decoding: bytes[$0.content], as: UTF8.self) }
        XCTAssertEqual(chosen, ["Be brief and kind to everyone", "hello there my friend", "more text here"])
        XCTAssertThrowsError(try MessagesSelection.selection(Array(#"{"a": 1}"#.utf8), roles: ["user"], compressLastUser: false))
    }
}
