import Foundation
import PromptCompression
import PromptLintTestSupport
import TinyLM
import XCTest

/// The real model, loaded once for all compression tests. Missing model: the tests fail (never skip).
enum TestModel {
    static let path: String = ModelFiles.gemmaPath

    static let compressor: PromptCompressor? = {
        guard FileManager.default.fileExists(atPath: path), let lm = try? LanguageModel(path: path) else { return nil }
        return PromptCompressor(languageModel: lm)
    }()

    /// The compressor, or an XCTFail telling how to get the model.
    static func require(file: StaticString = #filePath, line: UInt = #line) -> PromptCompressor? {
        guard (try? ModelFiles.requireGemma(file: file, line: line)) != nil else { return nil }
        guard let c = compressor else {
            XCTFail("cannot load the model at \(path)", file: file, line: line)
            return nil
        }
        return c
    }
}

/// Texts for the tests, written for them.
enum TestTexts {
    static let paragraph = """
        The lighthouse at Pointe Sombre was built in 1862 by the engineer Marguerite Aubry, who designed its \
        spiral staircase of 214 steps. Keepers lived in the stone cottage beside the tower until 1979, when \
        the light was automated. Today the site belongs to the regional park authority, which opens the tower \
        to visitors every weekend from April to October. A small museum in the former oil store shows the \
        original Fresnel lens, made in Paris by the Henry-Lepaute workshop.
        """

    /// About `n` words of varied prose.
    static func prose(words n: Int) -> String {
        let sentences = [
            "The committee met on Tuesday to review the budget for the new library wing.",
            "Several members asked why the heating costs had risen by 18 percent since last winter.",
            "The treasurer, Ana Kowalski, explained that the old boiler in the east building was failing.",
            "A replacement would cost about 42,000 euros and take six weeks to install.",
            "Some residents wrote letters asking the council to keep the reading room open on Sundays.",
            "After a long discussion the members agreed to postpone the decision until the March meeting.",
            "The chair thanked the volunteers who had repainted the children's corner in bright colours.",
            "Finally, the group visited the archive, where rare maps from 1790 are stored in cool, dry rooms.",
        ]
        var out: [String] = []
        var count = 0
        var i = 0
        while count < n {
            let s = sentences[i % sentences.count]
            out.append(s)
            count += s.split(separator: " ").count
            i += 1
            if i % 5 == 0 { out.append("\n\n") }
        }
        return out.joined(separator: " ").replacingOccurrences(of: " \n\n ", with: "\n\n")
    }
}
