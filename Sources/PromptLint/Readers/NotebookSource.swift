import Foundation

/// The Python a Jupyter notebook runs: its code cells, in order, as one module whose every byte maps
/// back to the raw `.ipynb` file (JSON string escapes included), so findings point into the notebook.
///
/// nbformat 4 (`cells[]`) and 3 (`worksheets[].cells[]`, `input`); a cell's source is one string or a
/// list of line strings. Markdown and raw cells and outputs are never read. IPython magics and shell
/// lines (`%time x`, `!pip install`, `files = !ls`, `obj?`) become blank lines; a cell opened by a cell
/// magic is read only when its body is still Python (`%%time`, `%%capture`), else skipped whole.
struct NotebookSource {
    /// The module's text.
    let text: String
    /// The raw file's offset of each byte of `text` (and one past its end).
    let map: [Int]

    /// What a notebook file gives.
    enum Reading {
        /// Python code cells, as one module.
        case python(NotebookSource)
        /// Not read, with the reason shown by `promptlint files` (a notebook of another language, bad JSON).
        case skipped(String)
    }

    /// Cell magics whose body is Python run as usual.
    static let pythonCellMagics: Set<String> = ["time", "timeit", "capture", "prun", "debug", "memit", "mprun"]

    /// Reads the raw bytes of a notebook.
    static func read(_ raw: SourceText) -> Reading {
        var issues: [ParseIssue] = []
        // Outputs (images as base64, long logs) are never read: blanked first, offsets kept, so a notebook of
        // megabytes of plots parses as fast as its code.
        let parsed = SourceText(String(decoding: withoutOutputs(raw.bytes), as: UTF8.self))
        guard let root = JSONScanner.parse(parsed, issues: &issues), issues.isEmpty, case .object = root else {
            return .skipped("malformed notebook JSON (not valid JSON of a Jupyter notebook); not read")
        }
        if let language = language(of: root), !["python", "python3", "python2", "ipython", "ipython3"].contains(language) {
            return .skipped("Jupyter notebook in \(language.prefix(40)), not Python; not read")
        }
        var cells: [DocValue] = root["cells"]?.elements ?? []
        var sourceKey = "source"
        if root["cells"] == nil, let sheets = root["worksheets"]?.elements {
            cells = sheets.flatMap { $0["cells"]?.elements ?? [] }
            sourceKey = "input"
        }
        guard root["cells"]?.elements != nil || root["worksheets"]?.elements != nil else {
            return .skipped("malformed notebook JSON (no `cells` list); not read")
        }
        var bytes: [UInt8] = []
        var map: [Int] = []
        for cell in cells where cell["cell_type"]?.string == "code" {
            // A cell of another language in a polyglot notebook (VS Code `languageId`, nbformat 3 `language`).
            if let lang = (cell["metadata"]?["vscode"]?["languageId"] ?? cell["language"])?.string?.lowercased(),
                !lang.hasPrefix("python") && !lang.hasPrefix("ipython")
            {
                continue
            }
            var lines: [(bytes: ArraySlice<UInt8>, map: ArraySlice<Int>)] = []
            let strings: [DocString]
            switch cell[sourceKey] {
            case .string(let s)?: strings = [s]
            case .array(let items, _)?: strings = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
            default: strings = []
            }
            // Lines of the cell, each with its raw offsets; a list's items are usually lines, but need not be.
            var pendingBytes: [UInt8] = []
            var pendingMap: [Int] = []
            for s in strings {
                let value = Array(s.value.utf8)
                let smap = s.map ?? Array(repeating: s.offset, count: value.count + 1)
                for (k, b) in value.enumerated() {
                    pendingBytes.append(b)
                    pendingMap.append(smap[min(k, smap.count - 1)])
                    if b == 0x0A {
                        lines.append((pendingBytes[...], pendingMap[...]))
                        pendingBytes = []
                        pendingMap = []
                    }
                }
            }
            if !pendingBytes.isEmpty {
                // The cell's last line, closed at the string's closing quote.
                let end = strings.last.flatMap { $0.map?.last } ?? pendingMap.last ?? 0
                pendingBytes.append(0x0A)
                pendingMap.append(end)
                lines.append((pendingBytes[...], pendingMap[...]))
            }
            guard let first = lines.first else { continue }
            var body = lines[...]
            if let magic = cellMagic(first.bytes) {
                guard pythonCellMagics.contains(magic) else { continue }
                body = lines.dropFirst()
                bytes.append(0x0A)
                map.append(first.map.last ?? 0)
            }
            var openTriple: UInt8?
            for line in body {
                let inString = openTriple != nil
                openTriple = tripleQuoteState(after: line.bytes, open: openTriple)
                if !inString, isMagicLine(line.bytes) {
                    bytes.append(0x0A)
                    map.append(line.map.last ?? 0)
                } else {
                    bytes += line.bytes
                    map += line.map
                }
            }
        }
        map.append(map.last ?? 0)
        return .python(NotebookSource(text: String(decoding: bytes, as: UTF8.self), map: map))
    }

    /// `findings` on the notebook whose text `raw` is, each moved to where its snippet is on its line: static text
    /// past a line break of a multi-line string is placed by counting from the start of the line, which in the
    /// notebook is the JSON line (`    "…`), not the code line. A finding whose snippet is already at its column,
    /// or is not found once on its line, is left as it is.
    static func realigned(_ findings: [Finding], raw: String) -> [Finding] {
        let lines = raw.split(separator: "\n", omittingEmptySubsequences: false)
        return findings.map { finding in
            guard !finding.snippet.isEmpty, finding.line >= 1, finding.line <= lines.count else { return finding }
            let line = Array(lines[finding.line - 1].unicodeScalars)
            let snippet = Array(finding.snippet.unicodeScalars)
            func at(_ k: Int) -> Bool { k >= 0 && k + snippet.count <= line.count && Array(line[k..<(k + snippet.count)]) == snippet }
            if at(finding.column - 1) { return finding }
            // The code starts after the opening quote of the line's JSON string.
            guard let quote = line.firstIndex(of: "\"") else { return finding }
            var moved = finding
            if at(quote + finding.column) {
                moved.column = quote + finding.column + 1
                return moved
            }
            let hits = (quote..<max(quote, line.count - snippet.count + 1)).filter(at)
            guard hits.count == 1 else { return finding }
            moved.column = hits[0] + 1
            return moved
        }
    }

    /// `bytes` with the contents of every `outputs` array and `attachments` object replaced by spaces (byte
    /// for byte, so offsets are unchanged): what the notebook reader never reads need not be decoded.
    static func withoutOutputs(_ bytes: [UInt8]) -> [UInt8] {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        let outputs = Array("outputs".utf8), attachments = Array("attachments".utf8)
        var out = bytes
        let n = bytes.count
        var i = 0
        func skipSpace(_ k: inout Int) { while k < n, JinjaScanner.isSpace(bytes[k]) { k += 1 } }
        while let q = ByteSearch.find(quote, in: bytes, from: i) {
            var j = q + 1
            while j < n, bytes[j] != quote { j += bytes[j] == backslash ? 2 : 1 }
            let name = bytes[(q + 1)..<min(j, n)]
            i = j + 1
            guard name.elementsEqual(outputs) || name.elementsEqual(attachments) else { continue }
            var k = i
            skipSpace(&k)
            guard k < n, bytes[k] == UInt8(ascii: ":") else { continue }
            k += 1
            skipSpace(&k)
            guard k < n, bytes[k] == UInt8(ascii: "[") || bytes[k] == UInt8(ascii: "{") else { continue }
            // To the matching bracket, counting brackets outside strings.
            var depth = 0
            var e = k
            var inString = false
            while e < n {
                let b = bytes[e]
                if inString {
                    if b == backslash { e += 1 } else if b == quote { inString = false }
                } else if b == quote {
                    inString = true
                } else if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
                    depth += 1
                } else if b == UInt8(ascii: "]") || b == UInt8(ascii: "}") {
                    depth -= 1
                    if depth == 0 { break }
                }
                e += 1
            }
            guard e < n else { break }
            for m in (k + 1)..<e { out[m] = 0x20 }
            i = e + 1
        }
        return out
    }

    /// The notebook's language from its metadata (`kernelspec.language`, `language_info.name`), lower-cased.
    static func language(of root: DocValue) -> String? {
        let metadata = root["metadata"]
        let named = metadata?["kernelspec"]?["language"]?.string ?? metadata?["language_info"]?["name"]?.string
            ?? metadata?["language"]?.string
        return named?.lowercased()
    }

    /// The name of the cell magic a cell's first line opens (`%%bash` → `bash`), if any.
    static func cellMagic(_ line: ArraySlice<UInt8>) -> String? {
        let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }
        guard trimmed.starts(with: [UInt8(ascii: "%"), UInt8(ascii: "%")]) else { return nil }
        let name = trimmed.dropFirst(2).prefix { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        return String(decoding: name, as: UTF8.self).lowercased()
    }

    /// True for an IPython line that is not Python: a line magic or shell escape (`%pip`, `!ls`), one
    /// assigning their output (`files = !ls`, `t = %timeit -o f()`), or a help request (`len?`, `??obj`).
    static func isMagicLine(_ line: ArraySlice<UInt8>) -> Bool {
        let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }
        guard let first = trimmed.first else { return false }
        if first == UInt8(ascii: "%") || first == UInt8(ascii: "!") { return true }
        if first == UInt8(ascii: "?") { return true }
        var end = trimmed.endIndex
        while end > trimmed.startIndex, [0x0A, 0x0D, 0x20, 0x09].contains(trimmed[end - 1]) { end -= 1 }
        let content = trimmed[trimmed.startIndex..<end]
        // `obj?` / `obj.method??`: a name followed by question marks, nothing else.
        if content.last == UInt8(ascii: "?"),
            content.allSatisfy({ isNameByte($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "?") })
        {
            return true
        }
        // `name = !cmd`, `name = %magic`.
        var i = content.startIndex
        while i < content.endIndex, isNameByte(content[i]) || content[i] == UInt8(ascii: ".") { i += 1 }
        guard i > content.startIndex else { return false }
        while i < content.endIndex, content[i] == 0x20 || content[i] == 0x09 { i += 1 }
        guard i < content.endIndex, content[i] == UInt8(ascii: "=") else { return false }
        i += 1
        guard i < content.endIndex, content[i] != UInt8(ascii: "=") else { return false }
        while i < content.endIndex, content[i] == 0x20 || content[i] == 0x09 { i += 1 }
        return i < content.endIndex && (content[i] == UInt8(ascii: "!") && (i + 1 == content.endIndex || content[i + 1] != UInt8(ascii: "="))
            || content[i] == UInt8(ascii: "%"))
    }

    /// The triple quote (`"` or `'`) still open after `line`, given the one open before it: a magic
    /// line is only a magic outside a string (`"""` text may hold a line starting with `!` or `%`).
    static func tripleQuoteState(after line: ArraySlice<UInt8>, open: UInt8?) -> UInt8? {
        var open = open
        var i = line.startIndex
        let end = line.endIndex
        func triple(_ q: UInt8, at k: Int) -> Bool { k + 2 < end && line[k] == q && line[k + 1] == q && line[k + 2] == q }
        while i < end {
            let b = line[i]
            if let q = open {
                if b == UInt8(ascii: "\\") {
                    i += 2
                } else if triple(q, at: i) {
                    open = nil
                    i += 3
                } else {
                    i += 1
                }
                continue
            }
            if b == UInt8(ascii: "#") { break }
            guard b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") else {
                i += 1
                continue
            }
            if triple(b, at: i) {
                open = b
                i += 3
                continue
            }
            // A one-line string: to its closing quote or the end of the line.
            i += 1
            while i < end, line[i] != b, line[i] != 0x0A {
                if line[i] == UInt8(ascii: "\\") { i += 1 }
                i += 1
            }
            i += 1
        }
        return open
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "_") || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b >= 0x80
    }

    /// The module as a source whose positions point into the raw notebook `raw`.
    func source(in raw: SourceText) -> SourceText {
        SourceText(embedded: text, map: map, in: raw)
    }

    /// Discovery's verdict on a notebook file (`DiscoveryRole.container`): nil when its Python builds
    /// prompts (`SourceSniff`), else why it is skipped.
    static func verdict(_ data: Data) -> String? {
        let bytes = [UInt8](data)
        if TemplateReading.binaryIssue(bytes) != nil { return "malformed notebook (not UTF-8 text); not read" }
        switch read(SourceText(String(decoding: bytes, as: UTF8.self))) {
        case .skipped(let reason): return reason
        case .python(let module): return SourceSniff.buildsPrompts(module.text) ? nil : withoutPromptsReason
        }
    }

    /// The reason a notebook whose code names no LLM SDK or prompt is skipped.
    static let withoutPromptsReason = "Jupyter notebook without LLM SDK imports or prompt names"
}
