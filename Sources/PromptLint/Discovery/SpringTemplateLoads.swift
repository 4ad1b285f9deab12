import Foundation
import SafeIO

/// StringTemplate files (`.st`) that Java or Kotlin code loads as Spring AI prompts. A `.st` file in a
/// prompts or templates folder is read on that evidence; elsewhere (`src/main/resources/ai/x.st`) it is
/// read when a Java or Kotlin file of the walk that uses Spring AI's prompt classes names it in a string
/// (`@Value("classpath:/ai/x.st") Resource`, `new ClassPathResource("ai/x.st")`), and skipped otherwise:
/// the extension is shared with StringTemplate code generators and Smalltalk sources.
enum SpringTemplateLoads {
    /// The extension of StringTemplate files.
    static let fileExtension = "st"

    /// The reason a `.st` file without evidence is skipped (`promote` looks for it).
    static let unloadedReason = "StringTemplate file (.st) outside a prompts folder that no Java or Kotlin code loads as a prompt"

    /// Most Java and Kotlin files a walk remembers.
    static let sourceLimit = 20_000

    /// Largest source file read for the names it loads.
    static let sourceBytes = 1_048_576

    /// Text in a source file that shows it builds Spring AI prompts.
    static let promptAPIs = ["org.springframework.ai", "PromptTemplate", "ChatClient"]

    /// True for a Java or Kotlin file name.
    static func isJVMSource(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".java") || lower.hasSuffix(".kt") || lower.hasSuffix(".kts")
    }

    /// Turns each skipped `.st` entry (`candidates`: absolute paths by path as shown) whose file name a
    /// prompt-building source names into a read entry.
    static func promote(
        _ entries: inout [DiscoveryEntry], sources: [(absolute: String, display: String)], candidates: [String: String]
    ) {
        guard !candidates.isEmpty else { return }
        var loadedBy: [String: String] = [:]
        for source in sources {
            guard let data = try? FileReadPolicy.head(source.absolute, count: sourceBytes) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            guard promptAPIs.contains(where: text.contains) else { continue }
            for name in loadedNames(text) where loadedBy[name] == nil { loadedBy[name] = source.display }
        }
        guard !loadedBy.isEmpty else { return }
        for index in entries.indices {
            guard case .skipped(let skipped) = entries[index], skipped.reason == unloadedReason,
                let absolute = candidates[skipped.display]
            else { continue }
            let name = skipped.display.split(separator: "/").last.map(String.init) ?? skipped.display
            guard let loader = loadedBy[name] else { continue }
            entries[index] = .read(DiscoveredFile(
                absolute: absolute, display: skipped.display, size: Walk.size(absolute),
                evidence: "Spring AI prompt template (StringTemplate .st loaded by \(loader))"))
        }
    }

    /// The file names of `.st` resources named in string literals of `text` (`"classpath:/prompts/x.st"`).
    static func loadedNames(_ text: String) -> Set<String> {
        var names: Set<String> = []
        let bytes = Array(text.utf8)
        var from = 0
        while let dot = ByteSearch.find(Array(".st\"".utf8), in: bytes, from: from) {
            var start = dot
            while start > 0, bytes[start - 1] != UInt8(ascii: "\""), bytes[start - 1] != UInt8(ascii: "/"),
                bytes[start - 1] != UInt8(ascii: ":"), bytes[start - 1] != 0x0A, dot - start < 200
            {
                start -= 1
            }
            if start < dot { names.insert(String(decoding: bytes[start..<(dot + 3)], as: UTF8.self)) }
            from = dot + 4
        }
        return names
    }
}
