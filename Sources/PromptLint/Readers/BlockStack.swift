/// Open blocks (`{% if %}`, `{{#each}}`) while scanning, kept as an explicit stack so that deep
/// nesting never recurses.
struct BlockStack {
    struct Block {
        /// The tag name that opened it (`if`, `for`, `each`).
        var name: String
        /// The opening tag's text, for messages.
        var source: String
        var position: SourcePosition
        /// True when its body is not output where written (macro, block `set`, capture).
        var suppresses: Bool
    }

    private(set) var blocks: [Block] = []
    private var suppressed = 0

    /// True while inside a block whose body is not output.
    var isSuppressed: Bool { suppressed > 0 }

    var top: Block? { blocks.last }

    mutating func push(_ block: Block) {
        blocks.append(block)
        if block.suppresses { suppressed += 1 }
    }

    /// Closes the innermost block named `name`; blocks left open inside it are reported.
    /// Returns false (and reports) when no such block is open.
    mutating func close(_ name: String, closer: String, at position: SourcePosition, sink: inout TemplateSink) -> Bool {
        guard let index = blocks.lastIndex(where: { $0.name == name }) else {
            sink.issue("`\(closer)` has no matching opening tag", at: position)
            return false
        }
        while blocks.count > index + 1 {
            let inner = popLast()
            sink.issue("`\(inner.source)` is never closed before `\(closer)`", at: inner.position)
        }
        _ = popLast()
        return true
    }

    /// Reports every block still open at the end of the file.
    mutating func reportUnclosed(sink: inout TemplateSink, closerPrefix: String) {
        for block in blocks {
            sink.issue("`\(block.source)` is never closed (missing \(closerPrefix)\(block.name))", at: block.position)
        }
        blocks.removeAll()
        suppressed = 0
    }

    private mutating func popLast() -> Block {
        let block = blocks.removeLast()
        if block.suppresses { suppressed -= 1 }
        return block
    }
}
