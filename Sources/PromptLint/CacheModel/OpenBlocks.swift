/// The loops and conditionals that enclose the current position of a layout walk, innermost last, with
/// what the walk asks of them kept up to date on every push and pop: the innermost dynamic loop, the
/// product of the constant loops' lengths, and which names the enclosing constant loops bind. Each
/// question is then answered in constant time, so a template of n nested blocks is walked in O(n), not
/// O(n²) (a block-per-slot walk up the stack made 20,000 nested Mustache sections take 20 s).
struct OpenBlocks {
    /// One enclosing block.
    enum Block {
        /// A loop over `value`, binding `bound` (empty for a Mustache section, which binds no name), closing
        /// at byte `end`, rendering its body `iterations` times.
        case loop(SlotClass, bound: [String], end: Int, iterations: Int)
        /// A conditional closing at byte `end`.
        case conditional(end: Int)

        /// Where the block's closing tag ends (byte offset).
        var end: Int {
            switch self {
            case .loop(_, _, let e, _), .conditional(let e): return e
            }
        }
    }

    /// What was true below each block, restored when it is popped.
    private struct Frame {
        let block: Block
        let innermostDynamicLoop: SlotClass?
        let repetitions: Int
    }

    private var frames: [Frame] = []
    private var dynamicLoop: SlotClass?
    private var product = 1
    /// Enclosing constant loops that bind no name (Mustache sections) or any name at all.
    private var constantLoops = 0
    private var unnamedConstantLoops = 0
    /// How many enclosing constant loops bind each name.
    private var boundNames: [String: Int] = [:]
    private let unknownIsDynamic: Bool

    init(unknownIsDynamic: Bool) { self.unknownIsDynamic = unknownIsDynamic }

    /// The innermost enclosing loop over a dynamic collection, if any.
    var innermostDynamicLoop: SlotClass? { dynamicLoop }

    /// How many times text at the current position renders: the product of the known lengths of the
    /// enclosing constant loops (capped at `LoopLength.cap`).
    var repetitions: Int { product }

    /// True when a name rooted at `root` reads the item of an enclosing constant loop: a name the loop binds,
    /// `this`, `@index`, `loop`, or any name inside a Mustache-style section, which binds no name and looks
    /// names up in the item first (`{{#tools}}{{name}}{{/tools}}`).
    func readsConstantLoopItem(root: String) -> Bool {
        guard constantLoops > 0 else { return false }
        if unnamedConstantLoops > 0 || root == "this" || root.hasPrefix("@") || root == "loop" { return true }
        return (boundNames[root] ?? 0) > 0
    }

    /// Enters `block`.
    mutating func push(_ block: Block) {
        frames.append(Frame(block: block, innermostDynamicLoop: dynamicLoop, repetitions: product))
        guard case .loop(let value, let bound, _, let iterations) = block else { return }
        if value.isDynamic(unknownIsDynamic: unknownIsDynamic) {
            dynamicLoop = value
        } else {
            constantLoops += 1
            if bound.isEmpty { unnamedConstantLoops += 1 }
            for name in bound { boundNames[name, default: 0] += 1 }
        }
        product = Swift.min(product * iterations, LoopLength.cap)
    }

    /// Leaves every block whose closing tag ends at or before `offset`.
    mutating func close(before offset: Int) {
        while let last = frames.last, last.block.end <= offset {
            frames.removeLast()
            dynamicLoop = last.innermostDynamicLoop
            product = last.repetitions
            guard case .loop(let value, let bound, _, _) = last.block, !value.isDynamic(unknownIsDynamic: unknownIsDynamic)
            else { continue }
            constantLoops -= 1
            if bound.isEmpty { unnamedConstantLoops -= 1 }
            for name in bound {
                let left = (boundNames[name] ?? 1) - 1
                boundNames[name] = left > 0 ? left : nil
            }
        }
    }
}
