extension SourceNode {
    /// The operands of a chain of `+` in source order (`a + b + c`, however it nests: `x += …` lines and
    /// long `"…" + "…"` prompts nest one level per piece), or the node itself when it is not a `+`.
    /// Read without recursion, so a prompt of hundreds of pieces costs no depth.
    var concatenatedOperands: [SourceNode] {
        var out: [SourceNode] = []
        var pending = [self]
        while let node = pending.popLast() {
            if case .binary("+", let a, let b) = node.kind {
                pending.append(b)
                pending.append(a)
            } else {
                out.append(node)
            }
        }
        return out
    }
}
