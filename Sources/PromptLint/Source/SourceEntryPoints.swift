/// Scripts whose requests run from a module-level entry call rather than at module level itself:
/// `run(async () => { await generateText(…) })`, `main().catch(console.error)`, `asyncio.run(main())`.
/// Such a module runs once per invocation, so a value it computes at import differs per run.
extension SourceAnalysis {
    /// Names of module-level calls that are test or benchmark declarations, not a program's entry.
    private static let declarationCalls: Set<String> = [
        "describe", "test", "it", "suite", "bench", "beforeAll", "beforeEach", "afterAll", "afterEach", "if", "while",
        "for", "switch", "print", "require", "import", "export", "return",
    ]

    /// True when a request call (`RequestMethods.sendsPrompt`) runs inside the arguments of a call written at the start
    /// of an unindented line (`run(async () => …)`), or inside a function of this file that such a line
    /// calls (`main()`, `asyncio.run(main())`).
    func sendsFromEntryPoint() -> Bool {
        let requests = module.calls.filter { call, _ in
            guard case .call(let callee, _) = call.kind else { return false }
            return RequestMethods.sendsPrompt(callee)
        }
        guard !requests.isEmpty else { return false }
        let entries = entryCallRanges()
        for (call, scope) in requests {
            if entries.contains(where: { $0.lowerBound <= call.range.lowerBound && call.range.upperBound <= $0.upperBound }) {
                return true
            }
            // The outermost named function holding the request, called from an unindented line.
            var s: Int? = scope
            var outermost: String?
            while let current = s, current != 0 {
                if let name = scopes[current].name { outermost = name }
                s = scopes[current].parent
            }
            if let name = outermost, !Self.declarationCalls.contains(name), let offsets = callOffsets[name],
                offsets.contains(where: lineIsUnindented)
            {
                return true
            }
        }
        return false
    }

    /// The byte ranges of calls written as the first token of an unindented line (`run(…)`, `main()`).
    private func entryCallRanges() -> [Range<Int>] {
        let tokens = module.tokens
        var out: [Range<Int>] = []
        for i in tokens.indices where tokens[i].kind == .name && module.isOp(i + 1, "(") {
            let start = tokens[i].range.lowerBound
            guard start == 0 || source.bytes[start - 1] == UInt8(ascii: "\n"),
                !Self.declarationCalls.contains(tokens[i].text), let close = module.matching[i + 1]
            else { continue }
            out.append(start..<tokens[close].range.upperBound)
        }
        return out
    }
}
